#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: build an x86_64 kernel with the benchmark suite and run it
# under QEMU with two CPUs (UML has neither SMP nor jump labels, and its
# atomics and locks are nearly free, which would flatter every design).
# Prints the table and keeps it in $MR_BUILD/bench.txt.
set -euo pipefail
. "$(dirname "$0")/common.sh"

WITH_QEMU=1 prepare_tree

phase "build and boot the x86_64 benchmark kernel (QEMU, -smp 2, no KVM)"
out=$MR_BUILD/bench-x86_64
mkdir -p "$out"
cd "$MR_KSRC"
python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
	--kunitconfig="$MR_TOP/kunit/bench.kunitconfig" \
	--build_dir="$out" --make_options 'CC=ccache gcc' --jobs "$MR_JOBS" \
	--qemu_args='-smp 2' --timeout 900 'mem_reserve_bench' >"$out/kunit.out" 2>&1 ||
	{ tail -n 40 "$out/kunit.out"; die "benchmark run failed (log: $out/kunit.out)"; }
phase_done

table=$MR_BUILD/bench.txt
sed -n 's/^.*# bench_table: bench: //p' "$out/test.log" >"$table"
[ -s "$table" ] || die "no benchmark table in $out/test.log"
printf '\nLinux %s, QEMU x86_64 TCG, 2 vCPUs\n' "$(kernel_version)"
cat "$table"
echo "table written to $table"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: build the x86_64 benchmark kernels and run them under QEMU
# with two CPUs (UML has neither SMP nor jump labels, and its atomics and
# locks are nearly free, which would flatter every design):
# - the project's, booted four times: the library's benchmark (its peers
#   in the same boot), in wall time and in instructions (-icount); the
#   sizing measurement (groups filled from the reserves, pages consumed
#   against pages reserved); and the network throughput benchmark under
#   -icount;
# - pristine 6.12 with the same configuration and the same network
#   throughput benchmark, copied in (it uses mainline interfaces only),
#   under -icount too.
# Prints both tables and keeps them in $MR_BUILD/bench.txt.
set -euo pipefail
. "$(dirname "$0")/common.sh"

WITH_QEMU=1 prepare_tree

# run_bench SRC KUNITCONFIG BUILD_DIR SUITE [QEMU_ARGS [LOG]]: build and
# boot, run SUITE (a glob); its log is kept as BUILD_DIR/LOG.log, by
# default SUITE without the *
run_bench() {
	local src=$1 config=$2 out=$3 suite=$4 qemu_args=${5:-}
	local log=${6:-${suite//\*/}}

	mkdir -p "$out"
	(cd "$src" && python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
		--kunitconfig="$config" --build_dir="$out" \
		--make_options 'CC=ccache gcc' --jobs "$MR_JOBS" \
		--qemu_args="-smp 2 $qemu_args" --timeout 900 "$suite") >"$out/kunit.out" 2>&1 ||
		{ tail -n 40 "$out/kunit.out"; die "benchmark run failed (log: $out/kunit.out)"; }
	cp "$out/test.log" "$out/$log.log"
}

# The pristine tree with the throughput benchmark and the loopback helpers
# it shares with the tests, built whenever KUnit is.
pristine_bench_tree() {
	local src=$1 dir=net/mem_reserve_bench f

	scratch_tree "$src"
	mkdir -p "$src/$dir"
	for f in throughput_bench.c loopback.c loopback.h; do
		cp "$MR_TOP/consumers/net/$f" "$src/$dir/"
	done
	echo 'obj-y += throughput_bench.o loopback.o' >"$src/$dir/Makefile"
	append_line "$src" net/Makefile 'obj-$(CONFIG_KUNIT) += mem_reserve_bench/'
}

# The network benchmark, and the library's in a second boot, count guest
# instructions, not host time: under -icount the guest's clock advances
# one nanosecond per instruction, so a round's MB/s is bytes per
# instruction and a ns/op is instructions per operation, and the same code
# gives the same figure from one boot to the next (wall time under TCG
# varied by half from round to round). It does not see cache misses or
# lock contention, and runs one vCPU at a time.
ICOUNT='-icount shift=0'

phase "the project's benchmark kernel: build and boot (QEMU x86_64, -smp 2, no KVM)"
project=$MR_BUILD/bench-x86_64
run_bench "$MR_KSRC" "$MR_TOP/kunit/bench.kunitconfig" "$project" mem_reserve_bench
run_bench "$MR_KSRC" "$MR_TOP/kunit/bench.kunitconfig" "$project" mem_reserve_bench \
	"$ICOUNT" mem_reserve_bench-icount
run_bench "$MR_KSRC" "$MR_TOP/kunit/bench.kunitconfig" "$project" 'mem_reserve_size*'
run_bench "$MR_KSRC" "$MR_TOP/kunit/bench.kunitconfig" "$project" net_throughput_bench "$ICOUNT"
phase_done

phase "pristine 6.12 with the network benchmark: build and boot"
pristine=$MR_BUILD/bench-pristine-x86_64
src=$MR_CACHE/linux-6.12-bench
pristine_bench_tree "$src"
mkdir -p "$pristine"
grep -v 'MEM_RESERVE_BENCH\|MEM_RESERVE_KUNIT_TEST' "$MR_TOP/kunit/bench.kunitconfig" \
	>"$pristine/pristine.kunitconfig"
run_bench "$src" "$pristine/pristine.kunitconfig" "$pristine" net_throughput_bench "$ICOUNT"
phase_done

table=$MR_BUILD/bench.txt
{
	printf 'Linux %s, QEMU x86_64 TCG, 2 vCPUs\n\n' "$(kernel_version)"
	sed -n 's/^.*# bench_table: bench: //p' "$project/mem_reserve_bench.log"
	printf '\nThe same, in guest instructions per operation (-icount; the two-CPU\n'
	printf 'rows need real parallelism, which -icount does not give)\n'
	sed -n 's/^.*# bench_table: bench: //p' "$project/mem_reserve_bench-icount.log" |
		grep -v '^(7)'
	printf '\nSizing: 256 KiB groups filled from the reserves under exhaustion\n'
	sed -n 's/^.*# size_[a-z_]*: \([a-z].*pages.*\)$/\1/p' \
		"$project/mem_reserve_size.log"
	printf '\nNetwork throughput, MB per 10^9 guest instructions (-icount)\n'
	printf '(median of the rounds, +- half their range)\n'
	"$MR_TOP/scripts/bench-net-table.py" "$pristine/net_throughput_bench.log" \
		"$project/net_throughput_bench.log"
} >"$table"
grep -q '^udp-send' "$table" || die "no network benchmark table in $table"
cat "$table"
echo "table written to $table"

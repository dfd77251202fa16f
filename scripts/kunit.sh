#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build a kernel out of tree with the project's kunitconfig and run its
# KUnit suites, with the kernel's own kunit.py: on UML by default, or with
# KUNIT_ARCH=x86_64 on QEMU with two CPUs (kunit/smp.kunitconfig), or with
# KUNIT_ARCH=um-off on UML with the network reserve configured out
# (kunit/net-off.kunitconfig). Extra
# arguments go to kunit.py (a suite glob, for instance); so does
# $KUNIT_FILTER. Leaves the results in $MR_BUILD/kunit-<arch>.json for
# scripts/kunit-count.py.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=${KUNIT_ARCH:-um}
case $arch in
um)
	config=$MR_TOP/lib/mem_reserve/.kunitconfig
	arch_args=()
	;;
um-off)
	# the network reserve configured out, on UML
	config=$MR_TOP/kunit/net-off.kunitconfig
	arch_args=()
	;;
x86_64)
	config=$MR_TOP/kunit/smp.kunitconfig
	# -m: what the exhaustion cases fill, page by page, under TCG
	arch_args=(--arch=x86_64 --qemu_args='-smp 2 -m 768' --timeout 2400)
	;;
*)
	die "KUNIT_ARCH=$arch: um, um-off or x86_64"
	;;
esac

check_overlay

mkdir -p "$MR_BUILD"
rm -f "$MR_BUILD/kunit-$arch.json"
cd "$MR_KSRC"
exec python3 tools/testing/kunit/kunit.py run "${arch_args[@]}" \
	--kunitconfig="$config" \
	--build_dir="$MR_BUILD/kunit-$arch" \
	--make_options 'CC=ccache gcc' --jobs "$MR_JOBS" \
	--json="$MR_BUILD/kunit-$arch.json" "$@" ${KUNIT_FILTER:+"$KUNIT_FILTER"}

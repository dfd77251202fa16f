#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the UML kernel out of tree with the project's kunitconfig and run
# its KUnit suites, with the kernel's own kunit.py. Extra arguments go to
# kunit.py (a suite glob, for instance); so does $KUNIT_FILTER. Leaves the
# results in $MR_BUILD/kunit.json for scripts/kunit-count.py.
set -euo pipefail
. "$(dirname "$0")/common.sh"

mkdir -p "$MR_BUILD"
rm -f "$MR_BUILD/kunit.json"
cd "$MR_KSRC"
exec python3 tools/testing/kunit/kunit.py run \
	--kunitconfig=lib/mem_reserve/.kunitconfig \
	--build_dir="$MR_BUILD/kunit-um" \
	--make_options 'CC=ccache gcc' --jobs "$MR_JOBS" \
	--json="$MR_BUILD/kunit.json" "$@" ${KUNIT_FILTER:+"$KUNIT_FILTER"}

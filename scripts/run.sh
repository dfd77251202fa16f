#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make run, the main job: build the same UML kernel make test builds and
# boot it with the host's root over hostfs and scripts/run-init.sh as
# init. The guest prints the reserve tree, runs the demo scenes in
# scripts/run.d/ and halts. Needs no network and no root in the guest's
# sense: UML is an ordinary process.
set -euo pipefail
. "$(dirname "$0")/common.sh"

prepare_tree

phase "build the UML kernel"
build_uml_kernel "$MR_KSRC" "$MR_TOP/lib/mem_reserve/.kunitconfig" "$MR_BUILD/kunit-um" \
	"$MR_BUILD/run-build.log" || die "kernel build failed (log: $MR_BUILD/run-build.log)"
phase_done

phase "boot it (UML, host root over hostfs; the KUnit suites stay off)"
# con0 is our stdin and stdout (stdin is /dev/null: nothing is typed);
# "quiet" keeps the boot log short. UML quits silently on a bad console
# argument, so check that init really ran to its end.
out=$MR_BUILD/run.out
timeout 300 "$MR_BUILD/kunit-um/linux" mem=256M quiet kunit.enable=0 \
	rootfstype=hostfs rootflags=/ rw init="$MR_TOP/scripts/run-init.sh" \
	con=null con0=fd:0,fd:1 </dev/null 2>&1 |
	grep -v -e 'channel type which is configured out' -e 'failed to parse channel pair' |
	tee "$out" || die "the UML kernel did not halt cleanly"
grep -q '^=== halting' "$out" ||
	die "the guest did not run scripts/run-init.sh to its end (output: $out)"
phase_done

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make test: install what is missing, prepare the kernel tree, apply the
# overlay, then run the Coccinelle cases, the KUnit suites on UML and on
# QEMU x86_64 with two CPUs, the converted stack built and tested on UML
# with the network reserve configured out, a short end-to-end run (swap
# over NFS between two UML kernels), the static gates (sparse, checkpatch,
# kernel-doc), the documentation built by Sphinx, and the patch series of
# make patches.
# Each KUnit case, each end-to-end check, each Coccinelle case and each
# gate counts once in the closing line
# "N passed, N failed[, N skipped]". A phase that cannot run because an
# earlier one failed counts as failed, never as skipped or passed.
set -uo pipefail
. "$(dirname "$0")/common.sh"

passed=0
failed=0
skipped=0
log=$MR_BUILD/test-logs
mkdir -p "$log"

summary() {
	local line="$passed passed, $failed failed"

	[ "$skipped" -gt 0 ] && line+=", $skipped skipped"
	echo
	echo "$line"
	[ "$failed" -eq 0 ]
	exit
}

# setup phases: a failure here ends the run, counted as one failure
setup() {
	local what=$1

	shift
	phase "$what"
	if ! "$@"; then
		echo "FAILED: $what ($*)"
		failed=$((failed + 1))
		summary
	fi
	phase_done
}

# a gate counts once, passed or failed
gate() {
	local what=$1

	shift
	phase "$what"
	if "$@"; then
		passed=$((passed + 1))
	else
		echo "FAILED: $what"
		failed=$((failed + 1))
	fi
	phase_done
}

WITH_QEMU=1 setup "dependencies" "$MR_TOP/scripts/install-deps.sh"
setup "kernel tree" "$MR_TOP/scripts/pristine-tree.sh"
setup "overlay" "$MR_TOP/scripts/overlay.sh"

phase "Coccinelle test cases"
"$MR_TOP/scripts/check-cocci.sh" | tee "$log/cocci.log"
read -r p f < <(sed -n 's/^cocci: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$log/cocci.log")
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-1}))
phase_done

# One kunit.py run: every case counts; a run that failed with no failed
# case (a build error, a crash) counts as one more failure.
kunit_run() {
	local arch=$1 what=$2 ok=1 p f s

	phase "KUnit on $what (build and run)"
	KUNIT_ARCH=$arch "$MR_TOP/scripts/kunit.sh" >"$log/kunit-$arch.log" 2>&1 || ok=0
	grep -E '^\[..:..:..\] (\[(PASSED|FAILED|SKIPPED|CRASHED)\]|=+ |Testing complete|Elapsed|# .*FAILED at|Expected |    )|error:|ERROR' \
		"$log/kunit-$arch.log" | sed 's/^\[..:..:..\] //' | grep -v '^=* *$' || true
	read -r p f s < <(python3 "$MR_TOP/scripts/kunit-count.py" "$MR_BUILD/kunit-$arch.json")
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	if [ "$ok" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "FAILED: kunit.py on $what (log: $log/kunit-$arch.log)"
		tail -n 20 "$log/kunit-$arch.log"
		failed=$((failed + 1))
	fi
	phase_done
}

kunit_run um "UML"
kunit_run x86_64 "QEMU x86_64, 2 CPUs, KASAN and lockdep"
kunit_run um-off "UML with the network reserve configured out"

# The short end-to-end run: each of its checks counts; a run that printed
# none (no kernel, no network namespace) counts as one failure.
phase "end to end: swap over NFS under a UDP flood (two UML kernels)"
E2E_SHORT=1 "$MR_TOP/scripts/e2e.sh" >"$log/e2e.log" 2>&1
grep -E '^(==>|e2e: |error:)' "$log/e2e.log"
p=$(grep -c '^e2e: PASS' "$log/e2e.log")
f=$(grep -c '^e2e: FAIL' "$log/e2e.log")
passed=$((passed + p))
failed=$((failed + f))
if [ "$((p + f))" -eq 0 ]; then
	echo "FAILED: the end-to-end run checked nothing (log: $log/e2e.log)"
	tail -n 20 "$log/e2e.log"
	failed=$((failed + 1))
fi
phase_done

gate "sparse" "$MR_TOP/scripts/check-sparse.sh"
gate "checkpatch --strict" "$MR_TOP/scripts/check-checkpatch.sh"
gate "kernel-doc" "$MR_TOP/scripts/check-kerneldoc.sh"

# counted() WHAT NAME SCRIPT: a check that prints its own
# "NAME: N passed, N failed[, N skipped]"; each of its cases counts, and a
# run that printed no such line counts as one failure.
counted() {
	local what=$1 name=$2 p f s

	shift 2
	phase "$what"
	"$@" 2>&1 | tee "$log/$name.log"
	read -r p f s < <(sed -n "s/^$name: \([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) skipped\)\{0,1\}$/\1 \2 \4/p" \
		"$log/$name.log")
	if [ -z "${p:-}" ]; then
		echo "FAILED: $what printed no count (log: $log/$name.log)"
		failed=$((failed + 1))
	else
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + ${s:-0}))
	fi
	phase_done
}

counted "documentation: Sphinx with the kernel's conf.py" htmldocs "$MR_TOP/scripts/check-htmldocs.sh"
# nothing else builds now: the step builds may use every CPU
counted "patch series: git am, checkpatch --strict, a build at each step" patches \
	env PATCHES_JOBS="${PATCHES_JOBS:-$MR_JOBS}" "$MR_TOP/scripts/check-patches.sh"

summary

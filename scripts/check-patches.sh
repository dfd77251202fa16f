#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Check the patch series of make patches (scripts/patches.sh), made afresh:
#
# - it applies with git am to a fresh worktree of the pristine commit
#   ($MR_CACHE/patches-am);
# - each patch passes checkpatch.pl --strict with no error, warning or
#   check (but the two the layout of trace event headers draws there, as
#   in check-checkpatch.sh), and has a real changelog (not patches.sh's
#   default);
# - the tree builds at each step: a UML build, out of tree in
#   $MR_BUILD/patches-um with ccache, of the directories whose C files the
#   patch adds or changes (make <dir>/; not vmlinux), with UML's defconfig
#   plus the project's kunitconfigs, so that the new code is compiled;
# - it applies to the stable tag v<version> if a git repository at hand
#   has it (STABLE_GIT, or the kernel tree's own); offline, without one,
#   that case is skipped and says so.
#
# The builds run one at a time, niced, with PATCHES_JOBS jobs (default 1):
# other builds may be running. PATCHES_BUILD=0 leaves them out;
# PATCHES_BUILD_STEPS=N builds only the first N commits.
# Each case counts once in the last line, "patches: N passed, N failed,
# N skipped", which scripts/test.sh adds to its own.
set -uo pipefail
. "$(dirname "$0")/common.sh"

out=${MR_PATCHES_OUT:-$MR_BUILD/patches}
am=$MR_CACHE/patches-am
build=$MR_BUILD/patches-um
jobs=${PATCHES_JOBS:-1}
log=$MR_BUILD/patches-check
passed=0
failed=0
skipped=0
mkdir -p "$log"

pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }
summary() {
	echo "patches: $passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
	exit
}

phase "make patches"
if "$MR_TOP/scripts/patches.sh" >"$log/patches.log" 2>&1; then
	pass "the series was written"
else
	tail -n 20 "$log/patches.log"
	fail "scripts/patches.sh (log: $log/patches.log)"
	summary
fi
mapfile -t series < <(ls "$out"/[0-9][0-9][0-9][0-9]-*.patch | grep -v '/0000-cover-letter.patch$')
phase_done

phase "git am on a fresh pristine worktree ($am)"
scratch_tree "$am"
pristine=$(git -C "$am" rev-parse HEAD)
if git -C "$am" am -q "${series[@]}" >"$log/am.log" 2>&1; then
	pass "git am of ${#series[@]} patches"
else
	cat "$log/am.log"
	fail "git am"
	summary
fi
phase_done

# trace_layout PATCH: checkpatch's messages on stdin, less the two types
# that the layout of include/trace/events/ headers always draws
# (TP_STRUCT__entry( alone on its line, arguments aligned under the macro),
# in hunks of such headers only: the same exception as the project's own
# checkpatch gate.
trace_layout() {
	awk 'NR == FNR {
		if ($0 ~ /^diff --git a\//) { f = $3; sub(/^a\//, "", f) }
		file[FNR] = f
		next
	}
	{
		split($0, m, ":")
		if (file[m[2] + 0] ~ /^include\/trace\/events\// &&
		    (m[4] == "OPEN_ENDED_LINE" || m[4] == "PARENTHESIS_ALIGNMENT"))
			next
		print
	}' "$1" -
}

# checkpatch: the pristine tree's own, in the tree (so that it can look up
# the files a patch touches). Every message counts but those trace_layout
# drops.
phase "checkpatch --strict and changelogs, patch by patch"
for p in "${series[@]}"; do
	n=$(basename "$p")
	# Debian's python3 first: spdxcheck.py, which checkpatch runs, needs
	# the modules apt installed (python3-ply, python3-git)
	msgs=$(cd "$am" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict --terse --show-types "$p" |
		grep -E ': (ERROR|WARNING|CHECK):' | trace_layout "$p")
	if [ -z "$msgs" ]; then
		pass "checkpatch $n"
	else
		echo "$msgs"
		fail "checkpatch $n: $(echo "$msgs" | wc -l) message(s)"
	fi
	if grep -q '^No changelog yet: ' "$p"; then
		fail "changelog $n: default text, write the one named in it"
	else
		pass "changelog $n"
	fi
done
phase_done

# The stable tag the Debian tree matches: no repository here has it unless
# one is given (there is no network to fetch it from).
phase "the stable tag"
ver=$(kernel_version)
stable=${STABLE_GIT:-$MR_KSRC}
if git -C "$stable" rev-parse -q --verify "refs/tags/v$ver^{commit}" >/dev/null 2>&1; then
	tree=$MR_CACHE/patches-stable
	rm -rf "$tree"
	git -C "$stable" worktree prune
	git -C "$stable" worktree add -q --detach "$tree" "v$ver"
	if git -C "$tree" am -q "${series[@]}" >"$log/stable.log" 2>&1; then
		pass "git am on v$ver"
	else
		cat "$log/stable.log"
		fail "git am on v$ver"
	fi
	git -C "$stable" worktree remove --force "$tree"
else
	skip "v$ver is not in ${STABLE_GIT:-$MR_KSRC} and cannot be fetched offline: set STABLE_GIT to a linux-stable clone"
fi
phase_done

# Builds: each commit checked out in turn (only the files it changes get
# new mtimes, so each build is incremental), its .config remade from
# defconfig and the fragment, since options appear with the patches.
if [ "${PATCHES_BUILD:-1}" = 0 ]; then
	summary
fi
fragment=$log/config
cat "$MR_TOP"/kunit/.kunitconfig "$MR_TOP"/kunit/bench.kunitconfig >"$fragment"
mapfile -t commits < <(git -C "$am" rev-list --reverse "$pristine..HEAD")
last=${commits[-1]}
[ -n "${PATCHES_BUILD_STEPS:-}" ] && commits=("${commits[@]:0:$PATCHES_BUILD_STEPS}")
kmake() {
	nice -n 19 make -C "$am" ARCH=um O="$build" CC='ccache gcc' -j"$jobs" "$@"
}
mkdir -p "$build"
for c in "${commits[@]}"; do
	subject=$(git -C "$am" log -1 --format=%s "$c")
	mapfile -t dirs < <(git -C "$am" diff --name-only --diff-filter=AM "$c^" "$c" -- '*.c' |
		xargs -r -n1 dirname | sort -u)
	[ ${#dirs[@]} -gt 0 ] || { echo "no C file in '$subject': nothing to build"; continue; }
	phase "build at '$subject': ${dirs[*]/%//}"
	git -C "$am" checkout -q --detach "$c"
	if kmake defconfig >"$log/build.log" 2>&1 &&
		(cd "$am" && scripts/kconfig/merge_config.sh -m -O "$build" \
			"$build/.config" "$fragment") >>"$log/build.log" 2>&1 &&
		kmake olddefconfig >>"$log/build.log" 2>&1 &&
		kmake "${dirs[@]/%//}" >>"$log/build.log" 2>&1; then
		pass "build at '$subject'"
	else
		grep -E 'error|Error' "$log/build.log" | head -n 20
		cp "$log/build.log" "$log/build-failed-$(git -C "$am" rev-parse --short "$c").log"
		fail "build at '$subject' (log: $log/build-failed-*.log)"
	fi
	phase_done
done
git -C "$am" checkout -q --detach "$last"

summary

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Gate: the project's rst pages built as HTML by Sphinx with the kernel's
# own Documentation/conf.py and extensions (kernel-doc directive included),
# with no warning. Only the project's pages are built, from a scratch
# source directory in $MR_BUILD/htmldocs with an index of its own: the
# whole core-api and networking books take far too long on two cores.
#
# Warnings are errors (-W), and kernel-doc runs with KDOC_WERROR, so that a
# directive naming a file, symbol or doc section that is not there fails
# rather than printing a note. A canary page with such a directive is
# built the same way and must fail: otherwise the gate would prove nothing.
# The overlaid tree (MR_KSRC) provides the sources the directives read and
# must list the pages in its indexes.
#
# Prints "htmldocs: N passed, N failed" for scripts/test.sh.
set -uo pipefail
. "$(dirname "$0")/common.sh"

check_overlay
dir=$MR_BUILD/htmldocs
ver=$(kernel_version)
passed=0
failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

mapfile -t pages < <(cd "$MR_TOP" && git ls-files --cached --others --exclude-standard -- \
	'Documentation/*.rst' | sed 's|^Documentation/||' | sort)
[ ${#pages[@]} -gt 0 ] || die "no rst pages under $MR_TOP/Documentation"

# sphinx NAME BASE PAGE...: build a source tree of those pages of BASE
# (paths as under Documentation/ in the kernel, so that relative
# references hold) and an index listing them; its output in $dir/NAME.log.
sphinx() {
	local name=$1 base=$2 src=$dir/$1/src p

	shift 2
	rm -rf "${dir:?}/$name"
	mkdir -p "$src"
	{
		printf '%s\n%s\n%s\n\n.. toctree::\n   :maxdepth: 2\n\n' \
			"=====================" "mem_reserve ($name)" "====================="
		for p in "$@"; do
			mkdir -p "$src/$(dirname "$p")"
			[ -e "$src/$p" ] || ln -s "$base/$p" "$src/$p"
			printf '   %s\n' "${p%.rst}"
		done
	} >"$src/index.rst"
	(cd "$MR_KSRC/Documentation" && KDOC_WERROR=1 PYTHONDONTWRITEBYTECODE=1 \
		sphinx-build -b html -W --keep-going -E -q -j1 \
		-c "$MR_KSRC/Documentation" -d "$dir/$name/doctrees" \
		-D kerneldoc_srctree="$MR_KSRC" -D kerneldoc_bin="$MR_KSRC/scripts/kernel-doc" \
		-D version="$ver" -D release="$ver" \
		"$src" "$dir/$name/html") >"$dir/$name.log" 2>&1
}

# Any line of Sphinx's output that speaks of a warning or an error fails
# the gate, even one that -W let through.
warned() {
	grep -qiE 'warning|error' "$1"
}

phase "Sphinx: ${pages[*]}"
if sphinx pages "$MR_TOP/Documentation" "${pages[@]}" && ! warned "$dir/pages.log"; then
	pass "htmldocs: ${#pages[@]} pages, no warning ($dir/pages/html/index.html)"
else
	cat "$dir/pages.log"
	fail "htmldocs: Sphinx warned (log: $dir/pages.log)"
fi
phase_done

phase "Sphinx: a kernel-doc directive that names a missing symbol must fail"
mkdir -p "$dir/canary-page"
cat >"$dir/canary-page/canary.rst" <<'RST'
=======
Canary
=======

.. kernel-doc:: include/linux/mem_reserve.h
   :identifiers: mem_reserve_no_such_function
RST
if ! sphinx canary "$dir/canary-page" canary.rst &&
	grep -q "'mem_reserve_no_such_function' not found" "$dir/canary.log"; then
	pass "htmldocs canary: a missing symbol fails the build"
else
	cat "$dir/canary.log"
	fail "htmldocs canary: a missing symbol did not fail the build as it should"
fi
phase_done

phase "the pages are in the overlaid tree's indexes"
for p in "${pages[@]}"; do
	if grep -qxF "   $(basename "$p" .rst)" "$MR_KSRC/Documentation/$(dirname "$p")/index.rst"; then
		pass "Documentation/$p is listed in its index.rst"
	else
		fail "Documentation/$p is not listed in $(dirname "$p")/index.rst"
	fi
done
phase_done

echo "htmldocs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

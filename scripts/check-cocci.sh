#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Coccinelle test cases. Every cocci/NN-name.cocci, and every generic
# script cocci/reserve-name.cocci, is applied to each cocci/tests/name*.c
# and must give the matching .res exactly; applied again to the .res it
# must change nothing. A case with a .report, .context or .org must give
# that output in that mode. A case's options are its script's
# "// Options:" line plus its own .opts file, if it has one (the -D
# values of the generic scripts). Then, in the overlaid kernel tree, each
# NN-*.cocci applied again to each file it converted (its "// Files:")
# must change nothing; the generic scripts name no files and are never
# applied to the kernel. Last, each NN-*.cocci applied to the whole of
# the pristine directories its files are in must change those files and
# no other. One line per case, "ok" or "FAIL", then
# "cocci: P passed, F failed".
set -uo pipefail
. "$(dirname "$0")/common.sh"

pass=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Run "$@" and count it as passed or failed.
count() {
	if "$@"; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
	fi
}

# Apply script $1 with options $2 to file $3, in place; its log on failure.
apply() {
	# shellcheck disable=SC2086
	spatch --sp-file "$1" -D patch $2 --in-place --no-show-diff \
		--very-quiet "$3" >"$tmp/log" 2>&1 || { cat "$tmp/log"; return 1; }
}

check() {
	local sp=$1 in=$2 res=${2%.c}.res opts=$3 out=$tmp/$(basename "$2")

	if [ ! -f "$res" ]; then
		echo "FAIL $(basename "$in"): no $(basename "$res")"
		return 1
	fi
	cp "$in" "$out"
	apply "$sp" "$opts" "$out" || return 1
	if ! diff -u "$res" "$out"; then
		echo "FAIL $(basename "$in"): output differs from $(basename "$res")"
		return 1
	fi
	apply "$sp" "$opts" "$out" || return 1
	if ! diff -u "$res" "$out"; then
		echo "FAIL $(basename "$in"): a second application changed it"
		return 1
	fi
	echo "ok   $(basename "$sp") $(basename "$in")"
}

# Report, context or org mode ($4): the output for $2 must be the
# matching .report, .context or .org. It runs from the test's own
# directory, so that the paths are its basename; the "+++" line of a
# context diff names a temporary file and is left out.
check_mode() {
	local sp=$1 in=$2 opts=$3 mode=$4 want=${2%.c}.$4 got=$tmp/out

	# shellcheck disable=SC2086
	(cd "$(dirname "$in")" && spatch --sp-file "$sp" -D "$mode" $opts \
		--very-quiet "$(basename "$in")") >"$got" 2>"$tmp/log" ||
		{ cat "$tmp/log"; return 1; }
	sed -i '/^+++ /d' "$got"
	if ! diff -u "$want" "$got"; then
		echo "FAIL $(basename "$in"): $mode output differs from $(basename "$want")"
		return 1
	fi
	echo "ok   $(basename "$sp") $(basename "$in") ($mode)"
}

for sp in "$MR_TOP"/cocci/[0-9][0-9]-*.cocci "$MR_TOP"/cocci/reserve-*.cocci; do
	[ -e "$sp" ] || continue
	name=$(basename "$sp" .cocci)
	cases=0
	for in in "$MR_TOP/cocci/tests/$name"*.c; do
		[ -e "$in" ] || continue
		cases=$((cases + 1))
		opts=$(sed -n 's|^// Options: *||p' "$sp")
		[ -f "${in%.c}.opts" ] && opts="$opts $(cat "${in%.c}.opts")"
		count check "$sp" "$in" "$opts"
		for mode in report context org; do
			[ -f "${in%.c}.$mode" ] || continue
			count check_mode "$sp" "$in" "$opts" "$mode"
		done
	done
	if [ "$cases" -eq 0 ]; then
		echo "FAIL $name: no test cases in cocci/tests/"
		failed=$((failed + 1))
	fi
done

# The kernel files, as the overlay left them: a second application, to a
# copy, must change nothing. Only the NN-*.cocci the overlay applies.
again() {
	local sp=$1 f=$2 opts=$3 copy=$tmp/$(basename "$2")

	cp "$MR_KSRC/$f" "$copy"
	apply "$sp" "$opts" "$copy" || return 1
	if ! diff -u "$MR_KSRC/$f" "$copy"; then
		echo "FAIL $(basename "$sp") $f: a second application changes it"
		return 1
	fi
	echo "ok   $(basename "$sp") $f (again, in the kernel tree)"
}

for sp in "$MR_TOP"/cocci/[0-9][0-9]-*.cocci; do
	[ -e "$sp" ] || continue
	opts=$(sed -n 's|^// Options: *||p' "$sp")
	for f in $(sed -n 's|^// Files: *||p' "$sp"); do
		if [ ! -f "$MR_KSRC/$f" ]; then
			echo "FAIL $(basename "$sp") $f: not in $MR_KSRC"
			failed=$((failed + 1))
		else
			count again "$sp" "$f" "$opts"
		fi
	done
done
# Scope: applied in patch mode to the whole of the pristine directories
# its files live in (net/, include/net/, mm/, include/linux/,
# arch/um/drivers/, fs/nfs/, drivers/net/), each NN-*.cocci must change
# exactly its "// Files:" and nothing else: a rule that matches a shape rather than its site
# would rewire another subsystem's code.
scope_dir() {
	case $1 in
	include/*) echo "$1" | cut -d/ -f1-2 ;;
	arch/*) echo "$1" | cut -d/ -f1-3 ;;
	fs/* | drivers/*) echo "$1" | cut -d/ -f1-2 ;;
	*) echo "$1" | cut -d/ -f1 ;;
	esac
}

scope() {
	local sp=$1 opts=$2 want=$3 d f hdr got

	: >"$tmp/scope.out"
	for d in $(for f in $want; do scope_dir "$f"; done | sort -u); do
		# headers too where the script changes one there
		hdr=
		for f in $want; do
			case $f in "$d"/*.h) hdr=--include-headers ;; esac
		done
		# shellcheck disable=SC2086
		if ! (cd "$tmp/pristine" && spatch --sp-file "$sp" -D patch $opts \
			$hdr --dir "$d" -j "$MR_JOBS" --very-quiet) \
			>"$tmp/scope.diff" 2>"$tmp/scope.log"; then
			echo "FAIL $(basename "$sp"): spatch failed over $d"
			cat "$tmp/scope.log"
			return 1
		fi
		sed -n "s|^+++ b/|$d/|p" "$tmp/scope.diff" >>"$tmp/scope.out"
	done
	got=$(sort -u "$tmp/scope.out")
	if [ "$got" != "$(echo "$want" | tr ' ' '\n' | sort -u)" ]; then
		echo "FAIL $(basename "$sp"): over the whole directories it changes"
		echo "$got" | sed 's/^/    /'
		return 1
	fi
	echo "ok   $(basename "$sp") changes only its files, over $(for f in $want; do scope_dir "$f"; done | sort -u | tr '\n' ' ')"
}

mkdir -p "$tmp/pristine"
# shellcheck disable=SC2046
git -C "$MR_KSRC" archive HEAD $(for f in $(sed -n 's|^// Files: *||p' \
	"$MR_TOP"/cocci/[0-9][0-9]-*.cocci); do scope_dir "$f"; done | sort -u) |
	tar -x -C "$tmp/pristine"
for sp in "$MR_TOP"/cocci/[0-9][0-9]-*.cocci; do
	[ -e "$sp" ] || continue
	count scope "$sp" "$(sed -n 's|^// Options: *||p' "$sp")" \
		"$(sed -n 's|^// Files: *||p' "$sp")"
done

echo "cocci: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

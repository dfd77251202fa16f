#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Gate: scripts/kernel-doc -Wall on every project .c/.h, zero warnings;
# and on every kernel file the Coccinelle scripts convert, no warning
# that the pristine file does not have (line numbers aside), so that a
# conversion leaves no kernel-doc describing the wrong function.
set -euo pipefail
. "$(dirname "$0")/common.sh"

cd "$MR_TOP"
mapfile -t files < <("$MR_TOP/scripts/project-files.sh")
out=$("$MR_KSRC/scripts/kernel-doc" -none -Wall "${files[@]}" 2>&1 || true)
if [ -n "$out" ]; then
	echo "$out"
	die "kernel-doc: $(echo "$out" | wc -l) warning(s)"
fi
echo "kernel-doc -Wall: ${#files[@]} files clean"

check_overlay
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The warnings for the file as named $2 under $1, one per line, without
# line numbers (the conversions move lines): "file: warning".
warnings() {
	(cd "$1" && "$MR_KSRC/scripts/kernel-doc" -none -Wall "$2" 2>&1 || true) |
		sed -E 's/^([^:]+):[0-9]+:/\1:/; s/ on line [0-9]+/ on line N/g' | sort
}
converted=$(sed -n 's|^// Files: *||p' "$MR_TOP"/cocci/[0-9][0-9]-*.cocci |
	tr ' ' '\n' | sed '/^$/d' | sort -u)
new=""
for f in $converted; do
	mkdir -p "$tmp/pristine/$(dirname "$f")"
	# a file the conversions create has no pristine warnings
	git -C "$MR_KSRC" show "HEAD:$f" >"$tmp/pristine/$f" 2>/dev/null ||
		: >"$tmp/pristine/$f"
	added=$(comm -13 <(warnings "$tmp/pristine" "$f") <(warnings "$MR_KSRC" "$f"))
	new+=${added:+$added$'\n'}
done
if [ -n "$new" ]; then
	printf '%s' "$new"
	die "kernel-doc: $(printf '%s' "$new" | wc -l) warning(s) the conversions add"
fi
echo "kernel-doc -Wall: the conversions add no warning to $(echo "$converted" | wc -l) files"

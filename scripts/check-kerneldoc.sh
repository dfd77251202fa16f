#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Gate: scripts/kernel-doc -Wall on every project .c/.h, zero warnings.
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

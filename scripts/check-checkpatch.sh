#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Gate: checkpatch --strict on every project .c/.h, zero errors, warnings
# and checks. No message type is ignored.
set -euo pipefail
. "$(dirname "$0")/common.sh"

cd "$MR_TOP"
mapfile -t files < <("$MR_TOP/scripts/project-files.sh")
out=$(perl "$MR_KSRC/scripts/checkpatch.pl" --strict --no-tree --terse \
	--show-types -f "${files[@]}" | grep -E ': (ERROR|WARNING|CHECK):' || true)
if [ -n "$out" ]; then
	echo "$out"
	die "checkpatch --strict: $(echo "$out" | wc -l) problem(s)"
fi
echo "checkpatch --strict: ${#files[@]} files clean"

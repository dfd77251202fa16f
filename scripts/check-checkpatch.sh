#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Gate: checkpatch --strict on every project .c/.h, zero errors, warnings
# and checks. The one exception: trace event headers are written in the
# layout of include/trace/events/ (TP_STRUCT__entry( on a line of its
# own, arguments aligned under the macro), which checkpatch's alignment
# and open-line checks do not know; those two are ignored there only.
set -euo pipefail
. "$(dirname "$0")/common.sh"

cd "$MR_TOP"
mapfile -t files < <("$MR_TOP/scripts/project-files.sh" | grep -v '^include/trace/events/')
mapfile -t events < <("$MR_TOP/scripts/project-files.sh" | grep '^include/trace/events/')
checkpatch() {
	perl "$MR_KSRC/scripts/checkpatch.pl" --strict --no-tree --terse \
		--show-types "$@" | grep -E ': (ERROR|WARNING|CHECK):' || true
}
out=$(checkpatch -f "${files[@]}")
if [ "${#events[@]}" -gt 0 ]; then
	out+=$(checkpatch --ignore OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT -f "${events[@]}")
fi
files+=("${events[@]}")
if [ -n "$out" ]; then
	echo "$out"
	die "checkpatch --strict: $(echo "$out" | wc -l) problem(s)"
fi
echo "checkpatch --strict: ${#files[@]} files clean"

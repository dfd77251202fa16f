#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# List the project's own C sources and headers, repo-relative, for the
# static gates. Coccinelle test cases (cocci/tests/) are left out: they are
# kernel code before conversion, not ours.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files --cached --others --exclude-standard -- '*.c' '*.h' |
	grep -v '^cocci/tests/' | sort

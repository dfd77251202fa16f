#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the project into the kernel tree: reset it to pristine, link the
# project's sources and documentation pages in, wire them into Kconfig,
# Makefile and the documentation indexes, and apply the
# Coccinelle scripts in cocci/ in order. Any failure leaves the pristine
# tree and says which step failed.
#
# Files whose overlaid content did not change since the last run get their
# old mtime back, so an unchanged overlay does not rebuild everything that
# includes, say, mmzone.h.
set -euo pipefail
. "$(dirname "$0")/common.sh"

git_k() { git -C "$MR_KSRC" "$@"; }
# (the git dir, since a worktree's .git is a file)
state=$(git_k rev-parse --absolute-git-dir)/mem_reserve-overlay.state

pristine() {
	git_k reset -q --hard
	git_k clean -fdqx
}

fail() {
	echo "overlay failed: $*" >&2
	pristine
	exit 1
}

# The checkout the tree was overlaid from last, if any: the link's own
# text, which link() below writes (it may dangle, its clone gone).
previous=
if [ -L "$MR_KSRC/lib/mem_reserve" ]; then
	previous=$(readlink "$MR_KSRC/lib/mem_reserve")
fi

# Remember content and mtime of what the last overlay changed.
: >"$state.new"
git_k diff --name-only HEAD | while read -r f; do
	[ -f "$MR_KSRC/$f" ] &&
		printf '%s %s %s\n' "$(sha1sum <"$MR_KSRC/$f" | cut -c1-40)" \
			"$(stat -c %Y "$MR_KSRC/$f")" "$f"
done >"$state.new"
mv "$state.new" "$state"

pristine

# The project's own files are linked, so the next build sees every edit:
# each header, the library, and each consumer directory as <subsystem>/mem_reserve.
link() {
	ln -s "$MR_TOP/$1" "$MR_KSRC/$2" || fail "linking $1 as $2"
}
while read -r h; do
	link "$h" "$h"
done < <(cd "$MR_TOP" && find include -type f -name '*.h' | sort)
link lib/mem_reserve lib/mem_reserve
for c in "$MR_TOP"/consumers/*/; do
	sub=$(basename "$c")
	[ -d "$MR_KSRC/$sub" ] || fail "consumers/$sub: no $sub/ in the kernel"
	link "consumers/$sub" "$sub/mem_reserve"
done

# Objects built from another checkout's sources (a CI clone's) can be
# newer than this checkout's files, and make would keep them: mark this
# checkout's sources new after an overlay from elsewhere.
if [ -n "$previous" ] && [ "$previous" != "$MR_TOP/lib/mem_reserve" ]; then
	echo "  last overlaid from $(dirname "$(dirname "$previous")"): sources marked new"
	find "$MR_TOP/include" "$MR_TOP/lib" "$MR_TOP/consumers" \
		-name '*.[ch]' -exec touch {} +
fi

# The documentation pages, linked like the sources.
while read -r d; do
	link "$d" "$d"
done < <(cd "$MR_TOP" && find Documentation -type f -name '*.rst' | sort)

# One-line insertions wire the library, the consumers and the pages into
# the build and the documentation's toctrees (scripts/common.sh).
wire_lib "$MR_KSRC" || fail "wiring lib/mem_reserve"
for c in "$MR_TOP"/consumers/*/; do
	sub=$(basename "$c")
	wire_consumer "$MR_KSRC" "$sub" || fail "wiring consumers/$sub"
done
while read -r d; do
	wire_doc "$MR_KSRC" "$d" || fail "listing $d in its index"
done < <(cd "$MR_TOP" && find Documentation -type f -name '*.rst' | sort)

# Semantic patches, in the order of their two-digit prefix. Each names the
# files it converts ("// Files:") and its spatch options ("// Options:").
for sp in "$MR_TOP"/cocci/[0-9][0-9]-*.cocci; do
	[ -e "$sp" ] || continue
	files=$(cocci_files "$sp")
	[ -n "$files" ] || fail "$(basename "$sp") has no '// Files:' line"
	echo "  applying $(basename "$sp") to $files"
	for f in $files; do
		apply_cocci "$MR_KSRC" "$sp" "$f" || fail "$(basename "$sp") on $f"
	done
done

# Unchanged content keeps its old mtime.
while read -r sum mtime f; do
	[ -f "$MR_KSRC/$f" ] || continue
	[ "$(sha1sum <"$MR_KSRC/$f" | cut -c1-40)" = "$sum" ] &&
		touch -d "@$mtime" "$MR_KSRC/$f"
done <"$state"

echo "overlay applied to $MR_KSRC: kernel files changed:" $(git_k diff --name-only HEAD)

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Make sure a 6.12 kernel tree exists. With KSRC it checks the user's tree;
# otherwise it extracts Debian's linux-source-6.12 once into the cache and
# commits it to a private git repository, so that a build can always start
# again from "git reset --hard && git clean" of the pristine sources.
set -euo pipefail
. "$(dirname "$0")/common.sh"

if [ -n "${KSRC:-}" ]; then
	[ -f "$KSRC/Makefile" ] || die "KSRC=$KSRC is not a kernel tree"
	git -C "$KSRC" rev-parse --git-dir >/dev/null 2>&1 ||
		die "KSRC=$KSRC must be a git tree (the overlay resets it to HEAD)"
else
	tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n1)
	[ -n "$tarball" ] || die "no /usr/src/linux-source-6.12.tar.*: run scripts/install-deps.sh as root"
	if [ ! -f "$MR_KSRC/.git/mem_reserve-pristine" ]; then
		echo "extracting $tarball into $MR_KSRC"
		rm -rf "$MR_KSRC.tmp"
		mkdir -p "$MR_KSRC.tmp"
		tar -xf "$tarball" -C "$MR_KSRC.tmp" --strip-components=1
		git -C "$MR_KSRC.tmp" init -q
		git -C "$MR_KSRC.tmp" -c core.autocrlf=false add -A -f .
		ver=$(make -s -C "$MR_KSRC.tmp" kernelversion)
		git -C "$MR_KSRC.tmp" -c user.name=mem_reserve -c user.email=mem_reserve@localhost \
			commit -q -m "pristine $ver"
		touch "$MR_KSRC.tmp/.git/mem_reserve-pristine"
		rm -rf "$MR_KSRC"
		mv "$MR_KSRC.tmp" "$MR_KSRC"
	fi
fi

ver=$(kernel_version)
case "$ver" in
6.12.*) ;;
*) die "$MR_KSRC is Linux $ver, not 6.12" ;;
esac
echo "kernel tree: $MR_KSRC (Linux $ver)"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Gate: sparse (make C=2) over the project's directories in the configured
# UML build, and over the kernel files the Coccinelle scripts convert.
# Converted drivers that UML cannot build (PCI network drivers) are built
# for x86_64 instead, in a defconfig build with the options of
# scripts/sparse-drivers.config, so that each converted file is compiled
# somewhere. Fails on any sparse warning in a project file, and on any
# warning in a converted file that the pristine file does not have too.
set -euo pipefail
. "$(dirname "$0")/common.sh"

build=$MR_BUILD/kunit-um
[ -f "$build/.config" ] || die "no configured build in $build: run the KUnit phase first"

# The library and each consumer, linked as <subsystem>/mem_reserve/.
dirs=(lib/mem_reserve/)
for c in "$MR_TOP"/consumers/*/; do
	[ -d "$c" ] && dirs+=("$(basename "$c")/mem_reserve/")
done
# shellcheck disable=SC2206
dirs+=(${SPARSE_EXTRA_DIRS:-})
converted=$(sed -n 's|^// Files: *||p' "$MR_TOP"/cocci/[0-9][0-9]-*.cocci 2>/dev/null |
	tr ' ' '\n' | grep '\.c$' | sort -u || true)
objs=()
drivers=()
for f in $converted; do
	case $f in
	drivers/net/*) drivers+=("${f%.c}.o") ;;
	*) objs+=("${f%.c}.o") ;;
	esac
done

log=$MR_BUILD/sparse.log
make -s -C "$MR_KSRC" O="$build" ARCH=um CC='ccache gcc' -j"$MR_JOBS" C=2 \
	CF=-D__CHECK_ENDIAN__ "${dirs[@]}" "${objs[@]}" >"$log" 2>&1 ||
	{ tail -n 30 "$log"; die "sparse build failed (log: $log)"; }

# The drivers: configured again whenever the options change, and the
# options checked on every run (a configuration that failed is removed).
if [ "${#drivers[@]}" -gt 0 ]; then
	dbuild=$MR_BUILD/sparse-drivers-x86_64
	options=$MR_TOP/scripts/sparse-drivers.config
	dmake=(make -s -C "$MR_KSRC" O="$dbuild" ARCH=x86_64 CC='ccache gcc')
	mkdir -p "$dbuild"
	if [ ! -f "$dbuild/.config" ] || [ "$options" -nt "$dbuild/.config" ]; then
		if ! { "${dmake[@]}" defconfig && cat "$options" >>"$dbuild/.config" &&
			"${dmake[@]}" olddefconfig; } >>"$log" 2>&1; then
			rm -f "$dbuild/.config"
			tail -n 30 "$log"
			die "cannot configure $dbuild (log: $log)"
		fi
	fi
	missing=$(grep -vxF -f "$dbuild/.config" <(grep '^CONFIG_' "$options") || true)
	if [ -n "$missing" ]; then
		rm -f "$dbuild/.config"
		die "options not taken in $dbuild: $missing"
	fi
	"${dmake[@]}" -j"$MR_JOBS" C=2 CF=-D__CHECK_ENDIAN__ "${drivers[@]}" \
		>>"$log" 2>&1 ||
		{ tail -n 30 "$log"; die "sparse build of the drivers failed (log: $log)"; }
	objs+=("${drivers[@]}")
fi

# Project files may have no warning at all; converted kernel files only
# those their pristine version has (scripts/sparse-baseline/).
bad=$(grep -E '(warning|error):' "$log" | sed "s|^$MR_KSRC/||" |
	grep -E '^([a-z]+/mem_reserve/|include/linux/mem_reserve.h|include/net/net_reserve.h)' || true)
for f in $converted; do
	new=$(grep -E "$f:[0-9]+:[0-9]+: (warning|error):" "$log" |
		sed -E "s|^.*($f):[0-9]+:[0-9]+: |\\1: |" |
		grep -vxF -f "$MR_TOP/scripts/sparse-baseline/warnings.txt" || true)
	bad+=${new:+$'\n'$new}
done
bad=$(echo "$bad" | sed '/^$/d')
if [ -n "$bad" ]; then
	echo "$bad"
	die "sparse: $(echo "$bad" | wc -l) warning(s) in project code"
fi
echo "sparse: clean on ${dirs[*]} ${objs[*]}"

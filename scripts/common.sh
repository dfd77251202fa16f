# SPDX-License-Identifier: GPL-2.0
# Settings and helpers shared by the workspace scripts; sourced, never run.

MR_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MR_CACHE=${MEM_RESERVE_CACHE:-${HOME:-/root}/.cache/mem_reserve}
# The kernel tree: the user's own (KSRC) or the pristine Debian one in the cache.
MR_KSRC=${KSRC:-$MR_CACHE/linux-6.12}
MR_BUILD=${MEM_RESERVE_BUILD:-$MR_CACHE/build}
MR_JOBS=${JOBS:-$(nproc)}

phase_start=0
phase() {
	phase_start=$(date +%s)
	printf '\n==> %s\n' "$*"
}

phase_done() {
	printf '==> done in %ss\n' "$(( $(date +%s) - phase_start ))"
}

die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

kernel_version() {
	make -s -C "$MR_KSRC" kernelversion 2>/dev/null
}

# The first three phases of every job: packages, the pristine tree, the
# overlay. Extra environment (WITH_QEMU=1) goes to the install step.
prepare_tree() {
	phase "dependencies"
	"$MR_TOP/scripts/install-deps.sh"
	phase_done

	phase "kernel tree"
	"$MR_TOP/scripts/pristine-tree.sh"
	phase_done

	phase "overlay"
	"$MR_TOP/scripts/overlay.sh"
	phase_done
}

# build_uml_kernel SRC KUNITCONFIG BUILD_DIR LOG: the UML kernel of a
# kunitconfig, built by kunit.py out of tree with ccache; the log keeps
# kunit.py's output, and its last lines are shown when the build fails.
build_uml_kernel() {
	local src=$1 config=$2 dir=$3 log=$4

	mkdir -p "$(dirname "$dir")" "$(dirname "$log")"
	(cd "$src" && python3 tools/testing/kunit/kunit.py build \
		--kunitconfig="$config" --build_dir="$dir" \
		--make_options 'CC=ccache gcc' --jobs "$MR_JOBS") >"$log" 2>&1 ||
		{ tail -n 30 "$log"; return 1; }
}

# The tree builds whichever checkout overlaid it last: make sure it is this one.
check_overlay() {
	[ "$(readlink -f "$MR_KSRC/lib/mem_reserve")" = "$(readlink -f "$MR_TOP/lib/mem_reserve")" ] ||
		die "$MR_KSRC is overlaid from another checkout: run scripts/overlay.sh (make overlay) here"
}

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

# The wiring of the project into a kernel tree, shared by overlay.sh (which
# links the sources) and patches.sh (which copies them, step by step): the
# one-line Kconfig, Makefile and index.rst insertions, and the semantic
# patches. Each takes the tree first, changes nothing that is already
# there, and says what went wrong and returns non-zero on failure.

# append_line TREE FILE LINE: LINE at the end of FILE, once.
append_line() {
	local tree=$1 file=$2 line=$3

	[ -f "$tree/$file" ] || { echo "$file is missing" >&2; return 1; }
	grep -qxF "$line" "$tree/$file" || printf '%s\n' "$line" >>"$tree/$file"
}

# insert_line_after TREE FILE ANCHOR LINE: LINE after the line ANCHOR, once.
insert_line_after() {
	local tree=$1 file=$2 anchor=$3 line=$4

	[ -f "$tree/$file" ] || { echo "$file is missing" >&2; return 1; }
	grep -qxF "$line" "$tree/$file" && return 0
	grep -qxF "$anchor" "$tree/$file" ||
		{ echo "$file has no line '$anchor' to list '$line' after" >&2; return 1; }
	awk -v a="$anchor" -v l="$line" '{ print } $0 == a && !done { print l; done = 1 }' \
		"$tree/$file" >"$tree/$file.tmp" && mv "$tree/$file.tmp" "$tree/$file"
}

wire_lib() {
	append_line "$1" lib/Kconfig 'source "lib/mem_reserve/Kconfig"' &&
		append_line "$1" lib/Makefile 'obj-y += mem_reserve/'
}

# wire_consumer TREE SUB: consumers/SUB, which lives in SUB/mem_reserve/
wire_consumer() {
	append_line "$1" "$2/Kconfig" "source \"$2/mem_reserve/Kconfig\"" &&
		append_line "$1" "$2/Makefile" "obj-y += mem_reserve/"
}

# wire_doc TREE Documentation/DIR/PAGE.rst: list the page in DIR's
# index.rst toctree, after the entry named here for each DIR (core-api:
# the "Memory management" section; networking: its alphabetical list).
wire_doc() {
	local tree=$1 page=$2 dir anchor

	dir=$(dirname "${page#Documentation/}")
	case $dir in
	core-api) anchor='   genalloc' ;;
	networking) anchor='   net_dim' ;;
	*) echo "$page: no index.rst entry to list it after (wire_doc in scripts/common.sh)" >&2
	   return 1 ;;
	esac
	insert_line_after "$tree" "Documentation/$dir/index.rst" "$anchor" \
		"   $(basename "$page" .rst)"
}

# cocci_files SP: the kernel files a semantic patch converts ("// Files:").
cocci_files() {
	sed -n 's|^// Files: *||p' "$1"
}

# apply_cocci TREE SP FILE: the semantic patch SP on FILE of the git tree
# TREE, in place, with its "// Options:". One file at a time: a rule's
# dependencies then speak of that file. Changing nothing is a failure: the
# kernel moved under the script.
apply_cocci() {
	local tree=$1 sp=$2 f=$3 opts out

	opts=$(sed -n 's|^// Options: *||p' "$sp")
	# shellcheck disable=SC2086
	out=$(cd "$tree" && spatch --sp-file "$sp" -D patch $opts --in-place \
		--no-show-diff --very-quiet "$f" 2>&1) ||
		{ echo "$out" >&2; echo "spatch $(basename "$sp") on $f failed" >&2; return 1; }
	if git -C "$tree" diff --quiet HEAD -- "$f"; then
		echo "$(basename "$sp") changed nothing in $f" >&2
		return 1
	fi
}

# scratch_tree DIR: a git worktree of the pristine commit (MR_KSRC's HEAD,
# which the overlay resets to) at DIR, made once and reset on each use.
# Only for trees of our own: never MR_KSRC itself.
scratch_tree() {
	local dir=$1 pristine

	pristine=$(git -C "$MR_KSRC" rev-parse HEAD)
	if [ -e "$dir/.git" ]; then
		git -C "$dir" am --abort >/dev/null 2>&1 || true
		git -C "$dir" checkout -q --detach -f "$pristine"
		git -C "$dir" clean -fdqx
	else
		git -C "$MR_KSRC" worktree prune
		git -C "$MR_KSRC" worktree add -q --detach "$dir" "$pristine"
	fi
}

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make patches: the project as a git format-patch series against the
# pristine 6.12 commit, in $MR_BUILD/patches/ (MR_PATCHES_OUT moves it).
#
# The overlay is replayed step by step on a scratch worktree of the
# pristine commit ($MR_CACHE/patches-src), with real files instead of
# symlinks, and each step is committed with its changelog from
# scripts/patches/<step>.txt (subject, blank line, body; the Signed-off-by
# comes from the project's git identity). The steps, each one building:
#
#   cocci/1N-*    the mm hooks the library needs, one patch per script; the
#                 first also adds include/linux/mem_reserve.h, which the
#                 hooks' declarations live in (the library comes after the
#                 hooks: it calls them)
#   lib           lib/mem_reserve (with its KUnit suites, whose Kconfig and
#                 Makefile lines are the library's), the other headers
#                 that are not a consumer's (include/trace/events/), and
#                 its wiring
#   consumer-SUB  consumers/SUB as SUB/mem_reserve, include/SUB/ headers,
#                 its wiring, and the conversions' changes to headers under
#                 include/SUB/: the consumer's code uses the fields they add
#   cocci/NN-*    (NN >= 20) each conversion, one patch per script
#   docs          Documentation/, listed in the indexes
#
# Each patch also extends the MAINTAINERS entry (scripts/patches/MAINTAINERS)
# to the files that exist by then. A step with no changelog file gets a
# default one, marked "No changelog yet", which check-patches.sh fails.
# Commits take the date of the project's HEAD, so the same project gives
# the same series.
set -euo pipefail
. "$(dirname "$0")/common.sh"

out=${MR_PATCHES_OUT:-$MR_BUILD/patches}
src=$MR_CACHE/patches-src
texts=$MR_TOP/scripts/patches
[ "$(readlink -f "$src")" != "$(readlink -f "$MR_KSRC")" ] || die "the scratch tree is MR_KSRC"

name=$(git -C "$MR_TOP" config user.name) || die "no git user.name for the Signed-off-by"
email=$(git -C "$MR_TOP" config user.email) || die "no git user.email for the Signed-off-by"
date=$(git -C "$MR_TOP" log -1 --format=%aI)
export GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_AUTHOR_DATE=$date
export GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_DATE=$date

pristine=$(git -C "$MR_KSRC" rev-parse HEAD)
ver=$(git -C "$MR_KSRC" log -1 --format=%s "$pristine")

phase "scratch worktree of $ver ($pristine) at $src"
scratch_tree "$src"
phase_done

# The project's own files under a path, as git sees them (no build junk).
project_files() {
	git -C "$MR_TOP" ls-files --cached --others --exclude-standard -- "$@"
}

# add FROM TO: the project's FROM (a file or directory) as TO in the tree,
# symlinks resolved (lib/mem_reserve/.kunitconfig is one).
add() {
	local from=$1 to=$2 f

	while read -r f; do
		mkdir -p "$src/$(dirname "$to${f#"$from"}")"
		cp -L "$MR_TOP/$f" "$src/$to${f#"$from"}"
	done < <(project_files "$from")
}

# The subject prefix of a default changelog, from the files converted.
prefix_of() {
	case $1 in
	mm/* | include/linux/mm*) echo mm ;;
	arch/um/*) echo um ;;
	net/* | include/net/*) echo net ;;
	*) echo mem_reserve ;;
	esac
}

# commit STEP DEFAULT_SUBJECT DEFAULT_BODY: commit what the step changed,
# with scripts/patches/STEP.txt, or else the default changelog.
commit() {
	local step=$1 subject=$2 body=$3 msg

	"$MR_TOP/scripts/maintainers-entry.py" "$texts/MAINTAINERS" "$src" "$name <$email>"
	# -f: the tree's top .gitignore ends with "/*" (Debian's), which would
	# leave every new file out
	git -C "$src" add -A -f
	git -C "$src" diff --cached --quiet && die "step $step changed nothing"
	if [ -f "$texts/$step.txt" ]; then
		msg=$(cat "$texts/$step.txt")
	else
		echo "  warning: no $texts/$step.txt, default changelog" >&2
		msg=$(printf '%s\n\n%s\n\nNo changelog yet: write scripts/patches/%s.txt.\n' \
			"$subject" "$body" "$step")
	fi
	git -C "$src" commit -q -s -F - <<<"$msg"
	echo "  $(git -C "$src" log -1 --format=%s)"
}

# A conversion's default changelog: its /// description.
cocci_about() {
	sed -n 's|^/// \{0,1\}||p' "$1"
}

consumers=()
for c in "$MR_TOP"/consumers/*/; do
	[ -d "$c" ] && consumers+=("$(basename "$c")")
done

# Is FILE a header of a consumer's subsystem (include/SUB/...)?
consumer_header() {
	local sub

	for sub in "${consumers[@]}"; do
		case $1 in include/"$sub"/*) return 0 ;; esac
	done
	return 1
}

# The API header goes with the first mm hook script, which declares its
# hooks there; the library's other headers (its tracepoints) go with the
# library.
api_header=include/linux/mem_reserve.h

phase "replaying the overlay as commits"
for sp in "$MR_TOP"/cocci/1[0-9]-*.cocci; do
	[ -e "$sp" ] || continue
	step=$(basename "$sp" .cocci)
	add "$api_header" "$api_header"
	for f in $(cocci_files "$sp"); do
		apply_cocci "$src" "$sp" "$f"
	done
	commit "$step" "$(prefix_of "$(cocci_files "$sp" | cut -d' ' -f1)"): apply ${step#*-}" \
		"$(cocci_about "$sp")"
done

while read -r h; do
	consumer_header "$h" || add "$h" "$h"
done < <(project_files include)
add lib/mem_reserve lib/mem_reserve
wire_lib "$src"
commit lib "lib/mem_reserve: add the library" "$(sed -n '/^config MEM_RESERVE$/,/^$/p' \
	"$MR_TOP/lib/mem_reserve/Kconfig")"

for sub in "${consumers[@]}"; do
	[ -d "$src/$sub" ] || die "consumers/$sub: no $sub/ in the kernel"
	while read -r h; do
		add "$h" "$h"
	done < <(project_files "include/$sub")
	add "consumers/$sub" "$sub/mem_reserve"
	wire_consumer "$src" "$sub"
	for sp in "$MR_TOP"/cocci/[2-9][0-9]-*.cocci; do
		[ -e "$sp" ] || continue
		for f in $(cocci_files "$sp"); do
			case $f in include/"$sub"/*) apply_cocci "$src" "$sp" "$f" ;; esac
		done
	done
	commit "consumer-$sub" "$sub: add the $sub memory reserve" \
		"$(cat "$MR_TOP/consumers/$sub/Kconfig")"
done

for sp in "$MR_TOP"/cocci/[2-9][0-9]-*.cocci; do
	[ -e "$sp" ] || continue
	step=$(basename "$sp" .cocci)
	left=0
	for f in $(cocci_files "$sp"); do
		consumer_header "$f" && continue
		apply_cocci "$src" "$sp" "$f"
		left=1
	done
	[ "$left" = 1 ] || continue
	commit "$step" "$(prefix_of "$(cocci_files "$sp" | cut -d' ' -f1)"): apply ${step#*-}" \
		"$(cocci_about "$sp")"
done

if [ -n "$(project_files Documentation)" ]; then
	add Documentation Documentation
	while read -r d; do
		wire_doc "$src" "$d"
	done < <(project_files Documentation)
	commit docs "Documentation: add the mem_reserve pages" "The project's documentation."
fi
phase_done

phase "format-patch into $out"
mkdir -p "$out"
rm -f "$out"/[0-9][0-9][0-9][0-9]-*.patch
git -C "$src" format-patch -q --cover-letter --no-signature -o "$out" "$pristine..HEAD"

# The cover letter: scripts/patches/cover.txt, the README's tables (the
# benchmark and the end-to-end results, as measured), what the series is
# against, and format-patch's shortlog and diffstat, which follow the blurb.
cover=$(ls "$out"/0000-cover-letter.patch)
if [ -n "${KSRC:-}" ]; then
	origin=$KSRC
else
	origin="Debian's linux-source-6.12 $(dpkg-query -W -f='${Version}' linux-source-6.12)"
fi
blurb=$out/.blurb
{
	sed 1,2d "$texts/cover.txt"
	printf '\nThe series is against Linux %s as in %s.\n' "$(kernel_version)" "$origin"
	printf '\nBenchmark (from the README)\n===========================\n\n'
	sed -n '/^## Benchmark/,/^## /{/^## /d;p}' "$MR_TOP/README.md" | sed -n '/The latest/,$p' | sed '1s/^.*The latest/The latest/'
	printf '\nEnd to end (from the README)\n============================\n\n'
	sed -n '/^## End to end/,/^## /{/^## /d;p}' "$MR_TOP/README.md" | sed -n '/^Latest results/,$p'
} >"$blurb"
awk -v subject="$(head -n1 "$texts/cover.txt")" -v blurb="$blurb" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subject) }
	/^\*\*\* BLURB HERE \*\*\*$/ { while ((getline l < blurb) > 0) print l; next }
	{ print }' "$cover" >"$cover.tmp"
mv "$cover.tmp" "$cover"
rm -f "$blurb"
ls "$out"
phase_done
echo "patches: $(ls "$out"/[0-9][0-9][0-9][0-9]-*.patch | wc -l) files (cover letter included) in $out"

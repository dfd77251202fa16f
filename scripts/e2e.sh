#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make e2e: swap over the network, end to end. Two UML kernels on a bridge
# in a network namespace made for the run (192.0.2.0/24, nothing leaves
# it): a server (nfsd and nbd-server on tmpfs) and a small client that
# swaps to it while a hog writes a pattern into twice its memory and reads
# it back, under hostile traffic from the server. Every scenario runs on
# the project's kernel, on pristine 6.12 and on pristine 6.12 with
# min_free_kbytes raised by what the project reserves; the table of
# outcomes is written to $MR_BUILD/e2e/results.md.
#
# E2E_SHORT=1 is the variant make test runs: one scenario (NFS swap under
# a UDP flood) on the project's kernel only, about a minute, with its
# checks printed as "e2e: PASS ..." and "e2e: FAIL ..." lines.
#
# The tree must be overlaid first (make e2e does it, as make kunit does).
# E2E_SCENARIOS and E2E_KERNELS narrow a run (space-separated names, see
# below); E2E_HOG_MIB sets the hog's size.
set -uo pipefail
. "$(dirname "$0")/common.sh"

all_scenarios="nfs nfs-udp-flood nfs-frag-flood nfs-tcp-churn nfs-transport-reset nbd nbd-udp-flood"
client_mem=128
short=${E2E_SHORT:-0}
if [ "$short" = 1 ]; then
	scenarios=${E2E_SCENARIOS:-nfs-udp-flood}
	kernels=${E2E_KERNELS:-project}
	hog_mib=${E2E_HOG_MIB:-192}
	run_limit=240
else
	scenarios=${E2E_SCENARIOS:-$all_scenarios}
	kernels=${E2E_KERNELS:-project pristine pristine-tuned}
	hog_mib=${E2E_HOG_MIB:-256}
	run_limit=480
fi
# no new line from the hog and no page swapped in or out for this long: hung
stall_limit=90
swap_mib=$((hog_mib * 2))

out=$MR_BUILD/e2e
bin=$out/bin
ns=mr-e2e-$$
mkdir -p "$bin" "$out/uml"

cleanup() {
	local pid

	for pid in $(jobs -p); do
		kill -- -"$pid" 2>/dev/null
	done
	ip netns del "$ns" 2>/dev/null
	rm -rf "$out/uml/$ns"-*
}
trap cleanup EXIT

build_tools() {
	local t

	for t in hog traffic sample; do
		gcc -O2 -Wall -Wextra -Werror -o "$bin/$t" "$MR_TOP/scripts/e2e/$t.c" || return 1
	done
}

# Pristine 6.12: the same tree at its pristine commit, in a worktree of
# its own, built with the same configuration minus the project's options.
build_pristine() {
	local src=$MR_CACHE/linux-6.12-pristine base

	base=$(git -C "$MR_KSRC" rev-parse HEAD) || return 1
	if [ "$(git -C "$src" rev-parse HEAD 2>/dev/null)" != "$base" ]; then
		rm -rf "$src"
		git -C "$MR_KSRC" worktree prune
		git -C "$MR_KSRC" worktree add -q --detach "$src" "$base" || return 1
	fi
	grep -v MEM_RESERVE "$MR_TOP/lib/mem_reserve/.kunitconfig" >"$out/pristine.kunitconfig"
	build_uml_kernel "$src" "$out/pristine.kunitconfig" "$MR_BUILD/e2e-pristine-um" \
		"$out/pristine-build.log"
}

kernel_binary() {
	case $1 in
	project) echo "$MR_BUILD/kunit-um/linux" ;;
	pristine*) echo "$MR_BUILD/e2e-pristine-um/linux" ;;
	esac
}

# The guests' links (and the attacker's): a veth pair each, one end on the bridge, the other
# the host side of the guest's raw vector transport, with buffers for GSO
# frames (gro=1: without it the driver drops every TSO segment its peer
# sends, and NFS crawls). (The tap transport has
# no vector queues, and vector_reset_stats() takes their locks anyway: a
# NULL dereference as soon as lockdep makes spin_lock() touch memory.)
make_network() {
	local end i

	ip netns add "$ns" &&
	ip -n "$ns" link add br0 type bridge &&
	ip -n "$ns" link set br0 up || return 1
	for end in srv cli atk; do
		ip -n "$ns" link add "v$end" type veth peer name "b$end" &&
		ip -n "$ns" link set "b$end" master br0 &&
		ip -n "$ns" link set "b$end" up &&
		ip -n "$ns" link set "v$end" up || return 1
	done
	# the attacker: the namespace itself, and 100 more addresses for churn
	ip -n "$ns" addr add 192.0.2.3/24 dev vatk || return 1
	for ((i = 100; i < 200; i++)); do
		ip -n "$ns" addr add "192.0.2.$i/24" dev vatk || return 1
	done
}

# The scenario's flood, from the attacker, in the background in a process
# group of its own (setsid, not a subshell: kill_all kills groups)
attack() {
	local client=192.0.2.2 args

	case $1 in
	udp-flood) args=(udp $client 9000) ;;
	frag-flood) args=(frag $client 9000) ;;
	tcp-churn) args=(tcp $client 9001 192.0.2.100 100) ;;
	*) return ;;
	esac
	setsid ip netns exec "$ns" "$bin/traffic" "${args[@]}" &
}

# boot_uml NAME KERNEL LINK MEM_MIB INIT LOG ARGS...: in the background, in
# its own process group, so that the whole instance can be killed at once;
# $! is then the log filter, which ends when the kernel does
boot_uml() {
	local name=$1 kernel=$2 link=$3 mem=$4 init=$5 log=$6

	shift 6
	setsid ip netns exec "$ns" "$kernel" mem="${mem}M" kunit.enable=0 \
		rootfstype=hostfs rootflags=/ rw init="$init" \
		con=null con0=fd:0,fd:1 umid="$ns-$name" uml_dir="$out/uml/" \
		"vec0:transport=raw,ifname=$link,gro=1" \
		e2e_bin="$bin" "$@" </dev/null 2>&1 |
		grep --line-buffered -v -e 'channel type which is configured out' \
			-e 'failed to parse channel pair' >"$log" &
}

mconsole() {
	timeout 10 uml_mconsole "$out/uml/$ns-$1/mconsole" "${@:2}" >/dev/null 2>&1
}

# wait_for LOG PATTERN SECONDS
wait_for() {
	local i

	for ((i = 0; i < $3; i++)); do
		grep -q "$2" "$1" && return 0
		sleep 1
	done
	return 1
}

# run_one SCENARIO KERNEL: the client's log ends with "e2e-outcome: ..."
run_one() {
	local scenario=$1 kernel=$2 transport=${1%%-*} hostile=${1#*-} log slog
	local extra=() start last_progress="" last_change progress now outcome="" client

	[ "$hostile" = "$scenario" ] && hostile=none
	log=$out/$scenario.$kernel.log
	slog=$out/$scenario.$kernel.server.log
	if [ "$kernel" = pristine-tuned ]; then
		if [ -z "${tuned_kbytes:-}" ]; then
			echo "e2e-outcome: skipped (no project run to tune from)" >"$log"
			return
		fi
		extra=(e2e_min_free_kbytes="$tuned_kbytes")
	fi

	boot_uml server "$(kernel_binary project)" vsrv 1024 \
		"$MR_TOP/scripts/e2e/server-init.sh" "$slog" \
		e2e_scenario="$hostile" e2e_swap_mib="$swap_mib"
	if ! wait_for "$slog" '^e2e-server: ready' 120; then
		echo "e2e-outcome: server did not start (log: $slog)" >"$log"
		kill_all
		return
	fi
	boot_uml client "$(kernel_binary "$kernel")" vcli "$client_mem" \
		"$MR_TOP/scripts/e2e/client-init.sh" "$log" \
		e2e_transport="$transport" e2e_hog_mib="$hog_mib" e2e_seed=$RANDOM "${extra[@]}"
	client=$!

	# the clocks start when the client swaps: boot and mount are not a stall
	if wait_for "$log" '^e2e-client: swapping' 120; then
		attack "$hostile"
	else
		outcome="did not start swapping"
	fi
	start=$(date +%s)
	last_change=$start
	while [ -z "$outcome" ]; do
		sleep 2
		now=$(date +%s)
		grep -q '^e2e-client: done' "$log" && break
		if ! kill -0 "$client" 2>/dev/null; then
			grep -q '^e2e-client: done' "$log" && break
			outcome="client kernel died"
			break
		fi
		# progress: a hog line, or pages moving to or from swap
		progress="$(grep -c '^hog:' "$log") $(grep -o 'pswpout=[0-9]* pswpin=[0-9]*' "$log" | tail -n 1)"
		if [ "$progress" != "$last_progress" ]; then
			last_progress=$progress
			last_change=$now
		fi
		if [ $((now - last_change)) -ge $stall_limit ]; then
			outcome="hung"
			break
		fi
		if [ $((now - start)) -ge $run_limit ]; then
			outcome="timeout"
			break
		fi
	done
	if [ -n "$outcome" ] && [ "$outcome" != "client kernel died" ]; then
		# what the client was doing: blocked tasks and memory, then stop it
		mconsole client sysrq w
		mconsole client sysrq m
		sleep 5
	fi
	kill_all
	echo "e2e-outcome: ${outcome:-ran} after $(( $(date +%s) - start )) s" >>"$log"
}

kill_all() {
	local pid

	for pid in $(jobs -p); do
		kill -- -"$pid" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$out/uml/$ns"-*
}

phase "the end-to-end tools"
build_tools || die "could not build the tools"
phase_done

phase "the project's UML kernel (client and server)"
check_overlay
build_uml_kernel "$MR_KSRC" "$MR_TOP/lib/mem_reserve/.kunitconfig" "$MR_BUILD/kunit-um" \
	"$out/project-build.log" || die "kernel build failed (log: $out/project-build.log)"
phase_done

if [[ " $kernels " == *" pristine"* ]]; then
	phase "pristine 6.12 UML kernel"
	build_pristine || die "pristine build failed (log: $out/pristine-build.log)"
	phase_done
fi

make_network || die "could not make network namespace $ns (needs root)"
for scenario in $scenarios; do
	for kernel in $kernels; do
		phase "scenario $scenario on $kernel"
		run_one "$scenario" "$kernel"
		python3 "$MR_TOP/scripts/e2e/report.py" summary "$out/$scenario.$kernel.log"
		if [ "$kernel" = project ] && [ -z "${tuned_kbytes:-}" ]; then
			tuned_kbytes=$(python3 "$MR_TOP/scripts/e2e/report.py" tuned \
				"$out/$scenario.$kernel.log")
		fi
		phase_done
	done
done

if [ "$short" = 1 ]; then
	logs=()
	for scenario in $scenarios; do
		logs+=("$out/$scenario.project.log")
	done
	python3 "$MR_TOP/scripts/e2e/report.py" check "${logs[@]}"
else
	python3 "$MR_TOP/scripts/e2e/report.py" table $scenarios -- $kernels -- "$out" |
		tee "$out/results.md"
fi

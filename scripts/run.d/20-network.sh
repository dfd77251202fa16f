#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make run scene: the network reserve. A SOCK_MEMALLOC socket appears and
# the network tree connects; forced-emergency datagrams reach it over lo
# and are charged to "SKB data reserve" while they wait; reading them gives
# the charge back; the socket closes and the tree disconnects.
# Runs inside the booted UML kernel, as part of its init.

D=/sys/kernel/debug
demo=$D/net_reserve_demo

if [ ! -w "$demo" ]; then
	echo "no $demo: kernel built without CONFIG_NET_MEM_RESERVE_DEMO"
	exit 0
fi

step() {
	printf '\n-- %s\n' "$*"
}

# The root and the network groups of the tree, with its header line.
net_tree() {
	grep -E ' (name|total reserve|.*network .*reserve|IPv. route cache|SKB data reserve|IPv. fragment cache)$' \
		"$D/mem_reserve/tree"
}

step "the network reserve at boot: registered, disconnected"
net_tree

step "net.mem_reserve sysctls, and the fragment cache sizes they sit beside"
for f in /proc/sys/net/mem_reserve/*; do
	echo "  ${f#/proc/sys/}: $(cat "$f")"
done
echo "  net/ipv4/ipfrag_high_thresh: $(cat /proc/sys/net/ipv4/ipfrag_high_thresh)"

step "open a SOCK_MEMALLOC UDP socket on 127.0.0.1:7400: the tree connects"
echo open > "$demo"
net_tree

step "force emergencies and send 8 datagrams of 1000 bytes over lo"
echo 0 > "$D/mem_reserve/fail_normal/verbose"
echo 100 > "$D/mem_reserve/fail_normal/probability"
echo -1 > "$D/mem_reserve/fail_normal/times"
echo "send 8" > "$demo"
echo 0 > "$D/mem_reserve/fail_normal/probability"
dmesg | grep 'net_reserve demo' | tail -n 1
step "they wait at the socket, their heads charged to the SKB data reserve"
net_tree

step "read them: the charge goes back"
echo recv > "$demo"
dmesg | grep 'net_reserve demo' | tail -n 1
net_tree

step "close the socket: the tree disconnects"
echo close > "$demo"
net_tree

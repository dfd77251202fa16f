#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make run scene: the core library on its own. Connects the demo group,
# forces emergencies so allocations are charged, runs into the limit,
# frees, disconnects, and shows the tree and the min watermark throughout.
# Runs inside the booted UML kernel, as part of its init.

D=/sys/kernel/debug/mem_reserve

if [ ! -w "$D/demo" ]; then
	echo "no $D/demo: kernel built without CONFIG_MEM_RESERVE_DEMO"
	exit 0
fi

min_wmark() {
	awk '/^Node/ { zone = $4 } $1 == "min" { printf "  zone %-8s min %s pages\n", zone, $2 }' /proc/zoneinfo
}

step() {
	printf '\n-- %s\n' "$*"
}

step "min watermarks before the demo group connects"
min_wmark

step "connect the demo group to the root"
echo connect > "$D/demo"
cat "$D/tree"
step "min watermarks now hold the root's pages as well"
min_wmark

step "force emergencies: every normal allocation attempt fails"
echo 0 > "$D/fail_normal/verbose"
echo 100 > "$D/fail_normal/probability"
echo -1 > "$D/fail_normal/times"

step "20 GFP_ATOMIC|__GFP_MEMALLOC kmalloc_reserve(1000) calls against a 16 KiB limit"
echo "alloc 20" > "$D/demo"
dmesg | grep 'mem_reserve demo' | tail -n 1
cat "$D/tree"

step "free them: usage goes back to 0, peak and failures stay"
echo free > "$D/demo"
echo 0 > "$D/fail_normal/probability"
cat "$D/tree"

step "disconnect: the watermarks return to what they were"
echo disconnect > "$D/demo"
min_wmark

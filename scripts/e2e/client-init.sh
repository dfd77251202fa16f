#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# init (PID 1) of the end-to-end client, a small-memory UML kernel whose
# root is the host's, read through hostfs (written only on tmpfs mounts of
# its own). It swaps over the network to the server (NFSv3 swap file or an
# NBD device), runs the sampler and an ordinary socket for the hostile
# traffic to hit, then the hog, and reports how the hog ended.
#
# From the kernel command line: e2e_bin, e2e_transport (nfs or nbd),
# e2e_hog_mib, e2e_seed, and e2e_min_free_kbytes (hand tuning, optional).
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
server=192.0.2.1

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /run
mount -t tmpfs tmp /tmp

ip link set lo up
ip addr add 192.0.2.2/24 dev vec0
ip link set vec0 up
until ping -c 1 -W 1 $server >/dev/null 2>&1; do
	sleep 1
done

if [ -n "$e2e_min_free_kbytes" ]; then
	echo "$e2e_min_free_kbytes" >/proc/sys/vm/min_free_kbytes
fi
echo "e2e-client: min_free_kbytes $(cat /proc/sys/vm/min_free_kbytes)"

case "$e2e_transport" in
nfs)
	mkdir /run/nfs
	mount -t nfs -o vers=3,nolock,proto=tcp,mountproto=tcp \
		$server:/srv/export /run/nfs && swapon /run/nfs/swap
	;;
nbd)
	nbd-client $server -N swap /dev/nbd0 -swap -b 4096 >/dev/null &&
		mkswap /dev/nbd0 >/dev/null && swapon /dev/nbd0
	;;
esac || { echo "e2e-client: no swap over $e2e_transport"; poweroff -f; }
echo "e2e-client: swapping over $e2e_transport"

"$e2e_bin/sample" 2 &
"$e2e_bin/traffic" sink 9000 9001 &
"$e2e_bin/hog" "$e2e_hog_mib" "$e2e_seed"
echo "e2e-client: hog exit status $?"
grep -E 'oom_kill|pswp' /proc/vmstat | sed 's/^/e2e-client: /'
# the last tree, after the hog's memory came back
sed 's/^/end: /' /sys/kernel/debug/mem_reserve/tree 2>/dev/null
# Swapoff reads every page back and gives the reserve back: every group
# at zero at once, the tree disconnected a grace period (10 s) later.
swapoff -a
echo "e2e-client: swapoff exit status $?"
sed 's/^/swapoff: /' /sys/kernel/debug/mem_reserve/tree 2>/dev/null
sleep 11
sed 's/^/grace: /' /sys/kernel/debug/mem_reserve/tree 2>/dev/null
echo "e2e-client: done"
poweroff -f

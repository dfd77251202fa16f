#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# init (PID 1) of the end-to-end server, a UML kernel whose root is the
# host's, read through hostfs. Everything it writes goes to tmpfs mounted
# over the host's directories inside the guest only: the host's NFS and NBD
# state is never touched. It exports a tmpfs over NFSv3 (a swap file) and
# over NBD (an image), says "e2e-server: ready", and in the transport-reset
# scenario kills the client's NFS connection every 10 s, until the harness
# stops it.
#
# From the kernel command line: e2e_bin (the harness's tools),
# e2e_scenario, e2e_swap_mib.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
client=192.0.2.2

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev
for d in /run /tmp /var/lib/nfs /srv; do
	mount -t tmpfs -o size=90% tmp "$d"
done
mkdir -p /var/lib/nfs/rpc_pipefs /var/lib/nfs/v4recovery /srv/export
touch /var/lib/nfs/etab /var/lib/nfs/rmtab

ip link set lo up
ip addr add 192.0.2.1/24 dev vec0
ip link set vec0 up

# the swap space, zero-filled: the client's hog pattern must come back
# from it, not from anything that happened to be there
dd if=/dev/zero of=/srv/export/swap bs=1M count="$e2e_swap_mib" 2>/dev/null
chmod 600 /srv/export/swap
mkswap /srv/export/swap >/dev/null
dd if=/dev/zero of=/srv/nbd.img bs=1M count="$e2e_swap_mib" 2>/dev/null

mount -t nfsd nfsd /proc/fs/nfsd
rpcbind -w
exportfs -o rw,no_root_squash,fsid=1,insecure,sync 192.0.2.0/24:/srv/export
rpc.mountd
rpc.nfsd 8
printf '[generic]\n[swap]\nexportname = /srv/nbd.img\n' >/run/nbd.conf
nbd-server -C /run/nbd.conf

echo "e2e-server: ready"

# The floods come from the attacker, the harness's own end of the link.
# What only the server can do starts once the client holds a connection
# to its swap, that is once it is about to swap.
if [ "$e2e_scenario" = transport-reset ]; then
	until ss -Htn state established "( sport = :2049 )" | grep -q .; do
		sleep 1
	done
	# kill the swap transport's connection every 10 s: sunrpc reconnects
	while sleep 10; do
		ss -HtnK dst $client "( sport = :2049 )" >/dev/null
		echo "e2e-server: reset the client's NFS connection"
	done &
fi
while sleep 3600; do :; done

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# init (PID 1) of the UML kernel that make run boots. The root is the
# host's, read through hostfs; this script mounts what the scenes need,
# shows the reserve tree, runs scripts/run.d/*.sh in order, shows the tree
# again and halts the kernel.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

here=$(dirname "$0")
tree=/sys/kernel/debug/mem_reserve/tree

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug

echo
echo "=== mem_reserve on Linux $(uname -r) (UML)"
echo
if [ -r "$tree" ]; then
	echo "=== the reserve tree at boot"
	cat "$tree"
else
	echo "=== no $tree: the kernel was built without CONFIG_MEM_RESERVE"
fi

found=0
for scene in "$here"/run.d/*.sh; do
	[ -x "$scene" ] || continue
	found=1
	echo
	echo "=== scene: $(basename "$scene" .sh)"
	"$scene"
done
[ "$found" = 1 ] || echo "=== no demo scenes in $here/run.d"

if [ -r "$tree" ]; then
	echo
	echo "=== the reserve tree at the end"
	cat "$tree"
fi
echo
echo "=== halting"
poweroff -f 2>/dev/null || halt -f 2>/dev/null || echo o > /proc/sysrq-trigger

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The memory that sunrpc's and NFS's mempools pin from boot on: boots the
# project's UML kernel and, if make e2e has built it, pristine 6.12's, each
# with scripts/mempool-init.sh as init, and prints the pools' caches with
# the objects in their slabs right after boot: the pools' elements keep
# those slabs, so that is the memory they pin. auth_unix's credential pool is a
# kmalloc pool, not a cache of its own: it is left out (16 elements of
# struct rpc_cred in both kernels). slab_nomerge keeps the caches apart
# from the caches SLUB would merge them with.
set -euo pipefail
. "$(dirname "$0")/common.sh"

boot() {
	local kernel=$1 out=$2

	timeout 120 "$kernel" mem=256M quiet kunit.enable=0 slab_nomerge \
		rootfstype=hostfs rootflags=/ rw init="$MR_TOP/scripts/mempool-init.sh" \
		con=null con0=fd:0,fd:1 </dev/null >"$out" 2>&1 || true
	grep -q '^=== halting' "$out" || die "$kernel did not run mempool-init.sh (output: $out)"
}

printf '%-8s  %-16s  %8s  %8s  %10s\n' kernel cache 'in slabs' size pinned
for k in project pristine; do
	case $k in
	project) kernel=$MR_BUILD/kunit-um/linux ;;
	pristine) kernel=$MR_BUILD/e2e-pristine-um/linux ;;
	esac
	if [ ! -x "$kernel" ]; then
		echo "$k: no kernel at $kernel (make run builds the project's, make e2e pristine's)"
		continue
	fi
	out=$MR_BUILD/mempool-$k.out
	boot "$kernel" "$out"
	total=0
	while read -r _ name objs size; do
		printf '%-8s  %-16s  %8d  %8d  %7d KiB\n' "$k" "$name" "$objs" "$size" \
			$((objs * size / 1024))
		total=$((total + objs * size))
	done < <(tr -d '\r' <"$out" | grep '^pool: ')
	printf '%-8s  %-16s  %8s  %8s  %7d KiB\n' "$k" total "" "" $((total / 1024))
done

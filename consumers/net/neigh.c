// SPDX-License-Identifier: GPL-2.0
/*
 * Neighbour entries (ARP, NDISC) on the neighbour reserve. No swap packet
 * leaves before its next hop is resolved, and resolving it allocates an
 * entry: in a swapping task (PF_MEMALLOC) or in the receive softirq of an
 * emergency skb, that entry comes from the reserves. neigh_alloc()
 * charges it here through kmalloc_reserve() and marks the entry; the
 * entry is freed after an RCU grace period, and the charge goes with it.
 */
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <net/neighbour.h>
#include "internal.h"

/*
 * What one entry is charged, for the sizing: the largest table's (NDISC:
 * a 16-byte key), with room for the private data of common devices. A
 * device with more charges more, and fills the group sooner.
 */
#define NET_RESERVE_NEIGH_SIZE	(sizeof(struct neighbour) + \
				 sizeof(struct in6_addr) + 32)

int net_reserve_size_neigh(int entries)
{
	return mem_reserve_kmalloc_set(&net_neigh_reserve, (long)entries *
				       kmalloc_size_roundup(NET_RESERVE_NEIGH_SIZE));
}

static void net_reserve_neigh_free_rcu(struct rcu_head *head)
{
	struct neighbour *n = container_of(head, struct neighbour, rcu);

	kfree_reserve(n, &net_neigh_reserve, true);
}

/**
 * net_reserve_neigh_free - free a neighbour entry after a grace period
 * @n: the entry, dead and unreferenced
 *
 * As kfree_rcu(), then gives back the entry's charge if neigh_alloc()
 * charged it. Any context.
 */
void net_reserve_neigh_free(struct neighbour *n)
{
	if (n->reserve_emerg)
		call_rcu(&n->rcu, net_reserve_neigh_free_rcu);
	else
		kfree_rcu(n, rcu);
}
EXPORT_SYMBOL_GPL(net_reserve_neigh_free);

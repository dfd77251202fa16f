// SPDX-License-Identifier: GPL-2.0
/* Input for 55-neigh.cocci: converted in part; the rest is finished, once. */
#include <net/neighbour.h>
#include <net/net_reserve.h>
#include <net/arp.h>

struct neighbour {
	struct neighbour __rcu	*next;
	u8			dead;
	u8			protocol;
	/* charged to the neighbour reserve (mem_reserve) */
	bool reserve_emerg;
	u32			flags;
	struct rcu_head		rcu;
	u8			primary_key[];
} __randomize_layout;

static struct neighbour *neigh_alloc(struct neigh_table *tbl,
				     struct net_device *dev,
				     u32 flags, bool exempt_from_gc)
{
	struct neighbour *n = NULL;
	bool emerg;

	n = kmalloc_reserve(tbl->entry_size + dev->neigh_priv_len,
			    GFP_ATOMIC | __GFP_ZERO, NUMA_NO_NODE,
			    net_reserve_neigh_group(), &emerg);
	if (!n)
		goto out;

	n->flags	  = flags;
	n->tbl		  = tbl;
	n->reserve_emerg = emerg;
	refcount_set(&n->refcnt, 1);
	n->dead		  = 1;
out:
	return n;
}

void neigh_destroy(struct neighbour *neigh)
{
	neigh_parms_put(neigh->parms);
	atomic_dec(&neigh->tbl->entries);
	kfree_rcu(neigh, rcu);
}

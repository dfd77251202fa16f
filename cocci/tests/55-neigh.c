// SPDX-License-Identifier: GPL-2.0
/* Input for 55-neigh.cocci: struct neighbour, neigh_alloc() and neigh_destroy(). */
#include <net/neighbour.h>
#include <net/arp.h>

struct neighbour {
	struct neighbour __rcu	*next;
	u8			dead;
	u8			protocol;
	u32			flags;
	struct rcu_head		rcu;
	u8			primary_key[];
} __randomize_layout;

static struct neighbour *neigh_alloc(struct neigh_table *tbl,
				     struct net_device *dev,
				     u32 flags, bool exempt_from_gc)
{
	struct neighbour *n = NULL;

	n = kzalloc(tbl->entry_size + dev->neigh_priv_len, GFP_ATOMIC);
	if (!n)
		goto out;

	n->flags	  = flags;
	n->tbl		  = tbl;
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

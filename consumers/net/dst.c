// SPDX-License-Identifier: GPL-2.0
/*
 * dst entries: the "route cache" reserves. IPv4 lost its route cache in
 * 3.6 and IPv6 its size limit in 6.3; what remains is dst_alloc() from
 * each family's dst_ops cache, freed through RCU in dst_destroy(). An
 * entry taken from the reserves is charged to its family's group and
 * marked DST_RESERVE, and the deferred free gives the charge back.
 */
#include <net/dst.h>
#include <trace/events/mem_reserve.h>
#include "internal.h"

static_assert(!(DST_RESERVE & (DST_NOXFRM | DST_NOPOLICY | DST_NOCOUNT |
			       DST_FAKE_RTABLE | DST_XFRM_TUNNEL |
			       DST_XFRM_QUEUE | DST_METADATA)));

/* Each family's main cache, registered by its route init; sizes the group. */
static struct kmem_cache *net_reserve_dst_cache[NET_RESERVE_FAMILIES];
/*
 * The family's group could not be sized while the tree was connected (a
 * route module loaded late, with no room under the watermarks): it is
 * detached from the tree, so that its routes are served as in mainline
 * rather than refused by a group of no size, until
 * net_reserve_dst_reattach() finds it room.
 */
static bool net_reserve_dst_detached[NET_RESERVE_FAMILIES];

/**
 * net_reserve_dst_group - the reserve group for dst entries of some ops
 * @ops: their dst_ops
 *
 * Blackhole and xfrm dsts of a family share its group.
 *
 * Return: the group of @ops' family, or NULL for a family with none, whose
 * entries then use the reserves as they always did, unaccounted.
 */
struct mem_reserve *net_reserve_dst_group(const struct dst_ops *ops)
{
	int i = net_reserve_family(ops->family);

	return i < 0 ? NULL : &net_route_reserve[i];
}
EXPORT_SYMBOL_GPL(net_reserve_dst_group);

/* Size both families' groups for @entries dst entries each. */
int net_reserve_size_dst(int entries)
{
	int i, err;

	lockdep_assert_held(&net_reserve_size_lock);
	for (i = 0; i < NET_RESERVE_FAMILIES; i++) {
		if (!net_reserve_dst_cache[i])
			continue;
		err = mem_reserve_kmem_cache_set(&net_route_reserve[i],
						 net_reserve_dst_cache[i],
						 entries);
		if (err)
			goto undo;
	}
	return 0;
undo:
	while (--i >= 0) {
		if (net_reserve_dst_cache[i])
			mem_reserve_kmem_cache_set(&net_route_reserve[i],
						   net_reserve_dst_cache[i],
						   net_reserve_dst_entries);
	}
	return err;
}

/**
 * net_reserve_dst_register - size a family's route group from its cache
 * @ops: the family's main dst_ops, its kmem_cachep set
 *
 * Called once by the family's route init. Process context.
 */
void net_reserve_dst_register(struct dst_ops *ops)
{
	int i = net_reserve_family(ops->family);
	struct mem_reserve *res;
	int err;

	if (WARN_ON_ONCE(i < 0 || !ops->kmem_cachep))
		return;
	res = &net_route_reserve[i];
	mutex_lock(&net_reserve_size_lock);
	net_reserve_dst_cache[i] = ops->kmem_cachep;
	err = mem_reserve_kmem_cache_set(res, ops->kmem_cachep,
					 net_reserve_dst_entries);
	if (err) {
		/*
		 * A module loading while the tree is connected may find no
		 * room. Connected at no size the group would refuse every
		 * emergency route; detached, it bounds nothing, as mainline.
		 * Disconnected, sizing only records the demand.
		 */
		WARN_ON_ONCE(mem_reserve_disconnect(res));
		WARN_ON_ONCE(mem_reserve_kmem_cache_set(res, ops->kmem_cachep,
							net_reserve_dst_entries));
		net_reserve_dst_detached[i] = true;
	}
	mutex_unlock(&net_reserve_size_lock);
	if (err) {
		pr_warn("net_reserve: cannot reserve for the %s (%d): unbounded until it can, retrying\n",
			res->name, err);
		net_reserve_retry();
	}
}
EXPORT_SYMBOL_GPL(net_reserve_dst_register);

/**
 * net_reserve_dst_unregister - stop sizing a family's route group from a cache
 * @ops: the dst_ops given to net_reserve_dst_register()
 *
 * Called before the family destroys its cache (a route init that failed
 * after registering, a module exit): the group gives its memory back, and
 * no later resize (a write to net.mem_reserve.dst_entries) reads the
 * freed cache. Process context.
 */
void net_reserve_dst_unregister(struct dst_ops *ops)
{
	int i = net_reserve_family(ops->family);

	if (WARN_ON_ONCE(i < 0))
		return;
	mutex_lock(&net_reserve_size_lock);
	if (net_reserve_dst_cache[i] == ops->kmem_cachep) {
		net_reserve_dst_cache[i] = NULL;
		/* giving memory back cannot fail */
		mem_reserve_pages_set(&net_route_reserve[i], 0);
	}
	mutex_unlock(&net_reserve_size_lock);
	/* of no size, a detached group goes back in at once */
	net_reserve_dst_reattach();
}
EXPORT_SYMBOL_GPL(net_reserve_dst_unregister);

/**
 * net_reserve_dst_reattach - put detached route groups back in the tree
 *
 * Connects each group net_reserve_dst_register() had to detach below the
 * RX reserve again: at once while the tree is disconnected, and while it
 * is connected as soon as the watermarks can take the group's size.
 * Called by the activation work and its retries. Process context.
 *
 * Return: true if a group is still detached.
 */
bool net_reserve_dst_reattach(void)
{
	bool detached = false;
	int i;

	mutex_lock(&net_reserve_size_lock);
	for (i = 0; i < NET_RESERVE_FAMILIES; i++) {
		if (!net_reserve_dst_detached[i])
			continue;
		if (mem_reserve_connect(&net_route_reserve[i], &net_rx_reserve))
			detached = true;
		else
			net_reserve_dst_detached[i] = false;
	}
	mutex_unlock(&net_reserve_size_lock);
	return detached;
}

/**
 * net_reserve_dst_mark - record whether a new dst entry is charged
 * @dst: the entry, just initialised by dst_alloc()
 * @charged: whether its allocation was charged to its route group
 *
 * Sets or clears DST_RESERVE: the flags dst_init() stored may be those of
 * a charged route being cloned.
 */
void net_reserve_dst_mark(struct dst_entry *dst, bool charged)
{
	if (charged)
		dst->flags |= DST_RESERVE;
	else
		dst->flags &= ~DST_RESERVE;
}
EXPORT_SYMBOL_GPL(net_reserve_dst_mark);

/* Serialises the clearing of DST_RESERVE on routes that stay in use. */
static DEFINE_SPINLOCK(net_reserve_dst_keep_lock);

/**
 * net_reserve_dst_keep - keep a stale charged route, giving its charge back
 * @dst: a charged route that its cache cannot replace: an IPv6 exception
 *	route, which holds what the lookup must find (a PMTU, a redirect)
 *
 * Called once normal memory is back (net_reserve_dst_stale()). The
 * reserves are whole again below the watermarks, and the route takes
 * nothing from them any more: it stays in use, as mainline keeps it, and
 * its group gets the room back now rather than when the route changes or
 * expires. Clears DST_RESERVE, once, so that the route's free gives
 * nothing back, and traces the give-back as the free would have. The
 * caller holds a reference or the RCU read lock, so the free cannot run
 * meanwhile; nothing else writes an exception route's flags once it is
 * in its table. Any context.
 */
void net_reserve_dst_keep(struct dst_entry *dst)
{
	const struct dst_ops *ops = dst->ops;
	unsigned long flags;
	bool charged;

	spin_lock_irqsave(&net_reserve_dst_keep_lock, flags);
	charged = dst->flags & DST_RESERVE;
	/* lookups read the flags without the lock */
	WRITE_ONCE(dst->flags, dst->flags & ~DST_RESERVE);
	spin_unlock_irqrestore(&net_reserve_dst_keep_lock, flags);
	if (charged) {
		struct mem_reserve *res = net_reserve_dst_group(ops);

		trace_mem_reserve_emerg_free(res, dst,
					     kmem_cache_size(ops->kmem_cachep),
					     _RET_IP_);
		mem_reserve_kmem_cache_uncharge(res, ops->kmem_cachep, 1);
	}
}
EXPORT_SYMBOL_GPL(net_reserve_dst_keep);

/**
 * net_reserve_dst_free - free a dst entry from dst_alloc()
 * @dst: the entry
 *
 * Uncharges the route group if the entry was charged. Runs from the RCU
 * callback of dst_release(), in softirq: never sleeps.
 */
void net_reserve_dst_free(struct dst_entry *dst)
{
	const struct dst_ops *ops = dst->ops;

	kmem_cache_free_reserve(ops->kmem_cachep, dst,
				net_reserve_dst_group(ops),
				dst->flags & DST_RESERVE);
}
EXPORT_SYMBOL_GPL(net_reserve_dst_free);

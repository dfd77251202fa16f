// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 40-dst.cocci's report, context and org modes: a dst cache of
 * its own, as xfrm's, given to two dst_ops and reset, and a plain
 * allocation from a dst_ops' cache. Patch mode, tied to dst_alloc() and
 * the IPv4 and IPv6 route caches, leaves them alone.
 */
#include <net/dst.h>

static struct kmem_cache *other_dst_cache;
static struct dst_ops other_dst_ops;
static struct dst_ops other_blackhole_ops;

void *other_dst_alloc(struct dst_ops *ops)
{
	return kmem_cache_alloc(ops->kmem_cachep, GFP_ATOMIC);
}

void other_dst_init(struct dst_ops *ops)
{
	other_dst_ops.kmem_cachep = KMEM_CACHE(dst_entry, SLAB_PANIC);
	other_blackhole_ops.kmem_cachep = other_dst_ops.kmem_cachep;
	ops->kmem_cachep = other_dst_cache;
}

void other_dst_fini(struct dst_ops *ops)
{
	ops->kmem_cachep = NULL;
}

// SPDX-License-Identifier: GPL-2.0
/* reserve-find: toy sites, positives and negatives */
#include <linux/slab.h>
#include <linux/sched/mm.h>

struct foo {
	void *buf;
	gfp_t gfp;
};

/* positive: __GFP_MEMALLOC in the call */
static void *memalloc_arg(size_t len)
{
	return kmalloc(len, GFP_ATOMIC | __GFP_MEMALLOC);
}

/* negative: __GFP_MEMALLOC cleared, or __GFP_NOMEMALLOC */
static void *memalloc_cleared(size_t len, gfp_t gfp)
{
	void *a = kmalloc(len, gfp & ~__GFP_MEMALLOC);

	kfree(a);
	return kzalloc(len, gfp | __GFP_NOMEMALLOC);
}

/* positive: through a local gfp variable */
static struct page *memalloc_var(bool swap)
{
	gfp_t gfp = GFP_NOIO;

	if (swap)
		gfp |= __GFP_MEMALLOC;
	return alloc_pages(gfp, 1);
}

/* negative: the variable was reset before the allocation */
static struct page *memalloc_var_reset(void)
{
	gfp_t gfp;

	gfp = GFP_NOIO | __GFP_MEMALLOC;
	gfp = GFP_NOIO;
	return alloc_page(gfp);
}

/* positive: kept in a field */
static void memalloc_field(struct foo *foo)
{
	foo->gfp = GFP_ATOMIC | __GFP_MEMALLOC;
}

/* positive: a PF_MEMALLOC section, and the allocation inside it */
static int section(struct foo *foo)
{
	unsigned int noreclaim;

	noreclaim = memalloc_noreclaim_save();
	foo->buf = kmalloc(64, GFP_NOIO);
	memalloc_noreclaim_restore(noreclaim);
	/* negative: after the restore */
	kfree(foo->buf);
	foo->buf = kmalloc(64, GFP_NOIO);
	return foo->buf ? 0 : -ENOMEM;
}

static void swapper_section(struct foo *foo, bool swapper)
{
	unsigned int pflags = current->flags;

	if (swapper)
		current->flags |= PF_MEMALLOC;
	foo->buf = kmem_cache_alloc(foo_cache, GFP_NOFS);
	foo->gfp = GFP_NOFS;
	kfree(alloc_skb(128, foo->gfp));
	/* negative: __GFP_NOMEMALLOC keeps it from the reserves */
	kfree(kmalloc(8, GFP_NOFS | __GFP_NOMEMALLOC));
	current_restore_flags(pflags, PF_MEMALLOC);
}

/* positive: the open-coded fallback, gfp_pfmemalloc_allowed() form */
static void *fallback_pfmemalloc(size_t size, gfp_t flags, bool *pfmemalloc)
{
	bool ret_pfmemalloc = false;
	void *obj;

	obj = kmalloc_node_track_caller(size,
					flags | __GFP_NOMEMALLOC | __GFP_NOWARN,
					NUMA_NO_NODE);
	if (obj || !gfp_pfmemalloc_allowed(flags))
		goto out;
	ret_pfmemalloc = true;
	obj = kmalloc_node_track_caller(size, flags, NUMA_NO_NODE);
out:
	*pfmemalloc = ret_pfmemalloc;
	return obj;
}

/* positive: the simple form */
static struct page *fallback_simple(gfp_t gfp)
{
	struct page *page;

	page = alloc_pages(gfp | __GFP_NOMEMALLOC, 0);
	if (!page)
		page = alloc_pages(gfp, 0);
	return page;
}

/* negative: freed before the next allocation, and a retry that keeps
 * __GFP_NOMEMALLOC */
static void not_fallback(gfp_t gfp)
{
	void *p;

	p = kmalloc(32, gfp | __GFP_NOMEMALLOC);
	kfree(p);
	p = kmalloc(32, gfp);
	kfree(p);
	p = kmalloc(32, GFP_NOWAIT | __GFP_NOMEMALLOC);
	if (!p)
		p = kmalloc(32, GFP_KERNEL | __GFP_NOMEMALLOC);
	kfree(p);
}

/* positive: a wrapper with no group */
static void *nogroup(bool *emerg)
{
	return kmalloc_reserve(32, GFP_ATOMIC, NUMA_NO_NODE, NULL, emerg);
}

/* negative: a wrapper with a group, and a plain allocation elsewhere */
static void *withgroup(bool *emerg)
{
	kfree(kmalloc(16, GFP_KERNEL));
	return kmalloc_reserve(32, GFP_ATOMIC, NUMA_NO_NODE, &foo_reserve,
			       emerg);
}

/* named with -D fn=foo_rx_refill */
static int foo_rx_refill(struct foo *foo)
{
	foo->buf = kmalloc(2048, GFP_ATOMIC);
	return foo->buf ? 0 : -ENOMEM;
}

/* negative: not named, nothing that reaches the reserves */
static int foo_tx_refill(struct foo *foo)
{
	foo->buf = kmalloc(2048, GFP_ATOMIC);
	return foo->buf ? 0 : -ENOMEM;
}

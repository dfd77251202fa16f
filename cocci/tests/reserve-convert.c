// SPDX-License-Identifier: GPL-2.0
/* reserve-convert: toy sites, positives and negatives */
#include <linux/slab.h>
#include <linux/sched/mm.h>

struct foo {
	struct kmem_cache *cache;
	void *buf;
	struct page *page;
};

/* converted: a local freed on every path, with __GFP_MEMALLOC */
static int local_freed(size_t len)
{
	void *tmp;
	int err = 0;

	tmp = kzalloc(len, GFP_ATOMIC | __GFP_MEMALLOC);
	if (!tmp)
		return -ENOMEM;
	if (len > 64) {
		err = -EINVAL;
		goto out;
	}
	memset(tmp, 1, len);
out:
	kfree(tmp);
	return err;
}

/* converted: two objects in a PF_MEMALLOC section, each with its flag */
static int two_locals(struct foo *foo)
{
	unsigned int noreclaim;
	struct page *page;
	void *obj;
	int ret = -ENOMEM;

	noreclaim = memalloc_noreclaim_save();
	obj = kmem_cache_alloc_node(foo->cache, GFP_NOIO, 0);
	if (!obj)
		goto out;
	page = alloc_pages_node(0, GFP_NOIO, 2);
	if (!page)
		goto free_obj;
	ret = use(obj, page);
	__free_pages(page, 2);
free_obj:
	kmem_cache_free(foo->cache, obj);
out:
	memalloc_noreclaim_restore(noreclaim);
	return ret;
}

/* left: freed only when set, so a path leaves with it unfreed */
static void unchecked(struct foo *foo)
{
	unsigned int noreclaim = memalloc_noreclaim_save();
	void *obj;

	obj = kmem_cache_zalloc(foo->cache, GFP_NOIO);
	if (use(obj))
		kmem_cache_free(foo->cache, obj);
	memalloc_noreclaim_restore(noreclaim);
}

/* left: two fields would share -D emerg_field */
static int fill(struct foo *foo, gfp_t gfp)
{
	struct page *page;

	gfp |= __GFP_MEMALLOC;
	foo->buf = kmalloc_node(256, gfp, NUMA_NO_NODE);
	if (!foo->buf)
		return -ENOMEM;
	page = alloc_page(gfp);
	if (!page) {
		kfree(foo->buf);
		return -ENOMEM;
	}
	foo->page = page;
	return 0;
}

static void release(struct foo *foo)
{
	__free_page(foo->page);
	kfree(foo->buf);
}

/* converted: the fallback with its own flag becomes one call */
static void *fallback(size_t size, gfp_t flags, bool *pfmemalloc)
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

/* converted: the simple fallback, freed in the function */
static int fallback_simple(gfp_t gfp)
{
	void *buf;
	int ret;

	buf = kmalloc(512, gfp | __GFP_NOMEMALLOC);
	if (!buf)
		buf = kmalloc(512, gfp);
	if (!buf)
		return -ENOMEM;
	ret = use(buf);
	kfree(buf);
	return ret;
}

/* left: returned, with no field to keep the flag in */
static void *returned(size_t len)
{
	void *p;

	p = kmalloc(len, GFP_ATOMIC | __GFP_MEMALLOC);
	if (!p)
		return NULL;
	return p;
}

/* left: no wrapper for these, or passed on directly */
static unsigned long no_wrapper(void)
{
	void *dup = kmemdup("x", 1, GFP_ATOMIC | __GFP_MEMALLOC);
	void *buf = kmalloc(8, GFP_ATOMIC | __GFP_MEMALLOC);

	kfree(dup);
	kfree(buf);
	use(kmalloc(8, GFP_ATOMIC | __GFP_MEMALLOC));
	return __get_free_pages(GFP_ATOMIC | __GFP_MEMALLOC, 1);
}

/* not touched: no reason to use the reserves */
static void *plain(void)
{
	void *p = kmalloc(16, GFP_KERNEL);
	void *q;

	q = kmalloc(16, GFP_ATOMIC | __GFP_NOMEMALLOC);
	kfree(q);
	q = kmalloc(16, GFP_ATOMIC & ~__GFP_MEMALLOC);
	kfree(q);
	return p;
}

// SPDX-License-Identifier: GPL-2.0
/* reserve-check: toy sites, positives and negatives */
#include <linux/slab.h>
#include <linux/mem_reserve.h>

struct foo {
	struct mem_reserve res;
	struct kmem_cache *cache;
	void *buf;
	bool buf_emerg;
	struct page *page;
	bool page_emerg;
	void *plain;
};

/* positive, fixed in patch mode: the plain free of a reserve object */
static int plain_kfree(struct foo *foo, size_t len)
{
	bool emerg;
	void *buf;

	buf = kmalloc_reserve(len, GFP_ATOMIC, NUMA_NO_NODE, &foo->res, &emerg);
	if (!buf)
		return -ENOMEM;
	if (len > 64) {
		kfree(buf);
		return -EINVAL;
	}
	kfree_reserve(buf, &foo->res, emerg);
	return 0;
}

static void plain_cache_and_pages(struct foo *foo)
{
	bool e1, e2;
	struct page *page;
	void *obj;

	obj = kmem_cache_alloc_reserve(foo->cache, GFP_ATOMIC, NUMA_NO_NODE,
				       &foo->res, &e1);
	kmem_cache_free(foo->cache, obj);
	page = alloc_pages_reserve(NUMA_NO_NODE, GFP_ATOMIC, 1, &foo->res, &e2);
	__free_pages(page, 1);
}

/* positive, reported only: put_page() and a flag passed by pointer */
static void plain_put(struct foo *foo, bool *emerg)
{
	struct page *page;

	page = alloc_pages_reserve(NUMA_NO_NODE, GFP_ATOMIC, 0, &foo->res, emerg);
	put_page(page);
}

/* positive: a field filled by a wrapper, freed plainly elsewhere */
static int fill(struct foo *foo)
{
	foo->buf = kmalloc_reserve(128, GFP_ATOMIC, NUMA_NO_NODE, &foo->res,
				   &foo->buf_emerg);
	foo->page = alloc_pages_reserve(NUMA_NO_NODE, GFP_ATOMIC, 0, &foo->res,
					&foo->page_emerg);
	foo->plain = kmalloc(16, GFP_KERNEL);
	return foo->buf && foo->page && foo->plain ? 0 : -ENOMEM;
}

static void release(struct foo *foo)
{
	kfree(foo->buf);
	/* negative: the right free */
	free_pages_reserve(foo->page, 0, &foo->res, foo->page_emerg);
	/* positive: a plain allocation freed with the reserve free */
	kfree_reserve(foo->plain, &foo->res, foo->buf_emerg);
}

/* positive: the flag of another object, another group, and a dropped flag */
static void flags(struct foo *foo, struct mem_reserve *other)
{
	bool ea, eb, ec;
	void *a, *b, *c;

	a = kmalloc_reserve(8, GFP_ATOMIC, NUMA_NO_NODE, &foo->res, &ea);
	b = kmalloc_reserve(8, GFP_ATOMIC, NUMA_NO_NODE, &foo->res, &eb);
	c = kmalloc_reserve(8, GFP_ATOMIC, NUMA_NO_NODE, &foo->res, &ec);
	kfree_reserve(a, &foo->res, eb);
	kfree_reserve(b, other, eb);
	kfree(c);
}

static void field_flags(struct foo *foo)
{
	kfree_reserve(foo->buf, &foo->res, foo->page_emerg);
}

/* negative: the flag is kept and given back */
static void *keep_flag(struct foo *foo, bool *emerg_out)
{
	bool emerg;
	void *obj;

	obj = kmalloc_reserve(8, GFP_ATOMIC, NUMA_NO_NODE, &foo->res, &emerg);
	*emerg_out = emerg;
	return obj;
}

/* negative: a plain allocation freed plainly */
static void plain_plain(void)
{
	void *p = kmalloc(8, GFP_KERNEL);

	kfree(p);
}

/* positive: a charge not given back on the error path */
static int charge_leak(struct foo *foo, size_t len)
{
	void *buf;

	if (!mem_reserve_charge(&foo->res, len))
		return -ENOMEM;
	buf = kmalloc(len, GFP_ATOMIC);
	if (!buf)
		return -ENOMEM;
	foo->plain = buf;
	return 0;
}

static int charge_leak_goto(struct foo *foo, long pages)
{
	int err;

	if (!mem_reserve_pages_charge(&foo->res, pages))
		return -ENOMEM;
	err = -EIO;
	if (pages > 4)
		goto out;
	err = 0;
out:
	return err;
}

/* negative: given back on every error path */
static int charge_ok(struct foo *foo, size_t len)
{
	void *buf;

	if (!mem_reserve_kmalloc_charge(&foo->res, len))
		return -ENOMEM;
	buf = kmalloc(len, GFP_ATOMIC);
	if (!buf) {
		mem_reserve_kmalloc_uncharge(&foo->res, len);
		return -ENOMEM;
	}
	foo->plain = buf;
	return 0;
}

/* negative: freed plainly only when the flag says it is not charged */
static void guarded(struct foo *foo)
{
	bool emerg;
	void *obj;

	obj = kmalloc_reserve(64, GFP_ATOMIC, NUMA_NO_NODE, &foo->res, &emerg);
	if (!obj)
		return;
	if (!emerg) {
		kfree(obj);
		return;
	}
	kfree_reserve(obj, &foo->res, emerg);
}

/* negative: no group, nothing charged */
static void no_group(bool *emerg)
{
	struct page *page;

	page = alloc_pages_reserve(NUMA_NO_NODE, GFP_ATOMIC, 0, NULL, emerg);
	if (page)
		__free_page(page);
}

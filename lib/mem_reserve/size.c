// SPDX-License-Identifier: GPL-2.0
/*
 * Sizing a reserve group: from what it will charge (pages, kmalloc bytes,
 * objects of a slab cache) to the pages that must be held for it.
 *
 * Slab estimates use each cache's real slab orders and capacities
 * (kmem_cache_geometry(), from the mm semantic patch): n objects
 * fill DIV_ROUND_UP(n, per_slab) slabs of the order SLUB tries first or of
 * its fallback, whichever packs worse, and every CPU may be filling a
 * partly used slab of its own, though the objects cannot spread over more
 * such slabs than there are objects. kmalloc objects of mixed sizes are
 * bounded by the worst-packing size class, with each class in use adding
 * its partly used slabs; with CONFIG_RANDOM_KMALLOC_CACHES each call site
 * hits one of several copies of a class, and each copy counts.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/overflow.h>
#include "internal.h"

/* Copies of a kmalloc size class that different call sites may hit. */
#define MEM_RESERVE_KMALLOC_COPIES	(RANDOM_KMALLOC_CACHES_NR + 1)

/*
 * Full slabs of @s that @objects objects pack into, in pages: in slabs of
 * the order SLUB tries first or of the one it falls back to under
 * pressure, whichever packs worse.
 */
static long slab_packed_pages(struct kmem_cache *s, long objects)
{
	unsigned int order, per_slab;
	long pages;

	kmem_cache_geometry(s, false, &order, &per_slab);
	pages = DIV_ROUND_UP(objects, per_slab) << order;
	kmem_cache_geometry(s, true, &order, &per_slab);
	return max(pages, (long)DIV_ROUND_UP(objects, per_slab) << order);
}

/*
 * Partly used slabs of @s, of the larger order: one per CPU and copy, but
 * no more than @objects.
 */
static long slab_slack_pages(struct kmem_cache *s, long objects, long copies,
			     unsigned int cpus)
{
	unsigned int order, per_slab;

	kmem_cache_geometry(s, false, &order, &per_slab);
	return min_t(long, (long)cpus * copies, objects) << order;
}

long mem_reserve_kmem_cache_pages(struct kmem_cache *s, long objects)
{
	if (!objects)
		return 0;
	return slab_packed_pages(s, objects) +
	       slab_slack_pages(s, objects, 1, num_possible_cpus());
}

long mem_reserve_kmalloc_pages_cpus(long bytes, unsigned int cpus)
{
	long packed = 0, slack = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_caches[KMALLOC_NORMAL]); i++) {
		struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][i];
		long objects;

		if (!s || kmem_cache_size(s) > bytes)
			continue;
		objects = bytes / kmem_cache_size(s);
		packed = max(packed, slab_packed_pages(s, objects));
		slack += slab_slack_pages(s, objects, MEM_RESERVE_KMALLOC_COPIES,
					  cpus);
	}
	/* larger objects come whole from the page allocator */
	if (bytes > KMALLOC_MAX_CACHE_SIZE)
		packed = max(packed, (long)DIV_ROUND_UP(bytes, PAGE_SIZE));
	return packed + slack;
}

long mem_reserve_kmalloc_pages(long bytes)
{
	return mem_reserve_kmalloc_pages_cpus(bytes, num_possible_cpus());
}

/* No group may ask for more than all the memory there is. */
static bool mem_reserve_pages_valid(long pages)
{
	return pages >= 0 && pages <= totalram_pages();
}

static int mem_reserve_resize(struct mem_reserve *res, long pages, long limit)
{
	int err;

	mutex_lock(&mem_reserve_mutex);
	err = mem_reserve_resize_locked(res, pages, limit);
	mutex_unlock(&mem_reserve_mutex);
	return err;
}

/**
 * mem_reserve_pages_set - size a reserve for whole pages
 * @res: the reserve
 * @pages: pages it may have charged
 *
 * Sets the reserve's own demand to @pages and its own limit to as many
 * bytes. Process context; may sleep.
 *
 * Return: 0; -EINVAL for a negative size or one past total RAM; -ENOMEM if
 * @res is active and the emergency watermark cannot grow by the difference
 * (nothing changes then).
 */
int mem_reserve_pages_set(struct mem_reserve *res, long pages)
{
	if (!mem_reserve_pages_valid(pages))
		return -EINVAL;
	return mem_reserve_resize(res, pages, pages * PAGE_SIZE);
}
EXPORT_SYMBOL_GPL(mem_reserve_pages_set);

/**
 * mem_reserve_pages_add - grow or shrink a reserve by whole pages
 * @res: the reserve
 * @pages: pages to add to its own demand and limit; may be negative
 *
 * Process context; may sleep.
 *
 * Return: as mem_reserve_pages_set(), with -EINVAL also when the result
 * would be negative.
 */
int mem_reserve_pages_add(struct mem_reserve *res, long pages)
{
	long total, limit;
	int err = -EINVAL;

	mutex_lock(&mem_reserve_mutex);
	if (!check_add_overflow(res->own_pages, pages, &total) &&
	    mem_reserve_pages_valid(total)) {
		limit = res->own_limit + pages * (long)PAGE_SIZE;
		if (limit >= 0)
			err = mem_reserve_resize_locked(res, total, limit);
	}
	mutex_unlock(&mem_reserve_mutex);
	return err;
}
EXPORT_SYMBOL_GPL(mem_reserve_pages_add);

/**
 * mem_reserve_kmalloc_set - size a reserve for kmalloc() objects
 * @res: the reserve
 * @bytes: bytes of kmalloc objects it may have charged, counted after
 *	rounding up to the size class
 *
 * The demand is enough slab pages to hold @bytes of objects of any mix of
 * sizes; see the bound at the top of this file. Process context; may sleep.
 *
 * Return: as mem_reserve_pages_set().
 */
int mem_reserve_kmalloc_set(struct mem_reserve *res, long bytes)
{
	long pages;

	if (bytes < 0 || !mem_reserve_pages_valid(bytes / PAGE_SIZE))
		return -EINVAL;
	pages = mem_reserve_kmalloc_pages(bytes);
	if (!mem_reserve_pages_valid(pages))
		return -EINVAL;
	return mem_reserve_resize(res, pages, bytes);
}
EXPORT_SYMBOL_GPL(mem_reserve_kmalloc_set);

/**
 * mem_reserve_kmem_cache_set - size a reserve for objects of a slab cache
 * @res: the reserve
 * @s: the cache
 * @objects: objects of @s it may have charged
 *
 * The limit is @objects times the object size of @s; the demand is the
 * slab pages that hold them, with a partly used slab per CPU. Process
 * context; may sleep.
 *
 * Return: as mem_reserve_pages_set().
 */
int mem_reserve_kmem_cache_set(struct mem_reserve *res, struct kmem_cache *s,
			       int objects)
{
	long pages, limit;

	if (objects < 0 ||
	    check_mul_overflow((long)objects, (long)kmem_cache_size(s), &limit))
		return -EINVAL;
	pages = mem_reserve_kmem_cache_pages(s, objects);
	if (!mem_reserve_pages_valid(pages))
		return -EINVAL;
	return mem_reserve_resize(res, pages, limit);
}
EXPORT_SYMBOL_GPL(mem_reserve_kmem_cache_set);

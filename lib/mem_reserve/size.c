// SPDX-License-Identifier: GPL-2.0
/*
 * Sizing a reserve group: from what it will charge (pages, kmalloc bytes,
 * objects of a slab cache) to the pages that must be held for it.
 *
 * A group's own demand is the slabs its objects fill, with each cache's
 * real slab orders and capacities (kmem_cache_geometry(), from the mm
 * semantic patch): n objects fill DIV_ROUND_UP(n, per_slab) slabs of the
 * order SLUB tries first or of its fallback, whichever packs worse.
 * Objects of mixed sizes, of kmalloc's size classes or of a group's extra
 * caches, are bounded by the worst-packing kind, counted per byte too: a
 * full slab holds its objects' bytes at a fixed ratio of pages to bytes,
 * so any mix of a limit's bytes fills at most the limit times the worst
 * ratio in full slabs. Counted in whole objects only, a mix could pass
 * that: the bytes one kind leaves short of its next object fill full
 * slabs of another.
 *
 * Partly used slabs are not any one group's. SLUB serves each CPU from a
 * slab of its own and from a short per-CPU partial list, and every
 * allocation with access to the reserves on that CPU takes from them,
 * whichever group it charges; a new slab is made only when none of them
 * has room. So the root reserves the partly used slabs of a cache once,
 * while any connected group holds objects of it:
 * kmem_cache_cpu_slabs() slabs of the larger order per online CPU, for
 * every kmalloc size class and each of its random copies when a group
 * holds kmalloc objects. A group's own demand then does not grow with the
 * number of CPUs, and groups that share a cache do not pay for its
 * per-CPU slabs twice. CPUs that are possible but not online hold none
 * (SLUB flushes a dying CPU's slabs to the node lists), so tree.c follows
 * CPU hotplug. Slabs freed into on another CPU go to that CPU's
 * partial list, which is counted; empty slabs go back to the page
 * allocator or stay on a node partial list, where any emergency
 * allocation finds them before a new slab is made.
 *
 * Not bounded: SLUB's lockless fast path hands any caller objects of the
 * slab its CPU allocates from, made from the reserves or not, so callers
 * without reserve rights can take, uncharged, room this model counts on
 * (see Documentation/core-api/mem_reserve.rst).
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/math64.h>
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
 * Full slabs of @s, in pages, that @bytes of its objects would fill at its
 * ratio of pages to bytes, in either order SLUB may use, whichever is
 * worse: the bound for @bytes of a mix in which @s packs worst.
 */
static long slab_bytes_pages(struct kmem_cache *s, long bytes)
{
	unsigned int order, per_slab, size = kmem_cache_size(s);
	long pages = 0;
	bool least;

	for (least = false; ; least = true) {
		kmem_cache_geometry(s, least, &order, &per_slab);
		if (per_slab)
			pages = max(pages, (long)div64_u64((u64)bytes << order,
							   (u64)per_slab * size));
		if (least)
			return pages;
	}
}

/*
 * Full slabs of @s, in pages, that @bytes of objects may fill: in whole
 * objects of @s alone, or at its ratio of pages to bytes in a mix where it
 * packs worst.
 */
static long slab_limit_pages(struct kmem_cache *s, long bytes)
{
	return max(slab_packed_pages(s, bytes / kmem_cache_size(s)),
		   slab_bytes_pages(s, bytes));
}

/* Partly used slabs of @s that @cpus CPUs may hold, in pages. */
long mem_reserve_kmem_cache_cpu_pages(struct kmem_cache *s, unsigned int cpus)
{
	unsigned int order, per_slab;

	kmem_cache_geometry(s, false, &order, &per_slab);
	return ((long)cpus * kmem_cache_cpu_slabs(s)) << order;
}

/* The same for every kmalloc size class and copy. */
long mem_reserve_kmalloc_cpu_pages(unsigned int cpus)
{
	long pages = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_caches[KMALLOC_NORMAL]); i++) {
		struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][i];

		if (s)
			pages += mem_reserve_kmem_cache_cpu_pages(s, cpus) *
				 MEM_RESERVE_KMALLOC_COPIES;
	}
	return pages;
}

long mem_reserve_kmem_cache_pages(struct kmem_cache *s, long objects)
{
	return slab_packed_pages(s, objects);
}

long mem_reserve_kmalloc_pages(long bytes)
{
	long pages = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_caches[KMALLOC_NORMAL]); i++) {
		struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][i];

		if (s && kmem_cache_size(s) <= bytes)
			pages = max(pages, slab_limit_pages(s, bytes));
	}
	/* larger objects come whole from the page allocator */
	if (bytes > KMALLOC_MAX_CACHE_SIZE)
		pages = max(pages, (long)DIV_ROUND_UP(bytes, PAGE_SIZE));
	return pages;
}

/* No group may ask for more than all the memory there is. */
static bool mem_reserve_pages_valid(long pages)
{
	return pages >= 0 && pages <= totalram_pages();
}

/*
 * @pages, or more if @limit bytes of objects of one of @res's extra caches
 * pack worse: its callers may fill the limit with any of them.
 */
static long mem_reserve_extra_demand(struct mem_reserve *res, long pages,
				     long limit)
{
	struct kmem_cache *s;
	int i;

	for (i = 0; i < MEM_RESERVE_EXTRA_CACHES && limit > 0; i++) {
		s = res->extra_caches[i];
		if (s && kmem_cache_size(s) <= limit)
			pages = max(pages, slab_limit_pages(s, limit));
	}
	return pages;
}

/*
 * Size @res for @pages and @limit, holding objects of @cpu_slabs (a cache,
 * kmalloc_caches, or NULL for pages) whose per-CPU slabs take
 * @cpu_slab_pages. Nothing changes on failure.
 */
static int mem_reserve_resize(struct mem_reserve *res, long pages, long limit,
			      const void *cpu_slabs, long cpu_slab_pages)
{
	const void *old_slabs;
	long old_pages;
	int err;

	mem_reserve_lock();
	pages = mem_reserve_extra_demand(res, pages, limit);
	if (!mem_reserve_pages_valid(pages)) {
		mem_reserve_unlock();
		return -EINVAL;
	}
	old_slabs = res->cpu_slabs;
	old_pages = res->cpu_slab_pages;
	res->cpu_slabs = pages ? cpu_slabs : NULL;
	res->cpu_slab_pages = pages ? cpu_slab_pages : 0;
	err = mem_reserve_resize_locked(res, pages, limit);
	if (err) {
		res->cpu_slabs = old_slabs;
		res->cpu_slab_pages = old_pages;
	}
	mem_reserve_unlock();
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
 * Return: 0; -EINVAL for a negative size, one past total RAM, or pages for
 * a reserve with an extra cache; -ENOMEM if @res is active and the
 * emergency watermark cannot grow by the difference (nothing changes then).
 */
int mem_reserve_pages_set(struct mem_reserve *res, long pages)
{
	/* an extra cache is for objects (see mem_reserve_kmem_cache_add()) */
	if (!mem_reserve_pages_valid(pages) || (pages && res->extra_caches[0]))
		return -EINVAL;
	return mem_reserve_resize(res, pages, pages * PAGE_SIZE, NULL, 0);
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

	mem_reserve_lock();
	if (!check_add_overflow(res->own_pages, pages, &total) &&
	    mem_reserve_pages_valid(total) && !(total && res->extra_caches[0])) {
		const void *slabs = res->cpu_slabs;

		limit = res->own_limit + pages * (long)PAGE_SIZE;
		/* a group down to no pages holds objects of no cache */
		if (!total)
			res->cpu_slabs = NULL;
		if (limit >= 0)
			err = mem_reserve_resize_locked(res, total, limit);
		if (err)
			res->cpu_slabs = slabs;
	}
	mem_reserve_unlock();
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
 * sizes; see the bound at the top of this file. While @res is connected
 * the root also holds the per-CPU slabs of the kmalloc caches, once for
 * all groups. Process context; may sleep.
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
	return mem_reserve_resize(res, pages, bytes, kmalloc_caches,
				  mem_reserve_kmalloc_cpu_pages(1));
}
EXPORT_SYMBOL_GPL(mem_reserve_kmalloc_set);

/**
 * mem_reserve_kmem_cache_add - let a reserve charge objects of one more cache
 * @res: the reserve, not sized yet
 * @s: the cache, or NULL for none
 *
 * For a reserve whose callers take charged objects from @s besides those
 * it is sized for, as small skb heads come from their own cache beside
 * kmalloc'd ones, and sk_buffs from theirs. From the next sizing call on,
 * its demand is enough for its limit in objects of any of its kinds,
 * whichever packs worst, and while it is connected the root also holds
 * the per-CPU slabs of @s, once for all groups. Up to
 * MEM_RESERVE_EXTRA_CACHES such caches per reserve, which is then sized
 * for objects: mem_reserve_pages_set() and mem_reserve_pages_add() refuse
 * it any pages. Pass NULL before a cache named here is destroyed: that
 * forgets them all, always succeeds, and leaves the demand as it is until
 * the next sizing. Process context; may sleep.
 *
 * Return: 0; -EBUSY if @s is a cache and @res is already sized, names @s
 * already, or names MEM_RESERVE_EXTRA_CACHES caches.
 */
int mem_reserve_kmem_cache_add(struct mem_reserve *res, struct kmem_cache *s)
{
	int i, err = -EBUSY;

	mem_reserve_lock();
	if (!s) {
		memset(res->extra_caches, 0, sizeof(res->extra_caches));
		memset(res->extra_cpu_slab_pages, 0,
		       sizeof(res->extra_cpu_slab_pages));
		err = 0;
		goto unlock;
	}
	if (res->own_pages || res->own_limit)
		goto unlock;
	for (i = 0; i < MEM_RESERVE_EXTRA_CACHES; i++) {
		if (res->extra_caches[i] == s)
			break;
		if (!res->extra_caches[i]) {
			res->extra_caches[i] = s;
			res->extra_cpu_slab_pages[i] =
				mem_reserve_kmem_cache_cpu_pages(s, 1);
			err = 0;
			break;
		}
	}
unlock:
	mem_reserve_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(mem_reserve_kmem_cache_add);

/**
 * mem_reserve_kmem_cache_set - size a reserve for objects of a slab cache
 * @res: the reserve
 * @s: the cache
 * @objects: objects of @s it may have charged
 *
 * The limit is @objects times the object size of @s; the demand is the
 * slab pages that hold them. While @res is connected the root also holds
 * the per-CPU slabs of @s, once for all groups, knowing @s by its address:
 * size @res to nothing before @s is destroyed. Process context; may
 * sleep.
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
	return mem_reserve_resize(res, pages, limit, s,
				  mem_reserve_kmem_cache_cpu_pages(s, 1));
}
EXPORT_SYMBOL_GPL(mem_reserve_kmem_cache_set);

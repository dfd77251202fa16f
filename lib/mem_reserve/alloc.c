// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation wrappers: try a normal allocation first, and only when that
 * fails and the caller may use the emergency reserves, charge the reserve
 * group and allocate from the reserves. The caller learns through @emerg
 * which of the two happened and hands it back to the free wrapper.
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include "../../mm/slab.h"
#include "internal.h"

/*
 * A sleeper also retries the normal allocation this often: memory may come
 * back through reclaim without anyone uncharging this reserve.
 */
#define MEM_RESERVE_RETRY_INTERVAL	(HZ / 10)

/* The normal attempt may fail; the reserves are the fallback. */
#define MEM_RESERVE_NORMAL_GFP	(__GFP_NOMEMALLOC | __GFP_NOWARN)

/*
 * Whether a slab object lies in a slab made from the reserves. SLUB's
 * lockless fast path hands out the rest of such a slab without checking
 * the caller's right to it, so an object the normal attempt got may still
 * be reserve memory, and is charged as such.
 */
static bool mem_reserve_slab_obj_pfmemalloc(const void *obj)
{
	struct slab *slab = virt_to_slab(obj);

	return slab && slab_test_pfmemalloc(slab);
}

/* One allocation, so the emergency path can be written once. */
struct mem_reserve_request {
	void *(*alloc)(const struct mem_reserve_request *req, gfp_t flags);
	void (*free)(const struct mem_reserve_request *req, void *obj);
	bool slab;		/* objects come from slabs */
	long bytes;		/* what the allocation charges */
	struct kmem_cache *cache;
	size_t size;
	unsigned int order;
	int node;
};

/*
 * Emergency path, after a normal attempt failed: charge @res (waiting for
 * room when the caller may sleep), then allocate from the reserves with
 * the charge held. Returns with *@emerg set when the object came from the
 * reserves and is charged.
 */
static void *mem_reserve_alloc_emerg(const struct mem_reserve_request *req,
				     gfp_t flags, struct mem_reserve *res,
				     bool *emerg)
{
	DEFINE_WAIT(wait);
	void *obj;

	if (!gfp_pfmemalloc_allowed(flags))
		return NULL;

	while (res && !mem_reserve_charge(res, req->bytes)) {
		if (!gfpflags_allow_blocking(flags) || !mem_reserve_connected(res))
			return NULL;
		prepare_to_wait(&res->waitqueue, &wait, TASK_UNINTERRUPTIBLE);
		/* An uncharge may have come before we were on the queue. */
		if (mem_reserve_charge(res, req->bytes)) {
			finish_wait(&res->waitqueue, &wait);
			break;
		}
		atomic_long_inc(&res->waits);
		io_schedule_timeout(MEM_RESERVE_RETRY_INTERVAL);
		finish_wait(&res->waitqueue, &wait);

		if (!mem_reserve_should_fail_normal(req->bytes)) {
			obj = req->alloc(req, flags | MEM_RESERVE_NORMAL_GFP);
			if (obj && !(req->slab &&
				     mem_reserve_slab_obj_pfmemalloc(obj)))
				return obj;
			if (obj)
				req->free(req, obj);
		}
	}

	obj = req->alloc(req, flags);
	if (!obj) {
		if (res)
			mem_reserve_uncharge(res, req->bytes);
		return NULL;
	}
	*emerg = true;
	return obj;
}

/*
 * The normal attempt returned reserve memory all the same: keep it if
 * @res has room (or there is no @res to account it to). If not, the
 * caller frees it and takes the emergency path, which waits for room or
 * fails by the same rules as any emergency allocation.
 */
static bool mem_reserve_charge_taken(struct mem_reserve *res, long bytes,
				     bool *emerg)
{
	if (res && !mem_reserve_charge(res, bytes))
		return false;
	*emerg = true;
	return true;
}

/*
 * Everything after the normal attempt. @taken is what that attempt got
 * from a slab made from the reserves (or NULL): kept if it can be
 * charged, freed otherwise, and then the emergency path decides.
 */
static void *mem_reserve_alloc_slow(const struct mem_reserve_request *req,
				    gfp_t flags, struct mem_reserve *res,
				    bool *emerg, void *taken)
{
	if (taken) {
		if (mem_reserve_charge_taken(res, req->bytes, emerg))
			return taken;
		req->free(req, taken);
	}
	return mem_reserve_alloc_emerg(req, flags, res, emerg);
}

static void *mem_reserve_kmalloc(const struct mem_reserve_request *req,
				 gfp_t flags)
{
	return kmalloc_node(req->size, flags, req->node);
}

static void mem_reserve_kfree(const struct mem_reserve_request *req, void *obj)
{
	kfree(obj);
}

static noinline void *kmalloc_reserve_slow(size_t size, gfp_t flags,
					   int node, struct mem_reserve *res,
					   bool *emerg, void *taken)
{
	struct mem_reserve_request req = {
		.alloc = mem_reserve_kmalloc,
		.free = mem_reserve_kfree,
		.slab = size <= KMALLOC_MAX_CACHE_SIZE,
		.bytes = kmalloc_size_roundup(size),
		.size = size,
		.node = node,
	};
	void *obj = mem_reserve_alloc_slow(&req, flags, res, emerg, taken);

	/*
	 * kfree_reserve() uncharges ksize(), which for a KFENCE object is
	 * less than the size class: charge what will be uncharged.
	 */
	if (obj && *emerg && res && ksize(obj) < req.bytes)
		mem_reserve_uncharge(res, req.bytes - ksize(obj));
	return obj;
}

/**
 * __kmalloc_reserve - kmalloc_reserve() while a reserve group is active
 * @size: bytes to allocate
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set to whether the object came from the reserves
 *
 * Call kmalloc_reserve() instead, which comes here only when
 * mem_reserve_active().
 *
 * Return: the object, or NULL.
 */
void *__kmalloc_reserve(size_t size, gfp_t flags, int node,
			struct mem_reserve *res, bool *emerg)
{
	void *obj = NULL;

	*emerg = false;
	if (!mem_reserve_should_fail_normal(size)) {
		obj = kmalloc_node(size, flags | MEM_RESERVE_NORMAL_GFP, node);
		if (likely(obj && !mem_reserve_slab_obj_pfmemalloc(obj)))
			return obj;
	}
	return kmalloc_reserve_slow(size, flags, node, res, emerg, obj);
}
EXPORT_SYMBOL_GPL(__kmalloc_reserve);

/**
 * __kfree_reserve - free an emergency object from kmalloc_reserve()
 * @obj: the object, or NULL
 * @res: the group it was charged to
 *
 * Call kfree_reserve() instead. Frees first and then uncharges, so the
 * memory is back before a waiter's charge can succeed. Any context.
 */
void __kfree_reserve(const void *obj, struct mem_reserve *res)
{
	size_t bytes;

	if (!obj)
		return;
	bytes = ksize(obj);
	kfree(obj);
	mem_reserve_uncharge(res, bytes);
}
EXPORT_SYMBOL_GPL(__kfree_reserve);

static void *mem_reserve_kmem_cache(const struct mem_reserve_request *req,
				    gfp_t flags)
{
	return kmem_cache_alloc_node(req->cache, flags, req->node);
}

static void mem_reserve_kmem_cache_free(const struct mem_reserve_request *req,
					void *obj)
{
	kmem_cache_free(req->cache, obj);
}

static noinline void *kmem_cache_alloc_reserve_slow(struct kmem_cache *s,
						    gfp_t flags, int node,
						    struct mem_reserve *res,
						    bool *emerg, void *taken)
{
	struct mem_reserve_request req = {
		.alloc = mem_reserve_kmem_cache,
		.free = mem_reserve_kmem_cache_free,
		.slab = true,
		.bytes = kmem_cache_size(s),
		.cache = s,
		.node = node,
	};

	return mem_reserve_alloc_slow(&req, flags, res, emerg, taken);
}

/**
 * kmem_cache_alloc_reserve - kmem_cache_alloc(), falling back on a reserve
 * @s: the cache
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set to whether the object came from the reserves
 *
 * As kmalloc_reserve(), charging the object size of @s.
 *
 * Return: the object, or NULL.
 */
void *kmem_cache_alloc_reserve(struct kmem_cache *s, gfp_t flags, int node,
			       struct mem_reserve *res, bool *emerg)
{
	void *obj = NULL;

	*emerg = false;
	if (!mem_reserve_active())
		return kmem_cache_alloc_node(s, mem_reserve_inactive_gfp(flags, res),
					     node);
	if (!mem_reserve_should_fail_normal(0)) {
		obj = kmem_cache_alloc_node(s, flags | MEM_RESERVE_NORMAL_GFP,
					    node);
		if (likely(obj && !mem_reserve_slab_obj_pfmemalloc(obj)))
			return obj;
	}
	return kmem_cache_alloc_reserve_slow(s, flags, node, res, emerg, obj);
}
EXPORT_SYMBOL_GPL(kmem_cache_alloc_reserve);

/**
 * kmem_cache_free_reserve - free an object from kmem_cache_alloc_reserve()
 * @s: its cache
 * @obj: the object
 * @res: the group it was allocated against
 * @emerg: what kmem_cache_alloc_reserve() reported for it
 *
 * Any context.
 */
void kmem_cache_free_reserve(struct kmem_cache *s, void *obj,
			     struct mem_reserve *res, bool emerg)
{
	kmem_cache_free(s, obj);
	if (unlikely(emerg && res))
		mem_reserve_uncharge(res, kmem_cache_size(s));
}
EXPORT_SYMBOL_GPL(kmem_cache_free_reserve);

static void *mem_reserve_pages_alloc(const struct mem_reserve_request *req,
				     gfp_t flags)
{
	return alloc_pages_node(req->node, flags, req->order);
}

static void mem_reserve_pages_free(const struct mem_reserve_request *req,
				   void *page)
{
	__free_pages(page, req->order);
}

static noinline struct page *
alloc_pages_reserve_slow(int node, gfp_t flags, unsigned int order,
			 struct mem_reserve *res, bool *emerg)
{
	struct mem_reserve_request req = {
		.alloc = mem_reserve_pages_alloc,
		.free = mem_reserve_pages_free,
		.bytes = PAGE_SIZE << order,
		.order = order,
		.node = node,
	};

	/* the page allocator marks no page it gave without the reserves */
	return mem_reserve_alloc_slow(&req, flags, res, emerg, NULL);
}

/**
 * alloc_pages_reserve - alloc_pages(), falling back on a reserve group
 * @node: NUMA node, or NUMA_NO_NODE
 * @flags: the allocation's gfp flags
 * @order: allocation order
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set to whether the pages came from the reserves
 *
 * As kmalloc_reserve(), charging PAGE_SIZE << @order bytes.
 *
 * Return: the first page, or NULL.
 */
struct page *alloc_pages_reserve(int node, gfp_t flags, unsigned int order,
				 struct mem_reserve *res, bool *emerg)
{
	struct page *page;

	*emerg = false;
	if (!mem_reserve_active())
		return alloc_pages_node(node, mem_reserve_inactive_gfp(flags, res),
					order);
	if (!mem_reserve_should_fail_normal(PAGE_SIZE << order)) {
		page = alloc_pages_node(node, flags | MEM_RESERVE_NORMAL_GFP,
					order);
		if (likely(page))
			return page;
	}
	return alloc_pages_reserve_slow(node, flags, order, res, emerg);
}
EXPORT_SYMBOL_GPL(alloc_pages_reserve);

/**
 * free_pages_reserve - free pages from alloc_pages_reserve()
 * @page: the first page
 * @order: allocation order
 * @res: the group they were allocated against
 * @emerg: what alloc_pages_reserve() reported for them
 *
 * Any context.
 */
void free_pages_reserve(struct page *page, unsigned int order,
			struct mem_reserve *res, bool emerg)
{
	__free_pages(page, order);
	if (unlikely(emerg && res))
		mem_reserve_uncharge(res, PAGE_SIZE << order);
}
EXPORT_SYMBOL_GPL(free_pages_reserve);

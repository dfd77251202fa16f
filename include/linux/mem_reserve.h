/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory reserve groups: account and bound what each subsystem takes from
 * the emergency (ALLOC_NO_WATERMARKS) memory, and size that memory from
 * what the subsystems declare they need.
 *
 * See Documentation/core-api/mem_reserve.rst.
 */
#ifndef _LINUX_MEM_RESERVE_H
#define _LINUX_MEM_RESERVE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <linux/gfp_types.h>
#include <linux/cache.h>
#include <linux/jump_label.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>

struct kmem_cache;
struct page;

/* Caches a group may charge objects of besides the one it is sized for */
#define MEM_RESERVE_EXTRA_CACHES	3

/**
 * struct mem_reserve - a named reserve group, a node of the reserve tree
 * @usage: bytes charged to this node and to every node below it
 * @limit: bytes this node may have charged: its own limit plus its
 *	children's
 * @peak: highest @usage seen
 * @connected: the node has a path to &mem_reserve_root; only then may it
 *	be charged
 * @charge_parent: where charges and uncharges of this node go on to. The
 *	parent while connected, the root before the first connection; after
 *	a disconnect it stays, so that usage still outstanding is given back
 *	where it was charged, and changes only when the node is next
 *	connected below another parent with no usage left
 * @failed: allocations (or direct charges) refused for lack of room or
 *	connection
 * @waits: allocations that slept for room
 * @clamped: uncharges that would have taken @usage below zero: a caller
 *	gave back more than it charged
 * @uncounted: uses of memory from the reserves served without room to
 *	count them, here or in an ancestor (mem_reserve_try_charge()): a
 *	page taken past the bound, or an object of a slab the reserves made
 *	used uncharged
 * @waiters: allocations in the emergency path (charging, waiting for room,
 *	allocating), which mem_reserve_destroy() lets finish
 * @count_stopped: nothing is counted through this node while it is not
 *	connected: its @charge_parent is about to change, or it is being
 *	destroyed
 * @never_wait: its allocations never wait for room, whatever their flags
 *	(mem_reserve_set_never_wait())
 * @name: shown in debugfs
 * @parent: the node this one is connected to, or NULL
 * @children: nodes connected to this one
 * @siblings: entry in the parent's @children
 * @all: entry in the list of all registered nodes, for debugfs
 * @own_pages: page demand set on this node itself
 * @own_limit: byte limit set on this node itself
 * @cpu_slabs: the slabs its own demand holds objects of: a cache, or
 *	kmalloc_caches for kmalloc objects of any size; NULL for pages. The
 *	root reserves the per-CPU slabs of each once (lib/mem_reserve/size.c)
 * @cpu_slab_pages: those slabs of one CPU, in pages
 * @extra_caches: caches its callers also take charged objects from
 *	(mem_reserve_kmem_cache_add()), in the order named; NULL past them
 * @extra_cpu_slab_pages: the per-CPU slabs of each of @extra_caches on one
 *	CPU
 * @pages: page demand of the subtree: @own_pages plus the children's
 * @id: unique number, shown in debugfs
 *
 * A charge checks and raises @usage of the node and of every ancestor up
 * to the top of its connected subtree, as page_counter does, so the bytes
 * charged anywhere in a subtree never exceed what the subtree reserves.
 * A group that is not connected bounds nothing: the allocation wrappers
 * serve its callers as mainline would, and count what they take from the
 * reserves in @usage, without a limit, so that the frees can give it back.
 * Usage so counted that is still outstanding when the subtree connects
 * again may exceed the limit; no charge succeeds there until it drains.
 * Charge and uncharge touch only the first cache line of each node; the
 * counters in the second change on slow paths only. Everything else
 * changes under the tree mutex, in process context.
 */
struct mem_reserve {
	atomic_long_t usage ____cacheline_aligned_in_smp;
	long limit;
	atomic_long_t peak;
	bool connected;
	struct mem_reserve *charge_parent;

	atomic_long_t failed ____cacheline_aligned_in_smp;
	atomic_long_t waits;
	atomic_long_t clamped;
	atomic_long_t uncounted;
	atomic_t waiters;
	bool count_stopped;
	bool never_wait;

	const char *name;
	struct mem_reserve *parent;
	struct list_head children;
	struct list_head siblings;
	struct list_head all;
	long own_pages;
	long own_limit;
	const void *cpu_slabs;
	long cpu_slab_pages;
	struct kmem_cache *extra_caches[MEM_RESERVE_EXTRA_CACHES];
	long extra_cpu_slab_pages[MEM_RESERVE_EXTRA_CACHES];
	long pages;
	unsigned int id;
};

extern struct mem_reserve mem_reserve_root;

DECLARE_STATIC_KEY_FALSE(mem_reserve_active_key);

/**
 * mem_reserve_active - whether any reserve group is connected to the root
 *
 * Return: true while at least one group is connected to &mem_reserve_root.
 */
static inline bool mem_reserve_active(void)
{
	return static_branch_unlikely(&mem_reserve_active_key);
}

/**
 * mem_reserve_may_use_reserves - a quick test that an allocation cannot
 *	take emergency memory
 * @flags: the allocation's gfp flags
 *
 * Only __GFP_MEMALLOC and PF_MEMALLOC give ALLOC_NO_WATERMARKS, so without
 * either the wrappers are the plain allocators, inline. With one of them,
 * gfp_no_watermarks_allowed() has the final word (the context matters).
 *
 * Return: false when @flags cannot reach the reserves.
 */
static inline bool mem_reserve_may_use_reserves(gfp_t flags)
{
	return (flags & __GFP_MEMALLOC) || (current->flags & PF_MEMALLOC);
}

#ifdef CONFIG_MEM_RESERVE_FAULT_INJECTION
#include <linux/fault-inject.h>

extern struct fault_attr mem_reserve_fail_normal;

/**
 * mem_reserve_should_fail_normal - whether a forced emergency fails this
 *	normal attempt
 * @size: the bytes asked for
 *
 * The wrappers' attempt without the reserves asks this, and so does a
 * caller that makes such an attempt of its own (the page-fragment skb
 * heads), so that a forced emergency (debugfs mem_reserve/fail_normal/)
 * drives it onto its reserve path as well. Looks at the probability
 * first: without injection set up it costs a load, not a call; so
 * fail-nth injection alone is not honoured.
 *
 * Return: true to fail the attempt.
 */
static inline bool mem_reserve_should_fail_normal(size_t size)
{
	return READ_ONCE(mem_reserve_fail_normal.probability) &&
	       should_fail(&mem_reserve_fail_normal, size);
}
#else
static inline bool mem_reserve_should_fail_normal(size_t size)
{
	return false;
}
#endif

/*
 * What the mm semantic patch (cocci/10-memalloc-watermark.cocci) gives the
 * library, so that it needs none of mm's internal headers. In
 * mm/page_alloc.c: the pages held below the min watermarks for the
 * reserves, and their adjustment.
 */
extern unsigned long memalloc_reserve_pages;
int memalloc_reserve_adjust(long pages);
/* @gfp_mask gets ALLOC_NO_WATERMARKS, not only ALLOC_OOM (mm/page_alloc.c) */
bool gfp_no_watermarks_allowed(gfp_t gfp_mask);
/* @obj lies in a slab made from the reserves (mm/slab_common.c) */
bool slab_obj_pfmemalloc(const void *obj);
/* the order of @s's slabs, first try or least, and their objects (mm/slub.c) */
void kmem_cache_geometry(struct kmem_cache *s, bool least,
			 unsigned int *order, unsigned int *nr);
/* the partly used slabs of @s one CPU may hold (mm/slub.c) */
unsigned int kmem_cache_cpu_slabs(struct kmem_cache *s);

void mem_reserve_init(struct mem_reserve *res, const char *name,
		      struct mem_reserve *parent);
int mem_reserve_connect(struct mem_reserve *child, struct mem_reserve *parent);
int mem_reserve_disconnect(struct mem_reserve *res);
void mem_reserve_destroy(struct mem_reserve *res);
void mem_reserve_set_never_wait(struct mem_reserve *res);

int mem_reserve_pages_set(struct mem_reserve *res, long pages);
int mem_reserve_pages_add(struct mem_reserve *res, long pages);
int mem_reserve_kmalloc_set(struct mem_reserve *res, long bytes);
int mem_reserve_kmem_cache_add(struct mem_reserve *res, struct kmem_cache *s);
int mem_reserve_kmem_cache_set(struct mem_reserve *res, struct kmem_cache *s,
			       int objects);

bool mem_reserve_charge(struct mem_reserve *res, long bytes);
bool mem_reserve_try_charge(struct mem_reserve *res, long bytes);
bool mem_reserve_pages_charge(struct mem_reserve *res, long pages);
void mem_reserve_pages_uncharge(struct mem_reserve *res, long pages);
bool mem_reserve_kmalloc_charge(struct mem_reserve *res, long bytes);
void mem_reserve_kmalloc_uncharge(struct mem_reserve *res, long bytes);
bool mem_reserve_kmem_cache_charge(struct mem_reserve *res,
				   struct kmem_cache *s, long objs);
void mem_reserve_kmem_cache_uncharge(struct mem_reserve *res,
				     struct kmem_cache *s, long objs);

#ifdef CONFIG_MEM_RESERVE
bool mem_reserve_normal_memory(void);
bool mem_reserve_in_use(void);
bool mem_reserve_charge_wait(struct mem_reserve *res, long bytes,
			     unsigned long timeout);
void mem_reserve_uncharge(struct mem_reserve *res, long bytes);
void *__kmalloc_reserve_noprof(size_t size, gfp_t flags, int node,
			       struct mem_reserve *res, bool *emerg,
			       bool *pfmemalloc, unsigned long caller);
void __kfree_reserve(const void *obj, struct mem_reserve *res);
void *__kmem_cache_alloc_reserve_noprof(struct kmem_cache *s, gfp_t flags,
					int node, struct mem_reserve *res,
					bool *emerg, bool *pfmemalloc);

/*
 * What the out-of-line path of the inline wrappers returns, in two
 * registers: with no pointer to the caller's emerg flag, the flag stays
 * in a register there too, and the caller's fast path needs no stack
 * slot for it (nor, with the strong stack protector, a canary).
 */
struct mem_reserve_obj {
	void *obj;
	bool emerg;
};

struct mem_reserve_obj __kmalloc_reserve_obj_noprof(size_t size, gfp_t flags,
						    int node,
						    struct mem_reserve *res,
						    unsigned long caller);
struct mem_reserve_obj
__kmem_cache_alloc_reserve_obj_noprof(struct kmem_cache *s, gfp_t flags,
				      int node, struct mem_reserve *res);
void kmem_cache_free_reserve(struct kmem_cache *s, void *obj,
			     struct mem_reserve *res, bool emerg);
struct page *__alloc_pages_reserve_noprof(int node, gfp_t flags,
					  unsigned int order,
					  struct mem_reserve *res, bool *emerg);
void free_pages_reserve(struct page *page, unsigned int order,
			struct mem_reserve *res, bool emerg);

/**
 * kmalloc_reserve_track_caller - kmalloc_reserve(), attributed to a caller
 * @size: bytes to allocate
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set as kmalloc_reserve() sets it
 * @caller: the address slab debugging and kmemleak attribute it to
 *
 * As kmalloc_reserve(); kmalloc_reserve_track_caller() passes its own
 * caller's address, as kmalloc_node_track_caller() does.
 *
 * Return: the object, or NULL.
 */
static __always_inline void *
kmalloc_reserve_track_caller_noprof(size_t size, gfp_t flags, int node,
				    struct mem_reserve *res, bool *emerg,
				    unsigned long caller)
{
	struct mem_reserve_obj r;

	if (likely(!mem_reserve_may_use_reserves(flags))) {
		*emerg = false;
		return kmalloc_node_track_caller_noprof(size, flags, node,
							caller);
	}
	r = __kmalloc_reserve_obj_noprof(size, flags, node, res, caller);
	*emerg = r.emerg;
	return r.obj;
}

/**
 * kmalloc_reserve - kmalloc(), falling back on a reserve group
 * @size: bytes to allocate
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL to take
 *	from the reserves without accounting, as mainline does
 * @emerg: set when the object is reserve memory counted in @res, or, for
 *	a NULL @res, when the attempt with the reserves served it; pass it
 *	to kfree_reserve()
 *
 * A caller that may not use the emergency reserves (neither
 * __GFP_MEMALLOC nor PF_MEMALLOC in a context that honours it) gets
 * exactly what kmalloc_node() gives, inline, and *@emerg false. A caller
 * that may first tries without the reserves and without direct reclaim.
 * What that attempt gets is never refused; if it is an object of a slab
 * made from the reserves, @res is charged for it while @res has room, and
 * *@emerg set. Only if that attempt fails is @res charged for an
 * allocation from the reserves (waiting for room if @flags and the group
 * allow it, see mem_reserve_set_never_wait()), and
 * *@emerg set. A group that is not connected bounds nothing: its caller
 * is served as mainline would serve it, and what it takes from the
 * reserves is counted in @res without a limit, or, where @res cannot
 * count it (a group disconnected below a connected parent, or being
 * destroyed), not at all and with *@emerg false.
 * Allocation profiling and slab debugging name the caller of
 * kmalloc_reserve(). See Documentation/core-api/mem_reserve.rst.
 *
 * Return: the object, or NULL.
 */
static __always_inline void *kmalloc_reserve_noprof(size_t size, gfp_t flags,
						    int node,
						    struct mem_reserve *res,
						    bool *emerg)
{
	struct mem_reserve_obj r;

	if (likely(!mem_reserve_may_use_reserves(flags))) {
		*emerg = false;
		/* what the caller would have written without a group */
		if (__builtin_constant_p(node) && node == NUMA_NO_NODE)
			return kmalloc_noprof(size, flags);
		return kmalloc_node_noprof(size, flags, node);
	}
	r = __kmalloc_reserve_obj_noprof(size, flags, node, res, _THIS_IP_);
	*emerg = r.emerg;
	return r.obj;
}

/**
 * kmem_cache_alloc_reserve - kmem_cache_alloc_node(), falling back on a
 *	reserve group
 * @s: the cache
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set as kmalloc_reserve() sets it
 *
 * As kmalloc_reserve(), for an object of @s, charging its object size.
 * Free it with kmem_cache_free_reserve().
 *
 * Return: the object, or NULL.
 */
static __always_inline void *
kmem_cache_alloc_reserve_noprof(struct kmem_cache *s, gfp_t flags, int node,
				struct mem_reserve *res, bool *emerg)
{
	struct mem_reserve_obj r;

	if (likely(!mem_reserve_may_use_reserves(flags))) {
		*emerg = false;
		if (__builtin_constant_p(node) && node == NUMA_NO_NODE)
			return kmem_cache_alloc_noprof(s, flags);
		return kmem_cache_alloc_node_noprof(s, flags, node);
	}
	r = __kmem_cache_alloc_reserve_obj_noprof(s, flags, node, res);
	*emerg = r.emerg;
	return r.obj;
}

/**
 * alloc_pages_reserve - alloc_pages_node(), falling back on a reserve group
 * @node: NUMA node, or NUMA_NO_NODE
 * @flags: the allocation's gfp flags
 * @order: allocation order
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set as kmalloc_reserve() sets it
 *
 * As kmalloc_reserve(), charging PAGE_SIZE << @order bytes. Free the pages
 * with free_pages_reserve().
 *
 * Return: the first page, or NULL.
 */
static __always_inline struct page *
alloc_pages_reserve_noprof(int node, gfp_t flags, unsigned int order,
			   struct mem_reserve *res, bool *emerg)
{
	if (likely(!mem_reserve_may_use_reserves(flags))) {
		*emerg = false;
		return alloc_pages_node_noprof(node, flags, order);
	}
	return __alloc_pages_reserve_noprof(node, flags, order, res, emerg);
}

/**
 * kfree_reserve - free an object from kmalloc_reserve()
 * @obj: the object, or NULL
 * @res: the group it was allocated against
 * @emerg: what kmalloc_reserve() reported for it
 *
 * Frees first and then uncharges, so the memory is back before a waiter's
 * charge can succeed. Any context.
 */
static inline void kfree_reserve(const void *obj, struct mem_reserve *res,
				 bool emerg)
{
	if (unlikely(emerg && res))
		__kfree_reserve(obj, res);
	else
		kfree(obj);
}

DECLARE_STATIC_KEY_FALSE(mem_reserve_page_free_key);
int mem_reserve_page_charging(struct mem_reserve *res);
bool mem_reserve_charge_page(struct mem_reserve *res, struct page *page,
			     unsigned int order, unsigned long caller);
void __mem_reserve_page_free(struct page *page, unsigned int order);

/**
 * mem_reserve_page_free - give back the charge of pages being freed
 * @page: the first page
 * @order: the order they are freed with
 *
 * Called by the page allocator for every free (free_pages_prepare()).
 * Only pages from the reserves can have been charged by
 * mem_reserve_charge_page(), and the charge is recorded in their
 * pfmemalloc mark, so the others cost a static branch, and a test of that
 * mark once a group is charged for pages (mem_reserve_page_charging()).
 */
static inline void mem_reserve_page_free(struct page *page, unsigned int order)
{
	if (static_branch_unlikely(&mem_reserve_page_free_key) &&
	    page_is_pfmemalloc(page))
		__mem_reserve_page_free(page, order);
}
#else /* !CONFIG_MEM_RESERVE */
/*
 * Without the framework the wrappers are mainline's two attempts, as
 * skbuff.c made them: without the reserves and quietly, then, for a
 * caller entitled to them, with them; *emerg says the second was needed.
 * The frees are the plain ones: nothing was charged.
 */
static __always_inline void *
kmalloc_reserve_track_caller_noprof(size_t size, gfp_t flags, int node,
				    struct mem_reserve *res, bool *emerg,
				    unsigned long caller)
{
	void *obj;

	*emerg = false;
	if (!mem_reserve_may_use_reserves(flags))
		return kmalloc_node_track_caller_noprof(size, flags, node,
							caller);
	obj = kmalloc_node_track_caller_noprof(size, flags | __GFP_NOMEMALLOC |
					       __GFP_NOWARN, node, caller);
	if (obj || !gfp_pfmemalloc_allowed(flags))
		return obj;
	*emerg = true;
	return kmalloc_node_track_caller_noprof(size, flags, node, caller);
}

static __always_inline void *kmalloc_reserve_noprof(size_t size, gfp_t flags,
						    int node,
						    struct mem_reserve *res,
						    bool *emerg)
{
	return kmalloc_reserve_track_caller_noprof(size, flags, node, res,
						   emerg, _THIS_IP_);
}

static __always_inline void *
kmem_cache_alloc_reserve_noprof(struct kmem_cache *s, gfp_t flags, int node,
				struct mem_reserve *res, bool *emerg)
{
	void *obj;

	*emerg = false;
	if (!mem_reserve_may_use_reserves(flags))
		return kmem_cache_alloc_node_noprof(s, flags, node);
	obj = kmem_cache_alloc_node_noprof(s, flags | __GFP_NOMEMALLOC |
					   __GFP_NOWARN, node);
	if (obj || !gfp_pfmemalloc_allowed(flags))
		return obj;
	*emerg = true;
	return kmem_cache_alloc_node_noprof(s, flags, node);
}

static __always_inline struct page *
alloc_pages_reserve_noprof(int node, gfp_t flags, unsigned int order,
			   struct mem_reserve *res, bool *emerg)
{
	struct page *page;

	*emerg = false;
	if (!mem_reserve_may_use_reserves(flags))
		return alloc_pages_node_noprof(node, flags, order);
	page = alloc_pages_node_noprof(node, flags | __GFP_NOMEMALLOC |
				       __GFP_NOWARN, order);
	if (page || !gfp_pfmemalloc_allowed(flags))
		return page;
	*emerg = true;
	return alloc_pages_node_noprof(node, flags, order);
}

static inline void kfree_reserve(const void *obj, struct mem_reserve *res,
				 bool emerg)
{
	kfree(obj);
}

static inline void kmem_cache_free_reserve(struct kmem_cache *s, void *obj,
					   struct mem_reserve *res, bool emerg)
{
	kmem_cache_free(s, obj);
}

static inline void free_pages_reserve(struct page *page, unsigned int order,
				      struct mem_reserve *res, bool emerg)
{
	__free_pages(page, order);
}

static inline void mem_reserve_uncharge(struct mem_reserve *res, long bytes)
{
}

static inline bool mem_reserve_normal_memory(void)
{
	return true;
}

static inline bool mem_reserve_in_use(void)
{
	return false;
}

static inline bool mem_reserve_charge_wait(struct mem_reserve *res, long bytes,
					   unsigned long timeout)
{
	return false;
}

static inline int mem_reserve_page_charging(struct mem_reserve *res)
{
	return 0;
}

static inline bool mem_reserve_charge_page(struct mem_reserve *res,
					   struct page *page,
					   unsigned int order,
					   unsigned long caller)
{
	return true;
}

static inline void mem_reserve_page_free(struct page *page, unsigned int order)
{
}
#endif /* CONFIG_MEM_RESERVE */

#define kmalloc_reserve(...)	alloc_hooks(kmalloc_reserve_noprof(__VA_ARGS__))
#define kmalloc_reserve_track_caller(...)				\
	alloc_hooks(kmalloc_reserve_track_caller_noprof(__VA_ARGS__, _RET_IP_))

#define kmem_cache_alloc_reserve(...)					\
	alloc_hooks(kmem_cache_alloc_reserve_noprof(__VA_ARGS__))

#define alloc_pages_reserve(...)					\
	alloc_hooks(alloc_pages_reserve_noprof(__VA_ARGS__))

/**
 * mem_reserve_pages - page demand of a reserve's subtree
 * @res: the reserve
 *
 * Return: the pages @res and its children ask to be held in reserve.
 */
static inline long mem_reserve_pages(const struct mem_reserve *res)
{
	return READ_ONCE(res->pages);
}

/**
 * mem_reserve_limit - usage limit of a reserve
 * @res: the reserve
 *
 * Return: the bytes that may be charged to @res: its own limit plus its
 * children's.
 */
static inline long mem_reserve_limit(const struct mem_reserve *res)
{
	return READ_ONCE(res->limit);
}

/**
 * mem_reserve_usage - bytes charged to a reserve's subtree
 * @res: the reserve
 *
 * Return: the bytes charged to @res and to every node below it, as
 * checked against mem_reserve_limit(). A subtree disconnected from @res
 * with usage outstanding still counts here until that usage is given
 * back. The root is never charged: its usage is 0.
 */
static inline long mem_reserve_usage(const struct mem_reserve *res)
{
	return atomic_long_read(&res->usage);
}

/**
 * mem_reserve_connected - whether a reserve is active
 * @res: the reserve
 *
 * Return: true when @res has a path to &mem_reserve_root, so that its
 * pages are held in reserve and it may be charged.
 */
static inline bool mem_reserve_connected(const struct mem_reserve *res)
{
	return READ_ONCE(res->connected);
}

#endif /* _LINUX_MEM_RESERVE_H */

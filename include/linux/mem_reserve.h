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
#include <linux/slab.h>

struct kmem_cache;
struct page;

/**
 * struct mem_reserve - a named reserve group, a node of the reserve tree
 * @usage: bytes charged to this node (not to its children)
 * @limit: bytes this node may have charged: its own plus its children's
 * @connected: the node has a path to &mem_reserve_root; only then may it
 *	be charged
 * @waitqueue: allocations that may sleep wait here for room
 * @peak: highest @usage seen; beside @usage since every charge reads it,
 *	though it is written only when a charge sets a new high
 * @failed: charges refused for lack of room or connection
 * @waits: times an allocation slept for room
 * @clamped: uncharges that would have taken @usage below zero
 * @name: shown in debugfs
 * @parent: the node this one is connected to, or NULL
 * @children: nodes connected to this one
 * @siblings: entry in the parent's @children
 * @all: entry in the list of all registered nodes, for debugfs
 * @own_pages: page demand set on this node itself
 * @own_limit: byte limit set on this node itself
 * @pages: page demand of the subtree: @own_pages plus the children's
 * @id: unique number, shown in debugfs
 *
 * Charge and uncharge touch only the first cache line; the counters in
 * the second change on slow paths only. Everything else changes under the
 * tree mutex, in process context.
 */
struct mem_reserve {
	atomic_long_t usage ____cacheline_aligned_in_smp;
	long limit;
	atomic_long_t peak;
	bool connected;
	struct wait_queue_head waitqueue;

	atomic_long_t failed ____cacheline_aligned_in_smp;
	atomic_long_t waits;
	atomic_long_t clamped;

	const char *name;
	struct mem_reserve *parent;
	struct list_head children;
	struct list_head siblings;
	struct list_head all;
	long own_pages;
	long own_limit;
	long pages;
	unsigned int id;
};

extern struct mem_reserve mem_reserve_root;

DECLARE_STATIC_KEY_FALSE(mem_reserve_active_key);

/**
 * mem_reserve_active - whether any reserve group is connected to the root
 *
 * Until one is, the allocation wrappers are the plain allocators and
 * consumers can skip their reserve logic: the test is a patched-out branch.
 *
 * Return: true while at least one group is connected to &mem_reserve_root.
 */
static inline bool mem_reserve_active(void)
{
	return static_branch_unlikely(&mem_reserve_active_key);
}

/**
 * mem_reserve_inactive_gfp - gfp flags for an allocation while no group is active
 * @flags: the caller's gfp flags
 * @res: the group the caller would charge, or NULL
 *
 * A group that is not connected to the root gets no emergency memory: once
 * some group is active that is its charge failing, and before that it is
 * these flags. Only a caller that accounts to no group (@res NULL) keeps
 * its access to the reserves.
 *
 * Return: @flags, with __GFP_NOMEMALLOC added when @res is not NULL.
 */
static inline gfp_t mem_reserve_inactive_gfp(gfp_t flags,
					     const struct mem_reserve *res)
{
	return res ? flags | __GFP_NOMEMALLOC : flags;
}

/* Pages held below the min watermarks for the reserves (mm/page_alloc.c) */
extern unsigned long memalloc_reserve_pages;

void mem_reserve_init(struct mem_reserve *res, const char *name,
		      struct mem_reserve *parent);
int mem_reserve_connect(struct mem_reserve *child, struct mem_reserve *parent);
int mem_reserve_disconnect(struct mem_reserve *res);
void mem_reserve_destroy(struct mem_reserve *res);

int mem_reserve_pages_set(struct mem_reserve *res, long pages);
int mem_reserve_pages_add(struct mem_reserve *res, long pages);
int mem_reserve_kmalloc_set(struct mem_reserve *res, long bytes);
int mem_reserve_kmem_cache_set(struct mem_reserve *res, struct kmem_cache *s,
			       int objects);

bool mem_reserve_charge(struct mem_reserve *res, long bytes);
void mem_reserve_uncharge(struct mem_reserve *res, long bytes);
bool mem_reserve_pages_charge(struct mem_reserve *res, long pages);
void mem_reserve_pages_uncharge(struct mem_reserve *res, long pages);
bool mem_reserve_kmalloc_charge(struct mem_reserve *res, long bytes);
void mem_reserve_kmalloc_uncharge(struct mem_reserve *res, long bytes);
bool mem_reserve_kmem_cache_charge(struct mem_reserve *res,
				   struct kmem_cache *s, long objs);
void mem_reserve_kmem_cache_uncharge(struct mem_reserve *res,
				     struct kmem_cache *s, long objs);

void *__kmalloc_reserve(size_t size, gfp_t flags, int node,
			struct mem_reserve *res, bool *emerg);
void __kfree_reserve(const void *obj, struct mem_reserve *res);
void *kmem_cache_alloc_reserve(struct kmem_cache *s, gfp_t flags, int node,
			       struct mem_reserve *res, bool *emerg);
void kmem_cache_free_reserve(struct kmem_cache *s, void *obj,
			     struct mem_reserve *res, bool emerg);
struct page *alloc_pages_reserve(int node, gfp_t flags, unsigned int order,
				 struct mem_reserve *res, bool *emerg);
void free_pages_reserve(struct page *page, unsigned int order,
			struct mem_reserve *res, bool emerg);

/**
 * kmalloc_reserve - kmalloc(), falling back on a reserve group
 * @size: bytes to allocate
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL to take
 *	from the reserves without accounting
 * @emerg: set to whether the object came from the reserves; pass it to
 *	kfree_reserve()
 *
 * Tries a normal allocation first. Only when that fails and @flags (or the
 * task) may use the emergency reserves is @res charged, waiting for room
 * if @flags allow blocking, and the object taken from the reserves.
 *
 * Inline so that, while no group is connected to the root, this is a
 * patched-out branch in front of kmalloc_node(), whose size class a
 * constant @size resolves at compile time.
 *
 * Return: the object, or NULL.
 */
static __always_inline void *kmalloc_reserve(size_t size, gfp_t flags,
					     int node, struct mem_reserve *res,
					     bool *emerg)
{
	if (!mem_reserve_active()) {
		*emerg = false;
		return kmalloc_node(size, mem_reserve_inactive_gfp(flags, res),
				    node);
	}
	return __kmalloc_reserve(size, flags, node, res, emerg);
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
 * mem_reserve_usage - bytes charged to a reserve
 * @res: the reserve
 *
 * Return: the bytes charged to @res itself; charges to its children are
 * not included.
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

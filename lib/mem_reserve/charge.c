// SPDX-License-Identifier: GPL-2.0
/*
 * Charging and uncharging usage: lockless, from any context.
 *
 * Usage is one atomic per node, changed with cmpxchg so a charge that
 * would pass the limit is refused without ever being visible, and an
 * uncharge clamps at zero instead of going negative: memory taken before
 * an emergency began may be freed through the reserve's free path while
 * it lasts (the relaxed accounting of the original design).
 */
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "internal.h"

static void mem_reserve_note_peak(struct mem_reserve *res, long usage)
{
	long peak = atomic_long_read(&res->peak);

	while (usage > peak &&
	       !atomic_long_try_cmpxchg_relaxed(&res->peak, &peak, usage))
		;
}

/**
 * mem_reserve_charge - charge bytes to a reserve
 * @res: the reserve
 * @bytes: how many
 *
 * For usage counted in bytes of no one allocator, such as an skb's
 * truesize; the other charge calls round to what their allocator really
 * takes. Succeeds only while @res is connected to the root and has room
 * for all of @bytes; a refused charge changes nothing but the failure
 * counter. Any context.
 *
 * Return: true if @bytes were charged.
 */
bool mem_reserve_charge(struct mem_reserve *res, long bytes)
{
	long usage;

	if (WARN_ON_ONCE(bytes < 0))
		return false;
	if (unlikely(!READ_ONCE(res->connected)))
		goto refuse;
	usage = atomic_long_read(&res->usage);
	do {
		if (bytes > READ_ONCE(res->limit) - usage)
			goto refuse;
	} while (!atomic_long_try_cmpxchg(&res->usage, &usage, usage + bytes));
	mem_reserve_note_peak(res, usage + bytes);
	return true;
refuse:
	atomic_long_inc(&res->failed);
	return false;
}
EXPORT_SYMBOL_GPL(mem_reserve_charge);

/**
 * mem_reserve_uncharge - give bytes back to a reserve
 * @res: the reserve
 * @bytes: how many
 *
 * Usage never drops below zero; waiters for room are woken. Any context.
 */
void mem_reserve_uncharge(struct mem_reserve *res, long bytes)
{
	long usage = atomic_long_read(&res->usage);
	long take;

	if (WARN_ON_ONCE(bytes < 0))
		return;
	do {
		take = min(usage, bytes);
	} while (!atomic_long_try_cmpxchg(&res->usage, &usage, usage - take));
	if (unlikely(take < bytes))
		atomic_long_inc(&res->clamped);

	/*
	 * A successful cmpxchg is a full barrier: it orders the new usage
	 * before the waitqueue check, pairing with set_current_state() in
	 * prepare_to_wait(), which orders a waiter's enqueue before its
	 * re-charge. Either the waiter sees the room or we see the waiter.
	 */
	if (waitqueue_active(&res->waitqueue))
		wake_up_all(&res->waitqueue);
}
EXPORT_SYMBOL_GPL(mem_reserve_uncharge);

/**
 * mem_reserve_pages_charge - charge pages to a reserve
 * @res: the reserve
 * @pages: number of pages
 *
 * Any context.
 *
 * Return: true if @res is active and had room; false, changing nothing,
 * otherwise.
 */
bool mem_reserve_pages_charge(struct mem_reserve *res, long pages)
{
	return mem_reserve_charge(res, pages * PAGE_SIZE);
}
EXPORT_SYMBOL_GPL(mem_reserve_pages_charge);

/**
 * mem_reserve_pages_uncharge - give pages back to a reserve
 * @res: the reserve
 * @pages: number of pages
 *
 * Usage never drops below zero. Any context.
 */
void mem_reserve_pages_uncharge(struct mem_reserve *res, long pages)
{
	mem_reserve_uncharge(res, pages * PAGE_SIZE);
}
EXPORT_SYMBOL_GPL(mem_reserve_pages_uncharge);

/**
 * mem_reserve_kmalloc_charge - charge a kmalloc() object to a reserve
 * @res: the reserve
 * @bytes: the size passed to kmalloc()
 *
 * Charges the size kmalloc() really allocates for @bytes, so that the
 * charge and the uncharge of one object always match. Any context.
 *
 * Return: as mem_reserve_pages_charge().
 */
bool mem_reserve_kmalloc_charge(struct mem_reserve *res, long bytes)
{
	if (WARN_ON_ONCE(bytes < 0))
		return false;
	return mem_reserve_charge(res, kmalloc_size_roundup(bytes));
}
EXPORT_SYMBOL_GPL(mem_reserve_kmalloc_charge);

/**
 * mem_reserve_kmalloc_uncharge - give a kmalloc() object back to a reserve
 * @res: the reserve
 * @bytes: the size passed to kmalloc()
 *
 * Any context.
 */
void mem_reserve_kmalloc_uncharge(struct mem_reserve *res, long bytes)
{
	if (WARN_ON_ONCE(bytes < 0))
		return;
	mem_reserve_uncharge(res, kmalloc_size_roundup(bytes));
}
EXPORT_SYMBOL_GPL(mem_reserve_kmalloc_uncharge);

/**
 * mem_reserve_kmem_cache_charge - charge slab objects to a reserve
 * @res: the reserve
 * @s: their cache
 * @objs: how many
 *
 * Any context.
 *
 * Return: as mem_reserve_pages_charge().
 */
bool mem_reserve_kmem_cache_charge(struct mem_reserve *res,
				   struct kmem_cache *s, long objs)
{
	return mem_reserve_charge(res, objs * kmem_cache_size(s));
}
EXPORT_SYMBOL_GPL(mem_reserve_kmem_cache_charge);

/**
 * mem_reserve_kmem_cache_uncharge - give slab objects back to a reserve
 * @res: the reserve
 * @s: their cache
 * @objs: how many
 *
 * Any context.
 */
void mem_reserve_kmem_cache_uncharge(struct mem_reserve *res,
				     struct kmem_cache *s, long objs)
{
	mem_reserve_uncharge(res, objs * kmem_cache_size(s));
}
EXPORT_SYMBOL_GPL(mem_reserve_kmem_cache_uncharge);

// SPDX-License-Identifier: GPL-2.0
/*
 * Charging and uncharging usage: lockless, from any context.
 *
 * Usage is hierarchical, as in page_counter: a charge raises the usage of
 * the node and of each ancestor below the root, and is refused, leaving
 * nothing charged, if any of them would pass its limit. Since a node's
 * limit is its own plus its children's, the bytes charged in a subtree
 * never exceed what the subtree reserves. Each level is raised with
 * cmpxchg, so no usage is ever visible above its limit.
 *
 * A charge runs with preemption disabled, from its test of @connected to
 * its last update: synchronize_rcu() waits for such sections, as for RCU
 * readers, and they cost less than rcu_read_lock() under PREEMPT_RCU. A
 * disconnect or shrink clears the flag or the limit, then waits for a
 * grace period, and only then lowers the watermark. No charge can succeed
 * against memory that is no longer reserved. Uncharges walk the
 * charge_parent links the same way, so that a node is not freed under
 * them.
 */
#include <linux/export.h>
#include <linux/irq_work.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <trace/events/mem_reserve.h>
#include "internal.h"

/* Allocations that may sleep wait here for room in any group. */
DECLARE_WAIT_QUEUE_HEAD(mem_reserve_waitqueue);

#ifdef CONFIG_MEM_RESERVE_KUNIT_TEST
void (*mem_reserve_test_charged)(struct mem_reserve *res);
#endif

static void mem_reserve_note_peak(struct mem_reserve *res, long usage)
{
	long peak = atomic_long_read(&res->peak);

	while (usage > peak &&
	       !atomic_long_try_cmpxchg_relaxed(&res->peak, &peak, usage))
		;
}

static void mem_reserve_wake_deferred(struct irq_work *work)
{
	wake_up_all(&mem_reserve_waitqueue);
}

static DEFINE_IRQ_WORK(mem_reserve_wake_work, mem_reserve_wake_deferred);

/*
 * Wake the tasks waiting for room. The caller's change of usage, limit or
 * connection must be ordered before this check by a full barrier: the
 * value-returning atomic of an uncharge, or smp_mb() in the tree code. It
 * pairs with set_current_state() in prepare_to_wait(), which orders a
 * waiter's enqueue before its retried charge: either the waiter sees the
 * change or we see the waiter.
 *
 * The wait queue's lock is a spinlock_t. Where that may not be taken (a
 * hard interrupt; on PREEMPT_RT, where it sleeps, any context that may
 * not sleep) the wake-up goes to irq_work, which runs right after the
 * interrupt, or in a per-CPU thread on PREEMPT_RT. A wake-up already
 * pending there wakes whoever is queued when it runs, so none is lost.
 */
void mem_reserve_wake_waiters(void)
{
	/* ordered by the caller's full barrier; see above */
	if (!waitqueue_active(&mem_reserve_waitqueue))
		return;
	if (IS_ENABLED(CONFIG_PREEMPT_RT) ? !preemptible() : in_hardirq())
		irq_work_queue(&mem_reserve_wake_work);
	else
		wake_up_all(&mem_reserve_waitqueue);
}

/*
 * Take @bytes off @res and its ancestors up to, not including, @stop. A
 * level never stays below zero: giving back more than was charged is a
 * caller's bug, counted as clamped; that level is put back to zero, and
 * only what it really had is taken off the levels above it, so the other
 * children's usage there is left alone. The value-returning atomic is
 * fully ordered: see mem_reserve_wake_waiters().
 */
static void mem_reserve_usage_sub(struct mem_reserve *res,
				  struct mem_reserve *stop, long bytes)
{
	struct mem_reserve *pos;
	long usage;

	for (pos = res; pos != stop && pos != &mem_reserve_root && bytes;
	     pos = READ_ONCE(pos->charge_parent)) {
		usage = atomic_long_sub_return(bytes, &pos->usage);
		if (unlikely(usage < 0)) {
			/* what this uncharge took past zero, and only that */
			long excess = min(-usage, bytes);

			atomic_long_add(excess, &pos->usage);
			atomic_long_inc(&pos->clamped);
			bytes -= excess;
		}
	}
}

/* Whether every level above @res has room for @bytes; reads only. */
static bool mem_reserve_ancestors_have_room(struct mem_reserve *res,
					    long bytes)
{
	struct mem_reserve *pos;

	for (pos = READ_ONCE(res->charge_parent); pos != &mem_reserve_root;
	     pos = READ_ONCE(pos->charge_parent)) {
		if (bytes > READ_ONCE(pos->limit) - atomic_long_read(&pos->usage))
			return false;
	}
	return true;
}

/*
 * Charge @bytes (at least 0) to @res and its ancestors if each has room;
 * without room or connection change nothing. Looks at the ancestors
 * before it writes, so a group whose ancestor is full is refused without
 * touching any usage; only a charge that loses a race at an upper level
 * has lower levels to undo. The attempt every charge makes; any context.
 */
bool __mem_reserve_try_charge(struct mem_reserve *res, long bytes)
{
	struct mem_reserve *pos;
	bool ok = false, wake = false;
	long usage;

	preempt_disable();
	/* the root itself is never charged: its children bound it */
	if (unlikely(!READ_ONCE(res->connected) || res == &mem_reserve_root))
		goto out;
	if (!mem_reserve_ancestors_have_room(res, bytes))
		goto out;
	for (pos = res; pos != &mem_reserve_root;
	     pos = READ_ONCE(pos->charge_parent)) {
		usage = atomic_long_read(&pos->usage);
		do {
			if (bytes > READ_ONCE(pos->limit) - usage)
				goto undo;
		} while (!atomic_long_try_cmpxchg(&pos->usage, &usage,
						  usage + bytes));
		mem_reserve_note_peak(pos, usage + bytes);
	}
	ok = true;
	mem_reserve_test_charge_hook(res);
	goto out;
undo:
	if (pos != res) {
		mem_reserve_usage_sub(res, pos, bytes);
		/* a charge refused for our passing bytes may wait on them */
		wake = true;
	}
out:
	preempt_enable();
	/* not under preempt_disable(): the wake-up may take a sleeping lock */
	if (wake)
		mem_reserve_wake_waiters();
	return ok;
}

/**
 * mem_reserve_try_charge - charge what was served anyway, if there is room
 * @res: the reserve
 * @bytes: how many, at least 0
 *
 * As mem_reserve_charge(), for memory from the reserves that the caller
 * uses whether or not it is counted: a receive page a ring needs, an
 * object a normal attempt got from a slab the reserves made. Not being
 * counted refuses no one, so a connected @res without room, of its own or
 * in an ancestor, counts no failure but one use served uncounted
 * ("uncounted" in debugfs): a page taken past the bound, or room of a
 * slab the reserves made used uncharged, either of which says the group
 * or an ancestor is too small. Nothing is counted while @res is not
 * connected. Any context.
 *
 * Return: true if @bytes were charged to @res and its ancestors.
 */
bool mem_reserve_try_charge(struct mem_reserve *res, long bytes)
{
	/* connected before and after: the attempt found no room */
	bool bounded = READ_ONCE(res->connected) && res != &mem_reserve_root;

	if (__mem_reserve_try_charge(res, bytes))
		return true;
	if (bounded && READ_ONCE(res->connected))
		atomic_long_inc(&res->uncounted);
	return false;
}
EXPORT_SYMBOL_GPL(mem_reserve_try_charge);

/**
 * mem_reserve_count_unbounded - count what a group that bounds nothing took
 * @res: the group
 * @bytes: how many, at least 0
 *
 * While neither @res nor any node it charges to is connected, nothing is
 * reserved for it and its callers are served as mainline would serve
 * them; what they take from the reserves is still counted, without a
 * limit, along the same charge_parent links an uncharge walks, so that
 * the free gives it back like any charge. A node on the way that is
 * connected has a limit this must not pass: then nothing is counted.
 * Usage counted here and still outstanding when the subtree connects
 * again holds back new charges until it is given back.
 *
 * Return: true if @bytes were counted in @res and in each node it
 * charges to; false if one of them is connected, being destroyed, or
 * being moved below another parent.
 */
bool mem_reserve_count_unbounded(struct mem_reserve *res, long bytes)
{
	struct mem_reserve *pos;
	bool ok = false;

	/*
	 * The same section as a charge's. A link changes only after
	 * count_stopped is set and a grace period has passed, so the chain
	 * checked here is the one the second walk adds to.
	 */
	preempt_disable();
	for (pos = res; pos != &mem_reserve_root;
	     pos = READ_ONCE(pos->charge_parent)) {
		if (!pos || READ_ONCE(pos->connected))
			goto out;
		/* pairs with the release in mem_reserve_connect(): new link */
		if (smp_load_acquire(&pos->count_stopped))
			goto out;
	}
	for (pos = res; pos != &mem_reserve_root;
	     pos = READ_ONCE(pos->charge_parent)) {
		if (WARN_ON_ONCE(!pos))
			break;
		mem_reserve_note_peak(pos, atomic_long_add_return(bytes,
								  &pos->usage));
	}
	ok = true;
out:
	preempt_enable();
	return ok;
}

/**
 * mem_reserve_charge - charge bytes to a reserve
 * @res: the reserve
 * @bytes: how many
 *
 * For usage counted in bytes of no one allocator, such as an skb's
 * truesize; the other charge calls round to what their allocator really
 * takes. Succeeds only while @res is connected to the root and it and
 * each of its ancestors has room for all of @bytes; a refused charge
 * changes nothing but the failure counter. Any context.
 *
 * Return: true if @bytes were charged; false if not, or if @bytes is
 * negative.
 */
bool mem_reserve_charge(struct mem_reserve *res, long bytes)
{
	if (bytes >= 0 && __mem_reserve_try_charge(res, bytes))
		return true;
	atomic_long_inc(&res->failed);
	trace_mem_reserve_refused(res, bytes);
	return false;
}
EXPORT_SYMBOL_GPL(mem_reserve_charge);

/* Take @bytes off @res and the ancestors it charged; no wake-up. */
static void mem_reserve_give_back(struct mem_reserve *res, long bytes)
{
	/* charge_parent pointers stay valid for the walk; see tree.c */
	preempt_disable();
	mem_reserve_usage_sub(res, NULL, bytes);
	preempt_enable();
}

/**
 * mem_reserve_uncharge - give bytes back to a reserve
 * @res: the reserve
 * @bytes: how many; what was charged
 *
 * Gives the bytes back to @res and to the ancestors they were charged to,
 * even after @res was disconnected, and wakes the allocations waiting for
 * room. Giving back more than is charged is a bug: usage stops at zero and
 * the clamped counter says so. Any context but NMI.
 */
void mem_reserve_uncharge(struct mem_reserve *res, long bytes)
{
	if (WARN_ON_ONCE(bytes < 0) || !bytes)
		return;
	mem_reserve_give_back(res, bytes);
	mem_reserve_wake_waiters();
}
EXPORT_SYMBOL_GPL(mem_reserve_uncharge);

/*
 * mem_reserve_uncharge() for the page allocator's free, which may run
 * under any lock: the wake-up always goes through irq_work.
 */
void mem_reserve_uncharge_deferred(struct mem_reserve *res, long bytes)
{
	mem_reserve_give_back(res, bytes);
	/* ordered by mem_reserve_usage_sub()'s full barrier */
	if (waitqueue_active(&mem_reserve_waitqueue))
		irq_work_queue(&mem_reserve_wake_work);
}

/**
 * mem_reserve_pages_charge - charge pages to a reserve
 * @res: the reserve
 * @pages: number of pages
 *
 * Any context.
 *
 * Return: true if @res is active and had room; false, changing nothing,
 * otherwise, and for a negative or overflowing count.
 */
bool mem_reserve_pages_charge(struct mem_reserve *res, long pages)
{
	long bytes;

	if (check_mul_overflow(pages, (long)PAGE_SIZE, &bytes))
		bytes = -1;
	return mem_reserve_charge(res, bytes);
}
EXPORT_SYMBOL_GPL(mem_reserve_pages_charge);

/**
 * mem_reserve_pages_uncharge - give pages back to a reserve
 * @res: the reserve
 * @pages: number of pages
 *
 * Any context.
 */
void mem_reserve_pages_uncharge(struct mem_reserve *res, long pages)
{
	long bytes;

	if (WARN_ON_ONCE(check_mul_overflow(pages, (long)PAGE_SIZE, &bytes)))
		return;
	mem_reserve_uncharge(res, bytes);
}
EXPORT_SYMBOL_GPL(mem_reserve_pages_uncharge);

/*
 * What kmalloc() really takes for @bytes, or -1 for a negative size or one
 * kmalloc() cannot serve.
 */
static long mem_reserve_kmalloc_bytes(long bytes)
{
	if (bytes < 0 || bytes > KMALLOC_MAX_SIZE)
		return -1;
	return kmalloc_size_roundup(bytes);
}

/**
 * mem_reserve_kmalloc_charge - charge a kmalloc() object to a reserve
 * @res: the reserve
 * @bytes: the size passed to kmalloc()
 *
 * Charges the size kmalloc() really allocates for @bytes, so that the
 * charge and the uncharge of one object always match. Any context.
 *
 * Return: as mem_reserve_pages_charge(); false too for a size past
 * KMALLOC_MAX_SIZE.
 */
bool mem_reserve_kmalloc_charge(struct mem_reserve *res, long bytes)
{
	return mem_reserve_charge(res, mem_reserve_kmalloc_bytes(bytes));
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
	mem_reserve_uncharge(res, mem_reserve_kmalloc_bytes(bytes));
}
EXPORT_SYMBOL_GPL(mem_reserve_kmalloc_uncharge);

/* @objs objects of @s in bytes, or -1 for a negative or overflowing count */
static long mem_reserve_objs_bytes(struct kmem_cache *s, long objs)
{
	long bytes;

	if (objs < 0 ||
	    check_mul_overflow(objs, (long)kmem_cache_size(s), &bytes))
		return -1;
	return bytes;
}

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
	return mem_reserve_charge(res, mem_reserve_objs_bytes(s, objs));
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
	mem_reserve_uncharge(res, mem_reserve_objs_bytes(s, objs));
}
EXPORT_SYMBOL_GPL(mem_reserve_kmem_cache_uncharge);

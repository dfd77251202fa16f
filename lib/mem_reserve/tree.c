// SPDX-License-Identifier: GPL-2.0
/*
 * The reserve tree: registering groups, connecting and disconnecting
 * subtrees, and keeping the subtree totals and the emergency watermark in
 * step with them.
 *
 * Only a subtree connected to mem_reserve_root holds memory: its pages are
 * added to the min watermarks when it connects and removed when it
 * disconnects, so a subsystem can register its groups at boot and pay
 * nothing until it is actually used.
 */
#define pr_fmt(fmt) "mem_reserve: " fmt

#include <linux/export.h>
#include <linux/bug.h>
#include <linux/cpuhotplug.h>
#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/mmzone.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/wait_bit.h>
#include "internal.h"

#define CREATE_TRACE_POINTS
#include <trace/events/mem_reserve.h>

/* for tracers of modules that use the wrappers and free through them */
EXPORT_TRACEPOINT_SYMBOL_GPL(mem_reserve_emerg_alloc);
EXPORT_TRACEPOINT_SYMBOL_GPL(mem_reserve_emerg_free);

/* Serialises tree changes, sizes and the watermark; see internal.h. */
DEFINE_MUTEX(mem_reserve_mutex);
LIST_HEAD(mem_reserve_all);
static unsigned int mem_reserve_next_id = 1;

/* Enabled once per child of the root, so on while any group is active. */
DEFINE_STATIC_KEY_FALSE(mem_reserve_active_key);
EXPORT_SYMBOL_GPL(mem_reserve_active_key);

struct mem_reserve mem_reserve_root = {
	.usage = ATOMIC_LONG_INIT(0),
	.connected = true,
	.name = "total reserve",
	.children = LIST_HEAD_INIT(mem_reserve_root.children),
	.siblings = LIST_HEAD_INIT(mem_reserve_root.siblings),
	.all = LIST_HEAD_INIT(mem_reserve_root.all),
};
EXPORT_SYMBOL_GPL(mem_reserve_root);

/*
 * The node after @pos in a depth-first walk of @top's subtree, or NULL at
 * the end. Caller holds mem_reserve_mutex.
 */
struct mem_reserve *mem_reserve_next(struct mem_reserve *pos,
				     struct mem_reserve *top)
{
	if (!list_empty(&pos->children))
		return list_first_entry(&pos->children, struct mem_reserve,
					siblings);
	for (; pos != top; pos = pos->parent) {
		if (!list_is_last(&pos->siblings, &pos->parent->children))
			return list_next_entry(pos, siblings);
	}
	return NULL;
}

static void mem_reserve_set_connected(struct mem_reserve *top, bool connected)
{
	struct mem_reserve *pos;

	for (pos = top; pos; pos = mem_reserve_next(pos, top))
		WRITE_ONCE(pos->connected, connected);
}

/*
 * The root's total moves only under the tree mutex. After an increase
 * kswapd is woken, to make the memory free before anyone needs it.
 */
static int mem_reserve_watermark_adjust(long pages)
{
	struct zone *zone;
	int err;

	lockdep_assert_held(&mem_reserve_mutex);
	err = memalloc_reserve_adjust(pages);
	if (!err && pages > 0) {
		for_each_populated_zone(zone)
			wakeup_kswapd(zone, GFP_KERNEL, 0, zone_idx(zone));
	}
	return err;
}

/* Add @pages and @limit to the totals of @res and all its ancestors. */
static void mem_reserve_propagate(struct mem_reserve *res, long pages,
				  long limit)
{
	for (; res; res = res->parent) {
		WRITE_ONCE(res->pages, res->pages + pages);
		WRITE_ONCE(res->limit, res->limit + limit);
	}
}

/*
 * The per-CPU slabs held at the root, once per cache that connected groups
 * hold objects of, for each online CPU (see size.c), but those that came
 * up while the watermark could not grow. Part of mem_reserve_root.pages.
 */
long mem_reserve_cpu_slab_total;
unsigned int mem_reserve_slab_cpus;
unsigned int mem_reserve_unheld_cpus;

static bool mem_reserve_hold_unheld_cpus(void);

/*
 * The caches whose per-CPU slabs @res needs held, by @kind: 0 for what it
 * is sized for, then its extra caches; with one CPU's slabs in @pages.
 * NULL while @res holds no objects.
 */
#define MEM_RESERVE_SLAB_KINDS	(1 + MEM_RESERVE_EXTRA_CACHES)

static const void *mem_reserve_slab_kind(struct mem_reserve *res, int kind,
					 long *pages)
{
	if (!kind) {
		*pages = res->cpu_slab_pages;
		return res->cpu_slabs;
	}
	*pages = res->extra_cpu_slab_pages[kind - 1];
	/* set with the kind, before the sizing takes effect */
	return res->cpu_slabs ? res->extra_caches[kind - 1] : NULL;
}

/* @res would be connected if @top's subtree were @connected. */
static bool mem_reserve_would_connect(struct mem_reserve *res,
				      struct mem_reserve *top, bool connected)
{
	struct mem_reserve *pos;

	for (pos = res; top && pos; pos = pos->parent) {
		if (pos == top)
			return connected;
	}
	return res->connected;
}

/*
 * @cache is held for a connected group before @res's @kind in the order
 * the per-CPU slab total counts them.
 */
static bool mem_reserve_slabs_counted(const void *cache, struct mem_reserve *res,
				      int kind, struct mem_reserve *top,
				      bool connected)
{
	struct mem_reserve *seen;
	long unused;
	int k;

	list_for_each_entry(seen, &mem_reserve_all, all) {
		for (k = 0; k < MEM_RESERVE_SLAB_KINDS; k++) {
			if (seen == res && k == kind)
				return false;
			if (mem_reserve_slab_kind(seen, k, &unused) == cache &&
			    mem_reserve_would_connect(seen, top, connected))
				return true;
		}
	}
	return false;
}

/*
 * The per-CPU slab pages the root must hold once @top's subtree is
 * @connected (with @top NULL: as the tree stands). Each cache counts once,
 * for the first group found holding its objects.
 */
static long mem_reserve_cpu_slabs_wanted(struct mem_reserve *top,
					 bool connected)
{
	struct mem_reserve *res;
	const void *cache;
	long pages = 0, one;
	int kind;

	lockdep_assert_held(&mem_reserve_mutex);
	list_for_each_entry(res, &mem_reserve_all, all) {
		if (!mem_reserve_would_connect(res, top, connected))
			continue;
		for (kind = 0; kind < MEM_RESERVE_SLAB_KINDS; kind++) {
			cache = mem_reserve_slab_kind(res, kind, &one);
			if (cache && !mem_reserve_slabs_counted(cache, res, kind,
								top, connected))
				pages += one;
		}
	}
	return pages * (mem_reserve_slab_cpus - mem_reserve_unheld_cpus);
}

/* The watermark already holds @pages of per-CPU slabs: account them. */
static void mem_reserve_set_cpu_slabs(long pages)
{
	mem_reserve_propagate(&mem_reserve_root,
			      pages - mem_reserve_cpu_slab_total, 0);
	mem_reserve_cpu_slab_total = pages;
}

/* The tree changed under waiters for room: let them look again. */
static void mem_reserve_tree_changed(void)
{
	/* the change before the waiter check; pairs with prepare_to_wait() */
	smp_mb();
	mem_reserve_wake_waiters();
}

static int mem_reserve_link(struct mem_reserve *child,
			    struct mem_reserve *parent, bool fresh);

/**
 * mem_reserve_init - register a reserve group
 * @res: the group, zeroed or not; it must outlive its registration
 * @name: its name in debugfs; the string must outlive @res
 * @parent: the node to connect it to, or NULL to leave it on its own
 *
 * A new group has no pages and no limit, so connecting it cannot fail:
 * size it afterwards with the mem_reserve_*_set() calls. Process context;
 * may sleep.
 */
void mem_reserve_init(struct mem_reserve *res, const char *name,
		      struct mem_reserve *parent)
{
	memset(res, 0, sizeof(*res));
	INIT_LIST_HEAD(&res->children);
	INIT_LIST_HEAD(&res->siblings);
	res->name = name;
	/* counted unbounded until connected, to the root, which stops walks */
	res->charge_parent = &mem_reserve_root;

	mem_reserve_lock();
	res->id = mem_reserve_next_id++;
	list_add_tail(&res->all, &mem_reserve_all);
	mem_reserve_unlock();

	if (parent)
		WARN_ON_ONCE(mem_reserve_link(res, parent, true));
}
EXPORT_SYMBOL_GPL(mem_reserve_init);

/**
 * mem_reserve_set_never_wait - make a full group refuse sleeping callers too
 * @res: the group
 *
 * For a group whose room comes back only through progress its callers
 * block while they allocate: a transmit head charged under a socket lock
 * is uncharged by the ACKs that the socket's backlog processes once that
 * lock is released. A caller that slept for room there would wait for
 * itself. From now on, when @res is full its allocations fail at once, as
 * a caller that may not sleep does, and the caller backs off in its own
 * way (TCP waits for memory with the socket unlocked). Before the refusal
 * a caller that may block gets one more normal attempt, with direct
 * reclaim, as mainline would go on to reclaim.
 *
 * Context: process context, before the group is charged; never undone.
 */
void mem_reserve_set_never_wait(struct mem_reserve *res)
{
	WARN_ON_ONCE(atomic_long_read(&res->usage));
	WRITE_ONCE(res->never_wait, true);
}
EXPORT_SYMBOL_GPL(mem_reserve_set_never_wait);

/**
 * mem_reserve_connect - connect a subtree below another node
 * @child: top of the subtree; it must have no parent
 * @parent: the node to connect it to
 *
 * When @parent has a path to &mem_reserve_root, the subtree becomes active:
 * its pages are added to the emergency watermark and its nodes may be
 * charged. Process context; may sleep.
 *
 * A subtree disconnected with usage still outstanding keeps that usage
 * charged to its old parent until it is given back; it can be connected
 * again below that parent at once, below another only once its usage is
 * back to zero (after an RCU grace period, so this may sleep longer).
 *
 * Return: 0; -EEXIST if @child already has a parent; -EINVAL if @child is
 * the root, @parent itself or one of @parent's ancestors; -EBUSY if
 * @child still has usage charged to another parent; -ENOMEM if the
 * watermark cannot hold the subtree's pages (nothing changes then).
 */
int mem_reserve_connect(struct mem_reserve *child, struct mem_reserve *parent)
{
	return mem_reserve_link(child, parent, false);
}
EXPORT_SYMBOL_GPL(mem_reserve_connect);

/*
 * mem_reserve_connect(); @fresh: @child is being registered, so that no
 * one else can count or uncharge through it yet.
 */
static int mem_reserve_link(struct mem_reserve *child,
			    struct mem_reserve *parent, bool fresh)
{
	struct mem_reserve *pos;
	bool stopped = false;
	long slabs = 0, grow;
	int err = 0;

	mem_reserve_lock();
	if (child == &mem_reserve_root) {
		err = -EINVAL;
		goto unlock;
	}
	if (child->parent) {
		err = -EEXIST;
		goto unlock;
	}
	for (pos = parent; pos; pos = pos->parent) {
		if (pos == child) {
			err = -EINVAL;
			goto unlock;
		}
	}
	if (child->charge_parent != parent && !fresh) {
		/*
		 * Nothing new is counted through @child from here; after the
		 * grace period no count is in flight, and no uncharge that
		 * emptied it still walks the old parents.
		 */
		WRITE_ONCE(child->count_stopped, true);
		stopped = true;
		synchronize_rcu();
		if (atomic_long_read(&child->usage)) {
			err = -EBUSY;
			goto unlock;
		}
	}
	if (parent->connected) {
		slabs = mem_reserve_cpu_slabs_wanted(child, true);
		grow = child->pages + slabs - mem_reserve_cpu_slab_total;
		err = grow ? mem_reserve_watermark_adjust(grow) : 0;
		if (err)
			goto unlock;
	}
	WRITE_ONCE(child->charge_parent, parent);
	child->parent = parent;
	list_add_tail(&child->siblings, &parent->children);
	mem_reserve_propagate(parent, child->pages, child->limit);
	if (parent->connected) {
		mem_reserve_set_cpu_slabs(slabs);
		mem_reserve_set_connected(child, true);
	}
	if (parent == &mem_reserve_root)
		static_branch_inc_cpuslocked(&mem_reserve_active_key);
	if (parent->connected)
		mem_reserve_hold_unheld_cpus();
	mem_reserve_tree_changed();
	trace_mem_reserve_connect(child, child->pages, mem_reserve_root.pages);
unlock:
	if (stopped) {
		/* a count that sees the flag clear sees the new link */
		smp_store_release(&child->count_stopped, false);
	}
	mem_reserve_unlock();
	return err;
}

/*
 * Stop new charges to @res's subtree and take its limit off the ancestors,
 * wait until no charge that saw the old state is in flight, and only then
 * lower the watermark: nothing is ever charged against memory no longer
 * reserved. Usage outstanding stays charged to the old parent, through
 * @charge_parent, until it is given back.
 */
static void mem_reserve_unlink(struct mem_reserve *res)
{
	struct mem_reserve *parent = res->parent;
	bool was_connected = res->connected;
	long slabs;

	mem_reserve_set_connected(res, false);
	list_del_init(&res->siblings);
	res->parent = NULL;
	mem_reserve_propagate(parent, 0, -res->limit);
	if (was_connected) {
		slabs = mem_reserve_cpu_slabs_wanted(NULL, false);
		synchronize_rcu();
		/* Lowering the watermark needs no memory: it cannot fail. */
		WARN_ON_ONCE(mem_reserve_watermark_adjust(slabs - res->pages -
							  mem_reserve_cpu_slab_total));
		mem_reserve_set_cpu_slabs(slabs);
	}
	mem_reserve_propagate(parent, -res->pages, 0);
	if (parent == &mem_reserve_root)
		static_branch_dec_cpuslocked(&mem_reserve_active_key);
	/* waiters on the subtree give up */
	mem_reserve_tree_changed();
}

/**
 * mem_reserve_disconnect - detach a subtree from its parent
 * @res: top of the subtree
 *
 * If the subtree was active, its nodes can no longer be charged, charges
 * in flight are waited for, and then its pages leave the emergency
 * watermark. Allocations waiting for room in the subtree give up.
 * Outstanding usage stays and may still be uncharged. Process context;
 * may sleep (for an RCU grace period).
 *
 * Return: 0; -EINVAL for the root; -ENOENT if @res has no parent.
 */
int mem_reserve_disconnect(struct mem_reserve *res)
{
	int err = 0;

	mem_reserve_lock();
	if (res == &mem_reserve_root)
		err = -EINVAL;
	else if (!res->parent)
		err = -ENOENT;
	else
		mem_reserve_unlink(res);
	if (!err)
		trace_mem_reserve_disconnect(res, res->pages,
					     mem_reserve_root.pages);
	mem_reserve_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(mem_reserve_disconnect);

/**
 * mem_reserve_destroy - unregister a reserve group
 * @res: the group
 *
 * Detaches @res from its parent, waits for the allocations in its
 * emergency path to finish (waiters for room give up), and drops it from
 * debugfs, after which its memory may be freed. Its children must have
 * been destroyed or disconnected first, and everything charged to it
 * given back: children left are disconnected, usage left is taken off
 * its ancestors, each with a warning. Process context; may sleep.
 */
void mem_reserve_destroy(struct mem_reserve *res)
{
	struct mem_reserve *pos, *next;
	long usage;

	if (WARN_ON_ONCE(res == &mem_reserve_root))
		return;
	mem_reserve_lock();
	/*
	 * Allocations from now on are served uncounted, here and below; the
	 * links cut further down are walked by no count in flight.
	 */
	WRITE_ONCE(res->count_stopped, true);
	/* the frees of pages still charged to it leave it alone */
	mem_reserve_page_group_forget(res);
	synchronize_rcu();
	if (WARN_ON_ONCE(!list_empty(&res->children))) {
		list_for_each_entry_safe(pos, next, &res->children, siblings)
			mem_reserve_unlink(pos);
	}
	if (res->parent)
		mem_reserve_unlink(res);
	/*
	 * Uncharges reach @res through the charge_parent of nodes it was the
	 * parent of: cut those links.
	 */
	list_for_each_entry(pos, &mem_reserve_all, all) {
		if (pos->charge_parent == res)
			WRITE_ONCE(pos->charge_parent, NULL);
	}
	mem_reserve_unlock();
	/*
	 * An allocation in the emergency path may have charged @res and still
	 * be allocating, or correcting its charge: only once every such one
	 * has left, and every walk that read a link cut above has ended, is
	 * what @res holds what was not given back.
	 */
	wait_var_event(&res->waiters, !atomic_read(&res->waiters));
	synchronize_rcu();
	mem_reserve_lock();
	usage = atomic_long_xchg(&res->usage, 0);
	if (WARN_ON_ONCE(usage))
		mem_reserve_uncharge(READ_ONCE(res->charge_parent), usage);
	list_del_init(&res->all);
	mem_reserve_unlock();
}
EXPORT_SYMBOL_GPL(mem_reserve_destroy);

/*
 * Give @res its own demand of @pages and limit of @limit bytes. When @res
 * is active the root total moves with it, and an increase the watermark
 * cannot hold fails with -ENOMEM before anything changes.
 */
int mem_reserve_resize_locked(struct mem_reserve *res, long pages, long limit)
{
	long delta = pages - res->own_pages;
	long grow = limit - res->own_limit;
	long slabs = mem_reserve_cpu_slab_total, up = 0, down = 0;
	int err;

	lockdep_assert_held(&mem_reserve_mutex);
	if (res == &mem_reserve_root)
		return -EINVAL;
	if (res->connected) {
		/* the caller may have changed what @res holds objects of */
		slabs = mem_reserve_cpu_slabs_wanted(NULL, false);
		up = max(delta, 0L) + max(slabs - mem_reserve_cpu_slab_total, 0L);
		down = min(delta, 0L) + min(slabs - mem_reserve_cpu_slab_total, 0L);
	}
	/*
	 * Memory first when growing, limit first when shrinking; each part
	 * apart, so that a group that grows while the per-CPU slabs of the
	 * cache it leaves go does not lower the watermark before the grace
	 * period.
	 */
	if (up) {
		err = mem_reserve_watermark_adjust(up);
		if (err)
			return err;
	}
	mem_reserve_propagate(res, 0, grow);
	res->own_pages = pages;
	res->own_limit = limit;
	if (down) {
		/* no charge that saw the old limit is still in flight */
		synchronize_rcu();
		WARN_ON_ONCE(mem_reserve_watermark_adjust(down));
	}
	mem_reserve_propagate(res, delta, 0);
	mem_reserve_set_cpu_slabs(slabs);
	mem_reserve_hold_unheld_cpus();
	/* more room, or a request that no longer fits and must give up */
	if (grow)
		mem_reserve_tree_changed();
	if (delta)
		trace_mem_reserve_resize(res, delta, mem_reserve_root.pages);
	return 0;
}

/*
 * Move the per-CPU slabs the watermark holds to what the tree wants now;
 * nothing changes if the watermark cannot grow.
 */
static int mem_reserve_sync_cpu_slabs(void)
{
	long slabs = mem_reserve_cpu_slabs_wanted(NULL, false);
	int err = 0;

	if (slabs != mem_reserve_cpu_slab_total)
		err = mem_reserve_watermark_adjust(slabs -
						   mem_reserve_cpu_slab_total);
	if (!err)
		mem_reserve_set_cpu_slabs(slabs);
	return err;
}

/*
 * Try to hold the per-CPU slabs of CPUs that came up while the watermark
 * could not take them. False if it still cannot. This also gives back
 * slabs held for a cache that no group names any more (see
 * mem_reserve_kmem_cache_add()): the root may hold more than it wants,
 * never less than it says.
 */
static bool mem_reserve_hold_unheld_cpus(void)
{
	unsigned int unheld = mem_reserve_unheld_cpus;

	lockdep_assert_held(&mem_reserve_mutex);
	if (!unheld)
		return true;
	mem_reserve_unheld_cpus = 0;
	if (mem_reserve_sync_cpu_slabs()) {
		mem_reserve_unheld_cpus = unheld;
		return false;
	}
	return true;
}

/*
 * SLUB flushes a CPU's slabs to the node lists when the CPU dies, so only
 * online CPUs hold slabs of their own: the root holds per-CPU slabs for
 * those, growing before a CPU comes up. A CPU comes up even when the
 * watermark cannot grow for it, as in mainline: its share is then held
 * at the next change to the tree or CPU that has room. The teardown runs
 * just before SLUB's own (CPUHP_SLUB_DEAD), which moves the dead CPU's
 * slabs to the node lists; no CPU allocates from them in between.
 */
static int mem_reserve_cpu_prepare(unsigned int cpu)
{
	lockdep_assert_cpus_held();
	mutex_lock(&mem_reserve_mutex);
	mem_reserve_slab_cpus++;
	mem_reserve_unheld_cpus++;
	if (!mem_reserve_hold_unheld_cpus())
		pr_warn_once("CPU %u came up with its slabs for the reserves not held: the emergency watermark cannot grow\n",
			     cpu);
	mutex_unlock(&mem_reserve_mutex);
	return 0;
}

static int mem_reserve_cpu_dead(unsigned int cpu)
{
	lockdep_assert_cpus_held();
	mutex_lock(&mem_reserve_mutex);
	mem_reserve_slab_cpus--;
	if (mem_reserve_unheld_cpus) {
		/* nothing was held for one of the CPUs: that one goes */
		mem_reserve_unheld_cpus--;
	} else {
		/* Lowering the watermark needs no memory: it cannot fail. */
		WARN_ON_ONCE(mem_reserve_sync_cpu_slabs());
	}
	mutex_unlock(&mem_reserve_mutex);
	return 0;
}

static int __init mem_reserve_cpuhp_init(void)
{
	int ret;

	/* counts the CPUs online now, and follows them from here */
	ret = cpuhp_setup_state(CPUHP_BP_PREPARE_DYN, "lib/mem_reserve:prepare",
				mem_reserve_cpu_prepare, mem_reserve_cpu_dead);
	if (WARN_ON_ONCE(ret < 0)) {
		/* not following CPUs, hold slabs for every one there may be */
		mem_reserve_lock();
		mem_reserve_slab_cpus = num_possible_cpus();
		mem_reserve_unheld_cpus = num_possible_cpus();
		mem_reserve_hold_unheld_cpus();
		mem_reserve_unlock();
	}
	return 0;
}
core_initcall(mem_reserve_cpuhp_init);

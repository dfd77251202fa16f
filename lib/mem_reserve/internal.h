/* SPDX-License-Identifier: GPL-2.0 */
/* What the mem_reserve files share with each other and with their tests. */
#ifndef _LIB_MEM_RESERVE_INTERNAL_H
#define _LIB_MEM_RESERVE_INTERNAL_H

#include <linux/cpu.h>
#include <linux/mem_reserve.h>
#include <linux/mutex.h>

/*
 * Serialises every change to the tree, its sizes and the watermark. CPU
 * hotplug calls in with the hotplug lock held, and the tree takes it to
 * switch static keys, so it is always taken first: through
 * mem_reserve_lock().
 */
extern struct mutex mem_reserve_mutex;

static inline void mem_reserve_lock(void)
{
	cpus_read_lock();
	mutex_lock(&mem_reserve_mutex);
}

static inline void mem_reserve_unlock(void)
{
	mutex_unlock(&mem_reserve_mutex);
	cpus_read_unlock();
}

/* Every registered node but the root, in registration order. */
extern struct list_head mem_reserve_all;

struct mem_reserve *mem_reserve_next(struct mem_reserve *pos,
				     struct mem_reserve *top);
int mem_reserve_resize_locked(struct mem_reserve *res, long pages,
			      long limit);

extern struct wait_queue_head mem_reserve_waitqueue;
/* How long a waiter sleeps before it tries the normal allocation again */
extern unsigned long mem_reserve_retry_interval;
bool __mem_reserve_try_charge(struct mem_reserve *res, long bytes);
bool mem_reserve_count_unbounded(struct mem_reserve *res, long bytes);
void mem_reserve_wake_waiters(void);
void mem_reserve_uncharge_deferred(struct mem_reserve *res, long bytes);
void mem_reserve_page_group_forget(struct mem_reserve *res);

long mem_reserve_kmalloc_pages(long bytes);
long mem_reserve_kmem_cache_pages(struct kmem_cache *s, long objects);
long mem_reserve_kmalloc_cpu_pages(unsigned int cpus);
long mem_reserve_kmem_cache_cpu_pages(struct kmem_cache *s, unsigned int cpus);
/* per-CPU slabs the root holds for the connected groups, in pages */
extern long mem_reserve_cpu_slab_total;
/* the online CPUs it holds them for, and of those the ones it cannot yet */
extern unsigned int mem_reserve_slab_cpus;
extern unsigned int mem_reserve_unheld_cpus;

struct dentry *mem_reserve_debugfs_dir(void);
struct seq_file;
int mem_reserve_tree_show(struct seq_file *m, void *v);

#ifdef CONFIG_MEM_RESERVE_KUNIT_TEST
/*
 * Called by each successful charge before it enables preemption again
 * (the section synchronize_rcu() waits for), so the tests can stretch a
 * charge in flight across a disconnect or a shrink and look at the
 * watermark from inside it. NULL, and a load, unless a test sets it.
 */
extern void (*mem_reserve_test_charged)(struct mem_reserve *res);

static inline void mem_reserve_test_charge_hook(struct mem_reserve *res)
{
	void (*hook)(struct mem_reserve *res) = READ_ONCE(mem_reserve_test_charged);

	if (unlikely(hook))
		hook(res);
}
#else
static inline void mem_reserve_test_charge_hook(struct mem_reserve *res)
{
}
#endif

#ifdef CONFIG_MEM_RESERVE_FAULT_INJECTION
void mem_reserve_force_emergency(bool on);

/* An emergency is being forced: the normal attempts will fail. */
static inline bool mem_reserve_forcing_emergency(void)
{
	return READ_ONCE(mem_reserve_fail_normal.probability);
}
#else
static inline bool mem_reserve_forcing_emergency(void)
{
	return false;
}
#endif

#endif /* _LIB_MEM_RESERVE_INTERNAL_H */

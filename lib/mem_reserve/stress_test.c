// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: emergency allocations in kthreads that wait in the wrapper for
 * room, frees in hard interrupt context from an hrtimer. Waiters retry
 * only when woken (the retry interval is an hour). Ends with usage exactly
 * 0, nothing clamped, and no peak above the limit. If uncharge woke no
 * one, a worker would hang and the case fail on its completion timeout; a
 * wake-up lost to a race is usually covered by the next free, so that is
 * for alloc_blocked_waiter_wakes_on_free to catch, with a single uncharge.
 *
 * Then charges in flight across disconnects and shrinks.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/llist.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include "test_util.h"

#define STRESS_UNITS	4
#define STRESS_ROUNDS	500
#define STRESS_SIZE	64

struct stress {
	struct mem_reserve *res;
	struct hrtimer timer;
	struct llist_head to_free;	/* objects for the interrupt to free */
	atomic_t lost;			/* allocations that failed */
	atomic_t plain;			/* allocations not from the reserves */
	atomic_t running;
	struct completion done[2];
};

static enum hrtimer_restart stress_timer_fn(struct hrtimer *t)
{
	struct stress *st = container_of(t, struct stress, timer);
	struct llist_node *pos, *next;

	llist_for_each_safe(pos, next, llist_del_all(&st->to_free))
		kfree_reserve(pos, st->res, true);
	hrtimer_forward_now(t, ns_to_ktime(50 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static int stress_worker_fn(void *arg)
{
	struct stress *st = arg;
	int cpu = atomic_inc_return(&st->running) - 1;
	unsigned int noreclaim = memalloc_noreclaim_save();
	struct llist_node *obj;
	bool emerg;
	int i;

	for (i = 0; i < STRESS_ROUNDS; i++) {
		obj = kmalloc_reserve(STRESS_SIZE, GFP_KERNEL, NUMA_NO_NODE,
				      st->res, &emerg);
		if (!obj) {
			atomic_inc(&st->lost);
			continue;
		}
		if (!emerg) {
			atomic_inc(&st->plain);
			kfree(obj);
			continue;
		}
		llist_add(obj, &st->to_free);
	}
	memalloc_noreclaim_restore(noreclaim);
	complete(&st->done[cpu]);
	return 0;
}

static void mr_stress_restore_retry(void *arg)
{
	WRITE_ONCE(mem_reserve_retry_interval, (unsigned long)arg);
}

static void stress_irq_uncharge_no_lost_wakeup(struct kunit *test)
{
	struct stress *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	long limit;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, st);
	st->res = mr_test_reserve(test, "stress", &mem_reserve_root);
	limit = STRESS_UNITS * kmalloc_size_roundup(STRESS_SIZE);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(st->res, limit));
	init_llist_head(&st->to_free);
	for (i = 0; i < 2; i++)
		init_completion(&st->done[i]);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mr_stress_restore_retry,
							   (void *)mem_reserve_retry_interval));
	WRITE_ONCE(mem_reserve_retry_interval, 3600 * HZ);
	mr_test_force_emergency(test);

	hrtimer_init(&st->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	st->timer.function = stress_timer_fn;
	hrtimer_start(&st->timer, ns_to_ktime(50 * NSEC_PER_USEC), HRTIMER_MODE_REL_HARD);
	for (i = 0; i < 2; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(stress_worker_fn, st,
							    "mr_stress/%d", i)));
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_NE(test, 0UL,
				wait_for_completion_timeout(&st->done[i], 120 * HZ));
	for (i = 0; i < 500 && !llist_empty(&st->to_free); i++)
		schedule_timeout_uninterruptible(1);
	hrtimer_cancel(&st->timer);

	KUNIT_EXPECT_TRUE(test, llist_empty(&st->to_free));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(st->res));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&st->lost));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&st->plain));
	KUNIT_EXPECT_GT(test, atomic_long_read(&st->res->waits), 0L);
	KUNIT_EXPECT_LE(test, atomic_long_read(&st->res->peak), limit);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&st->res->clamped));
}

/*
 * A charge in flight across a disconnect or a shrink. The hook runs inside
 * each successful charge, stretches it by a millisecond and then looks at
 * the reserved total: it must still hold the test tree's pages, since the
 * disconnect or shrink may lower the watermark only after every charge
 * that saw the old state has finished. Needs two CPUs to catch anything.
 */
static struct {
	struct mem_reserve *leaf;
	atomic_t charged;
	atomic_t violations;
} inflight;

#define INFLIGHT_PAGES	64

/*
 * Nothing else is connected (the case asserts it), so the root's total is
 * the test tree's: while a charge is in flight it must hold its pages.
 */
static void inflight_hook(struct mem_reserve *res)
{
	if (res != inflight.leaf)
		return;
	/* inside the charge, with preemption off: no sleep */
	mdelay(1);
	if (READ_ONCE(memalloc_reserve_pages) < INFLIGHT_PAGES)
		atomic_inc(&inflight.violations);
	atomic_inc(&inflight.charged);
}

static int inflight_charger_fn(void *arg)
{
	while (!kthread_should_stop()) {
		if (mem_reserve_pages_charge(inflight.leaf, 1))
			mem_reserve_pages_uncharge(inflight.leaf, 1);
		cond_resched();
	}
	return 0;
}

static void mr_inflight_unhook(void *unused)
{
	WRITE_ONCE(mem_reserve_test_charged, NULL);
	synchronize_rcu();
}

static void stress_no_charge_outlives_its_reserve(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "inflight", NULL);
	int round;

	KUNIT_ASSERT_TRUE(test, list_empty(&mem_reserve_root.children));
	KUNIT_ASSERT_EQ(test, 0UL, READ_ONCE(memalloc_reserve_pages));
	inflight.leaf = mr_test_reserve(test, "inflight leaf", top);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(inflight.leaf, INFLIGHT_PAGES));
	atomic_set(&inflight.charged, 0);
	atomic_set(&inflight.violations, 0);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mr_inflight_unhook,
							   NULL));
	WRITE_ONCE(mem_reserve_test_charged, inflight_hook);
	mr_test_kthread(test, inflight_charger_fn, NULL, "mr_inflight");

	for (round = 0; round < 40; round++) {
		KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(top, &mem_reserve_root));
		msleep(20);
		if (round & 1) {
			KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(top));
			continue;
		}
		/* a shrink to nothing, then the disconnect of an empty tree */
		KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(inflight.leaf, 0));
		KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(top));
		KUNIT_ASSERT_EQ(test, 0,
				mem_reserve_pages_set(inflight.leaf, INFLIGHT_PAGES));
	}
	KUNIT_EXPECT_GT(test, atomic_read(&inflight.charged), 0);
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&inflight.violations));
	kunit_info(test, "%d charges in flight, %d outlived their reserve\n",
		   atomic_read(&inflight.charged), atomic_read(&inflight.violations));
}

static struct kunit_case mem_reserve_stress_cases[] = {
	KUNIT_CASE_SLOW(stress_irq_uncharge_no_lost_wakeup),
	KUNIT_CASE_SLOW(stress_no_charge_outlives_its_reserve),
	{}
};

static struct kunit_suite mem_reserve_stress_suite = {
	.name = "mem_reserve_stress",
	.test_cases = mem_reserve_stress_cases,
};

kunit_test_suite(mem_reserve_stress_suite);

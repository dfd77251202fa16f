// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: charges in kthreads, uncharges in hard interrupt context from an
 * hrtimer, waiters blocked on a full reserve. Ends with usage exactly 0
 * and no lost wake-up: a waiter that slept five seconds while the timer
 * kept freeing room would have missed one.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/wait.h>
#include "test_util.h"

#define STRESS_UNITS	4
#define STRESS_ROUNDS	500

struct stress {
	struct mem_reserve *res;
	struct hrtimer timer;
	atomic_t to_free;	/* units handed to the interrupt to uncharge */
	atomic_t lost;		/* waits that timed out */
	atomic_t running;
	struct completion done[2];
};

static enum hrtimer_restart stress_timer_fn(struct hrtimer *t)
{
	struct stress *st = container_of(t, struct stress, timer);

	while (atomic_dec_if_positive(&st->to_free) >= 0)
		mem_reserve_pages_uncharge(st->res, 1);
	hrtimer_forward_now(t, ns_to_ktime(50 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static int stress_worker_fn(void *arg)
{
	struct stress *st = arg;
	int cpu = atomic_inc_return(&st->running) - 1;
	int i;

	for (i = 0; i < STRESS_ROUNDS; i++) {
		/*
		 * Room comes back every 50us, so only a waiter nobody wakes
		 * can sleep out the bound; the bound is generous because a
		 * UML guest's clock jumps when the host does not run it.
		 */
		if (!wait_event_timeout(st->res->waitqueue,
					mem_reserve_pages_charge(st->res, 1),
					5 * HZ)) {
			atomic_inc(&st->lost);
			continue;
		}
		atomic_inc(&st->to_free);
	}
	complete(&st->done[cpu]);
	return 0;
}

static void stress_irq_uncharge_no_lost_wakeup(struct kunit *test)
{
	struct stress *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, st);
	st->res = mr_test_reserve(test, "stress", &mem_reserve_root);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(st->res, STRESS_UNITS));
	for (i = 0; i < 2; i++)
		init_completion(&st->done[i]);

	hrtimer_init(&st->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	st->timer.function = stress_timer_fn;
	hrtimer_start(&st->timer, ns_to_ktime(50 * NSEC_PER_USEC), HRTIMER_MODE_REL_HARD);
	for (i = 0; i < 2; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(stress_worker_fn, st,
							    "mr_stress/%d", i)));
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_NE(test, 0UL,
				wait_for_completion_timeout(&st->done[i], 120 * HZ));
	for (i = 0; i < 500 && atomic_read(&st->to_free); i++)
		schedule_timeout_uninterruptible(1);
	hrtimer_cancel(&st->timer);

	KUNIT_EXPECT_EQ(test, 0, atomic_read(&st->to_free));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(st->res));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&st->lost));
	KUNIT_EXPECT_LE(test, atomic_long_read(&st->res->peak),
			(long)STRESS_UNITS * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&st->res->clamped));
}

static struct kunit_case mem_reserve_stress_cases[] = {
	KUNIT_CASE_SLOW(stress_irq_uncharge_no_lost_wakeup),
	{}
};

static struct kunit_suite mem_reserve_stress_suite = {
	.name = "mem_reserve_stress",
	.test_cases = mem_reserve_stress_cases,
};

kunit_test_suite(mem_reserve_stress_suite);

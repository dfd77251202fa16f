// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: mem_reserve_charge_wait(), the charge that bounds work in flight.
 * Its promises: the work charged never passes the group's limit, on any
 * number of CPUs; every wait ends (by an uncharge, a resize, a disconnect
 * or a kill); and what is counted is exactly what the caller gives back.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include "test_util.h"

#define MR_TEST_UNIT	1000L	/* what one unit of work charges */
/* a timeout that no case reaches: only what the case does ends a wait */
#define MR_TEST_FOREVER	(3600UL * HZ)

/* A connected group with room for @units units of work. */
static struct mem_reserve *group_for(struct kunit *test, long units)
{
	struct mem_reserve *res = mr_test_reserve(test, "work", &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 16));
	mem_reserve_lock();
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_resize_locked(res, 16,
							   units * MR_TEST_UNIT));
	mem_reserve_unlock();
	return res;
}

static void set_limit(struct kunit *test, struct mem_reserve *res, long limit)
{
	mem_reserve_lock();
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_resize_locked(res, 16, limit));
	mem_reserve_unlock();
}

struct blocked_charge {
	struct mem_reserve *res;
	struct completion done;
	struct task_struct *task;
	bool counted;
};

static int blocked_charge_fn(void *arg)
{
	struct blocked_charge *b = arg;

	b->counted = mem_reserve_charge_wait(b->res, MR_TEST_UNIT, MR_TEST_FOREVER);
	complete(&b->done);
	return 0;
}

/*
 * On the case's heap: its kthread may outlive the case function, if its
 * wait does not end, until the case's end kills it.
 */
static struct blocked_charge *new_blocked_charge(struct kunit *test,
						 struct mem_reserve *res)
{
	struct blocked_charge *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	b->res = res;
	return b;
}

/* Fill @b->res and start a kthread whose charge has to wait, asleep. */
static void start_blocked_charge(struct kunit *test, struct blocked_charge *b)
{
	mr_test_only_wakeups_end_waits(test);
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(b->res,
						   mem_reserve_limit(b->res)));
	init_completion(&b->done);
	b->task = mr_test_killable_kthread(test, blocked_charge_fn, b,
					   "mr_charge_wait");
	mr_test_await_waiter(b->res, 0, b->task);
	KUNIT_ASSERT_EQ(test, 1L, atomic_long_read(&b->res->waits));
	KUNIT_ASSERT_FALSE(test, task_is_running(b->task));
	KUNIT_ASSERT_FALSE(test, completion_done(&b->done));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&b->res->waiters));
}

/* The wait must end now; returns what the waiter got. */
static bool end_blocked_charge(struct kunit *test, struct blocked_charge *b)
{
	unsigned long left = wait_for_completion_timeout(&b->done, 10 * HZ);

	KUNIT_EXPECT_NE(test, 0UL, left);
	return left && b->counted;
}

static void charge_wait_charges_at_once(struct kunit *test)
{
	struct mem_reserve *res = group_for(test, 2);

	KUNIT_EXPECT_TRUE(test, mem_reserve_charge_wait(res, MR_TEST_UNIT, 0));
	KUNIT_EXPECT_TRUE(test, mem_reserve_charge_wait(res, MR_TEST_UNIT, 0));
	KUNIT_EXPECT_EQ(test, 2 * MR_TEST_UNIT, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->waits));
	mem_reserve_uncharge(res, 2 * MR_TEST_UNIT);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/* A full group makes the caller sleep until an uncharge makes room. */
static void charge_wait_sleeps_until_uncharge(struct kunit *test)
{
	struct blocked_charge *b = new_blocked_charge(test, group_for(test, 1));

	start_blocked_charge(test, b);
	KUNIT_EXPECT_FALSE(test, b->task->in_iowait);
	mem_reserve_uncharge(b->res, MR_TEST_UNIT);
	KUNIT_EXPECT_TRUE(test, end_blocked_charge(test, b));
	KUNIT_EXPECT_EQ(test, MR_TEST_UNIT, mem_reserve_usage(b->res));
	mem_reserve_uncharge(b->res, MR_TEST_UNIT);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(b->res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&b->res->clamped));
}

/* A limit that grows makes room too. */
static void charge_wait_ends_when_limit_grows(struct kunit *test)
{
	struct blocked_charge *b = new_blocked_charge(test, group_for(test, 1));

	start_blocked_charge(test, b);
	set_limit(test, b->res, 2 * MR_TEST_UNIT);
	KUNIT_EXPECT_TRUE(test, end_blocked_charge(test, b));
	KUNIT_EXPECT_EQ(test, 2 * MR_TEST_UNIT, mem_reserve_usage(b->res));
	mem_reserve_uncharge(b->res, 2 * MR_TEST_UNIT);
}

/* Killed, or shrunk below the request: the wait ends, nothing counted. */
static void charge_wait_is_killable(struct kunit *test)
{
	struct blocked_charge *b = new_blocked_charge(test, group_for(test, 1));

	start_blocked_charge(test, b);
	send_sig(SIGKILL, b->task, 1);
	KUNIT_EXPECT_FALSE(test, end_blocked_charge(test, b));
	KUNIT_EXPECT_EQ(test, MR_TEST_UNIT, mem_reserve_usage(b->res));
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&b->res->failed));
	mem_reserve_uncharge(b->res, MR_TEST_UNIT);
}

static void charge_wait_ends_when_request_no_longer_fits(struct kunit *test)
{
	struct blocked_charge *b = new_blocked_charge(test, group_for(test, 1));

	start_blocked_charge(test, b);
	set_limit(test, b->res, MR_TEST_UNIT - 1);
	KUNIT_EXPECT_FALSE(test, end_blocked_charge(test, b));
	KUNIT_EXPECT_EQ(test, MR_TEST_UNIT, mem_reserve_usage(b->res));
	mem_reserve_uncharge(b->res, MR_TEST_UNIT);
	KUNIT_EXPECT_FALSE(test, mem_reserve_charge_wait(b->res, MR_TEST_UNIT,
							 MR_TEST_FOREVER));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(b->res));
}

/*
 * A group that disconnects bounds nothing: its waiter goes on, counted
 * without a limit, so that its uncharge balances.
 */
static void charge_wait_ends_on_disconnect(struct kunit *test)
{
	struct blocked_charge *b = new_blocked_charge(test, group_for(test, 1));

	start_blocked_charge(test, b);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(b->res));
	KUNIT_EXPECT_TRUE(test, end_blocked_charge(test, b));
	KUNIT_EXPECT_EQ(test, 2 * MR_TEST_UNIT, mem_reserve_usage(b->res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&b->res->failed));
	mem_reserve_uncharge(b->res, 2 * MR_TEST_UNIT);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(b->res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&b->res->clamped));
}

/* Wake every waiter, for up to 3 s, without making room for any. */
static int waker_fn(void *arg)
{
	struct mem_reserve *other = arg;
	int i;

	for (i = 0; i < 150 && !kthread_should_stop(); i++) {
		if (mem_reserve_charge(other, 1))
			mem_reserve_uncharge(other, 1);
		msleep(20);
	}
	return 0;
}

/*
 * A wait ends at its timeout with nothing counted, however often it is
 * woken without room meanwhile (every uncharge anywhere wakes it); no
 * timeout, or a group that must not be waited for, refuses at once. Each
 * counts as a failure.
 */
static void charge_wait_gives_up_in_time(struct kunit *test)
{
	struct mem_reserve *res = group_for(test, 1);
	struct mem_reserve *other = group_for(test, 1);
	unsigned long start;

	mr_test_only_wakeups_end_waits(test);
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(res, MR_TEST_UNIT));
	mr_test_kthread(test, waker_fn, other, "mr_waker");

	start = jiffies;
	KUNIT_EXPECT_FALSE(test, mem_reserve_charge_wait(res, MR_TEST_UNIT, HZ / 5));
	KUNIT_EXPECT_GE(test, jiffies - start, HZ / 5);
	KUNIT_EXPECT_LT(test, jiffies - start, 2UL * HZ);
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&res->failed));
	/* the attempts of a wait are neither refusals nor uses served */
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->uncounted));

	KUNIT_EXPECT_FALSE(test, mem_reserve_charge_wait(res, MR_TEST_UNIT, 0));
	KUNIT_EXPECT_EQ(test, MR_TEST_UNIT, mem_reserve_usage(res));
	mem_reserve_uncharge(res, MR_TEST_UNIT);

	/* marked while empty, as its callers do */
	mem_reserve_set_never_wait(res);
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(res, MR_TEST_UNIT));
	KUNIT_EXPECT_FALSE(test, mem_reserve_charge_wait(res, MR_TEST_UNIT,
							 MR_TEST_FOREVER));
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, 3L, atomic_long_read(&res->failed));
	mem_reserve_uncharge(res, MR_TEST_UNIT);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/* Never connected: counted at once, past the limit, never waiting. */
static void charge_wait_unconnected_never_waits(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "work", NULL);
	int i;

	set_limit(test, res, MR_TEST_UNIT);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, mem_reserve_charge_wait(res, MR_TEST_UNIT, 0));
	KUNIT_EXPECT_EQ(test, 3 * MR_TEST_UNIT, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->waits));
	mem_reserve_uncharge(res, 3 * MR_TEST_UNIT);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * No bytes are nothing to count: no wait, no failure, even in a group
 * above its limit (shrunk under its usage), where a charge of 0 would not
 * fit. More bytes than there is memory are refused, not counted, where an
 * unconnected group would count them without a limit and could overflow.
 */
static void charge_wait_bounds_its_size(struct kunit *test)
{
	struct mem_reserve *res = group_for(test, 1);
	struct mem_reserve *unconnected = mr_test_reserve(test, "work", NULL);
	long huge = min_t(u64, (u64)totalram_pages() * PAGE_SIZE + 1, LONG_MAX);

	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(res, MR_TEST_UNIT));
	set_limit(test, res, 0);
	KUNIT_EXPECT_FALSE(test, mem_reserve_charge_wait(res, 0, HZ / 10));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));
	mem_reserve_uncharge(res, MR_TEST_UNIT);

	KUNIT_EXPECT_FALSE(test, mem_reserve_charge_wait(unconnected, huge, 0));
	KUNIT_EXPECT_FALSE(test, mem_reserve_charge_wait(unconnected, LONG_MAX, 0));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(unconnected));
}

#define MR_TEST_WORKERS		4
#define MR_TEST_ROUNDS		2000

struct worker {
	struct mem_reserve *res;
	struct completion done;
	long over;		/* times the usage was seen above the limit */
	long uncounted;		/* charges that gave up */
};

static int worker_fn(void *arg)
{
	struct worker *w = arg;
	int i;

	for (i = 0; i < MR_TEST_ROUNDS; i++) {
		if (!mem_reserve_charge_wait(w->res, MR_TEST_UNIT, MR_TEST_FOREVER)) {
			w->uncounted++;
			continue;
		}
		if (mem_reserve_usage(w->res) > mem_reserve_limit(w->res))
			w->over++;
		/* now and then hold it across a sleep, so that others wait */
		if (!(i % 64))
			schedule_timeout_uninterruptible(1);
		mem_reserve_uncharge(w->res, MR_TEST_UNIT);
	}
	complete(&w->done);
	return 0;
}

/*
 * More workers than room, on every CPU: each charge either fits or waits
 * for one, the peak never passes the limit, and every worker finishes,
 * so every wait ended. Run on the SMP kernel.
 */
static void charge_wait_bounds_work_in_flight(struct kunit *test)
{
	struct mem_reserve *res = group_for(test, 2);
	struct worker *w = kunit_kcalloc(test, MR_TEST_WORKERS, sizeof(*w),
					 GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < MR_TEST_WORKERS; i++) {
		w[i].res = res;
		init_completion(&w[i].done);
		mr_test_kthread(test, worker_fn, &w[i], "mr_charge_worker");
	}
	for (i = 0; i < MR_TEST_WORKERS; i++) {
		KUNIT_EXPECT_NE(test, 0UL,
				wait_for_completion_timeout(&w[i].done, 60 * HZ));
		KUNIT_EXPECT_EQ(test, 0L, w[i].over);
		KUNIT_EXPECT_EQ(test, 0L, w[i].uncounted);
	}
	KUNIT_EXPECT_LE(test, atomic_long_read(&res->peak), 2 * MR_TEST_UNIT);
	KUNIT_EXPECT_GT(test, atomic_long_read(&res->waits), 0L);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
	kunit_info(test, "%ld of %d charges waited\n",
		   atomic_long_read(&res->waits),
		   MR_TEST_WORKERS * MR_TEST_ROUNDS);
}

static struct kunit_case mem_reserve_charge_wait_cases[] = {
	KUNIT_CASE(charge_wait_charges_at_once),
	KUNIT_CASE(charge_wait_sleeps_until_uncharge),
	KUNIT_CASE(charge_wait_ends_when_limit_grows),
	KUNIT_CASE(charge_wait_is_killable),
	KUNIT_CASE(charge_wait_ends_when_request_no_longer_fits),
	KUNIT_CASE(charge_wait_ends_on_disconnect),
	KUNIT_CASE(charge_wait_gives_up_in_time),
	KUNIT_CASE(charge_wait_unconnected_never_waits),
	KUNIT_CASE(charge_wait_bounds_its_size),
	KUNIT_CASE_SLOW(charge_wait_bounds_work_in_flight),
	{}
};

static struct kunit_suite mem_reserve_charge_wait_suite = {
	.name = "mem_reserve_charge_wait",
	.test_cases = mem_reserve_charge_wait_cases,
};

kunit_test_suite(mem_reserve_charge_wait_suite);

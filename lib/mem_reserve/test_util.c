// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for the mem_reserve KUnit suites: reserves and kthreads that are
 * undone when the case ends, pass or fail. Memory exhaustion is in
 * test_pressure.c, which the suites of a kernel without mem_reserve share.
 */
#include <kunit/resource.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include "test_util.h"

KUNIT_DEFINE_ACTION_WRAPPER(mr_test_destroy, mem_reserve_destroy,
			    struct mem_reserve *);

/*
 * A reserve on the test's heap, destroyed when the case ends. Cases create
 * children after parents, and deferred actions run in reverse, so children
 * go first.
 */
struct mem_reserve *mr_test_reserve(struct kunit *test, const char *name,
				    struct mem_reserve *parent)
{
	struct mem_reserve *res = kunit_kzalloc(test, sizeof(*res), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, res);
	mem_reserve_init(res, name, parent);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mr_test_destroy,
							   res));
	return res;
}

static void mr_test_unforce(void *unused)
{
	mem_reserve_force_emergency(false);
}

/* Make every normal attempt of the wrappers fail until the case ends. */
void mr_test_force_emergency(struct kunit *test)
{
	mem_reserve_force_emergency(true);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mr_test_unforce,
							   NULL));
}

static void mr_test_stop_kthread(void *task)
{
	kthread_stop(task);
	put_task_struct(task);
}

/*
 * SIGKILL first: it ends a killable wait that did not end by itself (in a
 * thread that allows the signal), so that the stop does not wait forever.
 */
static void mr_test_kill_kthread(void *task)
{
	send_sig(SIGKILL, task, 1);
	mr_test_stop_kthread(task);
}

static struct task_struct *mr_test_start_kthread(struct kunit *test,
						 int (*fn)(void *), void *data,
						 const char *name,
						 kunit_action_t *stop)
{
	struct task_struct *task = kthread_run(fn, data, "%s", name);

	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	get_task_struct(task);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, stop, task));
	return task;
}

/*
 * Run @fn(@data) in a kthread that is stopped when the case ends, pass or
 * fail: @fn must return only once kthread_should_stop().
 */
struct task_struct *mr_test_kthread(struct kunit *test, int (*fn)(void *),
				    void *data, const char *name)
{
	return mr_test_start_kthread(test, fn, data, name, mr_test_stop_kthread);
}

struct mr_test_killable {
	int (*fn)(void *data);
	void *data;
	struct completion allowed;
};

static int mr_test_killable_fn(void *arg)
{
	struct mr_test_killable *k = arg;

	allow_signal(SIGKILL);
	complete(&k->allowed);
	return k->fn(k->data);
}

/*
 * As mr_test_kthread(), for a thread whose wait should end by itself: it
 * allows SIGKILL before @fn runs (@fn may disallow it once its wait is
 * over), and the case's end kills it before it stops it, so that a wait
 * that did not end (mr_test_wait_for_kthread()) ends then. Returns once
 * the signal is allowed, so that a kill at the end is never lost. @data
 * must outlive the case function, which a case that fails leaves: a kunit
 * allocation made before this call.
 */
struct task_struct *mr_test_killable_kthread(struct kunit *test,
					     int (*fn)(void *), void *data,
					     const char *name)
{
	struct mr_test_killable *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);
	struct task_struct *task;

	KUNIT_ASSERT_NOT_NULL(test, k);
	k->fn = fn;
	k->data = data;
	init_completion(&k->allowed);
	task = mr_test_start_kthread(test, mr_test_killable_fn, k, name,
				     mr_test_kill_kthread);
	wait_for_completion(&k->allowed);
	return task;
}

/**
 * mr_test_wait_for_kthread - wait for a case's kthread to finish a wait
 * @test: the case
 * @done: what the kthread completes once its wait ended
 *
 * Ten seconds, then the case fails rather than hangs, and its end kills
 * the kthread, one of mr_test_killable_kthread().
 */
void mr_test_wait_for_kthread(struct kunit *test, struct completion *done)
{
	if (!wait_for_completion_timeout(done, 10 * HZ))
		KUNIT_FAIL_AND_ABORT(test, "a wait did not end");
}

static void mr_test_restore_retry(void *arg)
{
	WRITE_ONCE(mem_reserve_retry_interval, (unsigned long)arg);
}

/*
 * Only a wake-up ends a wait from here to the end of the case: the retry
 * that waiters make without one comes after an hour.
 */
void mr_test_only_wakeups_end_waits(struct kunit *test)
{
	unsigned long old = mem_reserve_retry_interval;

	WRITE_ONCE(mem_reserve_retry_interval, 3600 * HZ);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mr_test_restore_retry,
							   (void *)old));
}

/*
 * A kmalloc group size the watermarks cannot hold (its demand is more than
 * a third of RAM, past the quarter of lowmem they may take) that is still
 * a valid size (its demand fits in RAM). The demand of a size depends on
 * the slab layout, which KASAN and slab debugging change: found by sizing
 * a scratch group that is never connected.
 */
long mr_test_kmalloc_bytes_past_watermark(struct kunit *test)
{
	long bytes = totalram_pages() / 2 * PAGE_SIZE;
	struct mem_reserve *scratch = mr_test_reserve(test, "scratch", NULL);

	while (bytes > PAGE_SIZE && mem_reserve_kmalloc_set(scratch, bytes))
		bytes /= 2;
	KUNIT_ASSERT_GT(test, mem_reserve_pages(scratch),
			(long)totalram_pages() / 3);
	return bytes;
}

/* The min watermark proper, without any boost. */
long mr_test_min_wmark(struct zone *zone)
{
	return READ_ONCE(zone->_watermark[WMARK_MIN]);
}

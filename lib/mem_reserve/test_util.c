// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for the mem_reserve KUnit suites: reserves and kthreads that are
 * undone when the case ends, pass or fail. Memory exhaustion is in
 * test_pressure.c, which the suites of a kernel without mem_reserve share.
 */
#include <kunit/resource.h>
#include <linux/completion.h>
#include <linux/delay.h>
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
 * SIGKILL first: it ends a killable wait that did not end by itself, so
 * that the stop does not wait forever.
 */
static void mr_test_kill_kthread(void *task)
{
	send_sig(SIGKILL, task, 1);
	mr_test_stop_kthread(task);
}

struct mr_test_thread {
	int (*fn)(void *data);
	void *data;
	bool killable;
	struct completion started;
};

static int mr_test_thread_fn(void *arg)
{
	struct mr_test_thread *t = arg;

	if (t->killable)
		allow_signal(SIGKILL);
	complete(&t->started);
	t->fn(t->data);
	/* its wait is over: a kill now is only the case's end */
	if (t->killable)
		disallow_signal(SIGKILL);
	/* stay until stopped, so that the case may still look at the task */
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ / 10);
	return 0;
}

static struct task_struct *mr_test_start_kthread(struct kunit *test,
						 int (*fn)(void *), void *data,
						 const char *name, bool killable)
{
	kunit_action_t *stop = killable ? mr_test_kill_kthread : mr_test_stop_kthread;
	struct mr_test_thread *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct task_struct *task;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->fn = fn;
	t->data = data;
	t->killable = killable;
	init_completion(&t->started);
	task = kthread_run(mr_test_thread_fn, t, "%s", name);
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	get_task_struct(task);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, stop, task));
	wait_for_completion(&t->started);
	return task;
}

/*
 * Run @fn(@data) in a kthread that stays, once @fn returns, until the
 * case's end stops it, pass or fail.
 */
struct task_struct *mr_test_kthread(struct kunit *test, int (*fn)(void *),
				    void *data, const char *name)
{
	return mr_test_start_kthread(test, fn, data, name, false);
}

/*
 * As mr_test_kthread(), for a thread whose wait should end by itself:
 * SIGKILL is allowed while @fn runs, and the case's end kills the thread
 * before it stops it, so that a wait that did not end
 * (mr_test_wait_for_kthread()) ends then. Returns once the signal is
 * allowed, so that a kill at the end is never lost. @data must outlive
 * the case function, which a case that fails leaves: a kunit allocation
 * made before this call.
 */
struct task_struct *mr_test_killable_kthread(struct kunit *test,
					     int (*fn)(void *), void *data,
					     const char *name)
{
	return mr_test_start_kthread(test, fn, data, name, true);
}

/*
 * Give @task up to five seconds to make @res count a wait beyond @waits,
 * and five more to be asleep in it. The caller checks what it got.
 */
void mr_test_await_waiter(struct mem_reserve *res, long waits,
			  struct task_struct *task)
{
	int i;

	for (i = 0; i < 250 && atomic_long_read(&res->waits) == waits; i++)
		msleep(20);
	for (i = 0; i < 250 && task_is_running(task); i++)
		msleep(20);
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

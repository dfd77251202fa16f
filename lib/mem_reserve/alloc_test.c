// SPDX-License-Identifier: GPL-2.0
/* KUnit: the allocation wrappers, on the normal and the emergency path. */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/debug_locks.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include "test_util.h"

/* Larger than any kmalloc cache, so it comes straight from the buddy allocator. */
#define MR_TEST_KMALLOC_SIZE	(3 * PAGE_SIZE)
#define MR_TEST_OBJECTS		4

static struct kmem_cache *mr_test_cache;

struct wrapper {
	const char *name;
	void *(*alloc)(struct mem_reserve *res, gfp_t gfp, bool *emerg);
	void (*free)(void *obj, struct mem_reserve *res, bool emerg);
	long (*unit)(void);	/* bytes one allocation charges */
	bool slab;		/* its objects come from slabs */
};

static void *mr_kmalloc(struct mem_reserve *res, gfp_t gfp, bool *emerg)
{
	return kmalloc_reserve(MR_TEST_KMALLOC_SIZE, gfp, NUMA_NO_NODE, res, emerg);
}

static void mr_kfree(void *obj, struct mem_reserve *res, bool emerg)
{
	kfree_reserve(obj, res, emerg);
}

static long mr_kmalloc_unit(void)
{
	return kmalloc_size_roundup(MR_TEST_KMALLOC_SIZE);
}

static void *mr_cache_alloc(struct mem_reserve *res, gfp_t gfp, bool *emerg)
{
	return kmem_cache_alloc_reserve(mr_test_cache, gfp, NUMA_NO_NODE, res,
					emerg);
}

static void mr_cache_free(void *obj, struct mem_reserve *res, bool emerg)
{
	kmem_cache_free_reserve(mr_test_cache, obj, res, emerg);
}

static long mr_cache_unit(void)
{
	return kmem_cache_size(mr_test_cache);
}

static void *mr_page_alloc(struct mem_reserve *res, gfp_t gfp, bool *emerg)
{
	return alloc_pages_reserve(NUMA_NO_NODE, gfp, 1, res, emerg);
}

static void mr_page_free(void *obj, struct mem_reserve *res, bool emerg)
{
	free_pages_reserve(obj, 1, res, emerg);
}

static long mr_page_unit(void)
{
	return 2 * PAGE_SIZE;
}

/* A slab object: __GFP_NOFAIL above order 1 warns in mainline too. */
#define MR_TEST_KMALLOC_SMALL	1000

static void *mr_kmalloc_small(struct mem_reserve *res, gfp_t gfp, bool *emerg)
{
	return kmalloc_reserve(MR_TEST_KMALLOC_SMALL, gfp, NUMA_NO_NODE, res,
			       emerg);
}

static long mr_kmalloc_small_unit(void)
{
	return kmalloc_size_roundup(MR_TEST_KMALLOC_SMALL);
}

static const struct wrapper wrappers[] = {
	{ "kmalloc_reserve", mr_kmalloc, mr_kfree, mr_kmalloc_unit },
	{ "kmem_cache_alloc_reserve", mr_cache_alloc, mr_cache_free, mr_cache_unit,
	  true },
	{ "alloc_pages_reserve", mr_page_alloc, mr_page_free, mr_page_unit },
};

/* For __GFP_NOFAIL: no allocation above order 1. */
static const struct wrapper nofail_wrappers[] = {
	{ "kmalloc_reserve", mr_kmalloc_small, mr_kfree, mr_kmalloc_small_unit,
	  true },
	{ "kmem_cache_alloc_reserve", mr_cache_alloc, mr_cache_free, mr_cache_unit,
	  true },
	{ "alloc_pages_reserve", mr_page_alloc, mr_page_free, mr_page_unit },
};

static void wrapper_desc(const struct wrapper *w, char *desc)
{
	strscpy(desc, w->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(wrapper, wrappers, wrapper_desc);
KUNIT_ARRAY_PARAM(nofail_wrapper, nofail_wrappers, wrapper_desc);

/* A connected reserve whose limit admits exactly @n allocations of @w. */
static struct mem_reserve *reserve_for(struct kunit *test,
				       const struct wrapper *w, long n)
{
	struct mem_reserve *res = mr_test_reserve(test, w->name, &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 64));
	mem_reserve_lock();
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_resize_locked(res, 64, n * w->unit()));
	mem_reserve_unlock();
	return res;
}

static void alloc_normal_path_charges_nothing(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, MR_TEST_OBJECTS);
	bool emerg = true;
	void *obj = w->alloc(res, GFP_KERNEL, &emerg);

	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_EXPECT_FALSE(test, emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	w->free(obj, res, emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * A caller that may not use the reserves gets the plain allocation: a
 * forced emergency (which only the reserve path honours) changes nothing
 * for it, and it is never charged.
 */
static void alloc_without_reserve_rights_is_plain(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, MR_TEST_OBJECTS);
	bool emerg = true;
	void *obj;

	mr_test_force_emergency(test);
	obj = w->alloc(res, GFP_ATOMIC, &emerg);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	KUNIT_EXPECT_FALSE(test, emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	if (obj)
		w->free(obj, res, emerg);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));
}

/* Whether @obj lies in the slab of one of @objs[0..@n). */
static bool in_slab_of(void *const *objs, int n, const void *obj)
{
	int i;

	for (i = 0; i < n; i++)
		if (virt_to_head_page(objs[i]) == virt_to_head_page(obj))
			return true;
	return false;
}

/*
 * Emergency allocations until the limit refuses one; then free them all,
 * also when an expectation failed, so no case leaves reserve memory behind.
 * Past the limit, the one allocation that may still succeed is a normal
 * attempt's object of a slab an earlier, charged one made from the
 * reserves: mainline would have served it, and it takes no new reserve
 * page. It must be uncharged.
 */
static void fill_to_limit(struct kunit *test, const struct wrapper *w,
			  struct mem_reserve *res, gfp_t gfp)
{
	void *objs[MR_TEST_OBJECTS + 1];
	bool emerg[MR_TEST_OBJECTS + 1];
	int i, n;

	for (n = 0; n < MR_TEST_OBJECTS; n++) {
		objs[n] = w->alloc(res, gfp, &emerg[n]);
		if (!objs[n])
			break;
		KUNIT_EXPECT_TRUE(test, emerg[n]);
		KUNIT_EXPECT_EQ(test, (n + 1) * w->unit(), mem_reserve_usage(res));
	}
	KUNIT_EXPECT_EQ(test, n, MR_TEST_OBJECTS);
	if (n == MR_TEST_OBJECTS) {
		objs[n] = w->alloc(res, gfp, &emerg[n]);
		if (objs[n]) {
			KUNIT_EXPECT_TRUE(test, w->slab && in_slab_of(objs, n, objs[n]));
			KUNIT_EXPECT_FALSE(test, emerg[n]);
			n++;
		}
	}
	KUNIT_EXPECT_EQ(test, MR_TEST_OBJECTS * w->unit(), mem_reserve_usage(res));
	for (i = 0; i < n; i++)
		w->free(objs[i], res, emerg[i]);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

static void alloc_forced_emergency_charges_to_limit(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, MR_TEST_OBJECTS);

	mr_test_force_emergency(test);
	fill_to_limit(test, w, res, GFP_ATOMIC | __GFP_MEMALLOC);
}

/* The real thing: free memory down to the watermark, then PF_MEMALLOC. */
static void alloc_under_real_pressure(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, MR_TEST_OBJECTS);
	unsigned int noreclaim;
	struct page *page;

	/* no free objects left over from earlier cases */
	kmem_cache_shrink(mr_test_cache);
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	page = alloc_page(GFP_ATOMIC | __GFP_NOMEMALLOC | __GFP_NOWARN);
	KUNIT_EXPECT_NULL(test, page);
	if (page)
		__free_page(page);

	/* one CPU's slabs throughout */
	migrate_disable();
	noreclaim = memalloc_noreclaim_save();
	fill_to_limit(test, w, res, GFP_ATOMIC);
	memalloc_noreclaim_restore(noreclaim);
	migrate_enable();
}

struct blocked_alloc {
	const struct wrapper *w;
	struct mem_reserve *res;
	gfp_t gfp;		/* GFP_KERNEL if 0 */
	struct completion done;
	struct task_struct *task;
	void *obj;
	bool emerg;
};

static int blocked_alloc_fn(void *arg)
{
	struct blocked_alloc *b = arg;
	unsigned int noreclaim = memalloc_noreclaim_save();

	b->obj = b->w->alloc(b->res, b->gfp ?: GFP_KERNEL, &b->emerg);
	memalloc_noreclaim_restore(noreclaim);
	complete(&b->done);
	return 0;
}

/*
 * A blocked_alloc on the case's heap: its kthread may outlive the case
 * function, if its wait does not end, until the case's end kills it.
 */
static struct blocked_alloc *new_blocked_alloc(struct kunit *test,
					       const struct wrapper *w,
					       struct mem_reserve *res)
{
	struct blocked_alloc *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	b->w = w;
	b->res = res;
	return b;
}

/* Start a kthread that allocates from b->res, PF_MEMALLOC. */
static void start_alloc_task(struct kunit *test, struct blocked_alloc *b)
{
	init_completion(&b->done);
	b->task = mr_test_killable_kthread(test, blocked_alloc_fn, b, "mr_blocked");
}

/* Start a kthread whose allocation has to wait for room in b->res. */
static void start_waiter(struct kunit *test, struct blocked_alloc *b)
{
	start_alloc_task(test, b);
	/*
	 * waits counts a decision to wait; waiters counts every caller in
	 * the emergency path, from before it even tries to charge.
	 */
	mr_test_await_waiter(b->res, 0, b->task);
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&b->res->waiters));
	KUNIT_EXPECT_GT(test, atomic_long_read(&b->res->waits), 0L);
	KUNIT_EXPECT_FALSE(test, completion_done(&b->done));
}

/*
 * Fill a one-object reserve from the reserves and start a kthread whose
 * allocation has to wait for room. Returns the object that fills it.
 */
static void *start_blocked_alloc(struct kunit *test, struct blocked_alloc *b)
{
	void *obj;
	bool emerg;

	mr_test_force_emergency(test);
	obj = b->w->alloc(b->res, GFP_ATOMIC | __GFP_MEMALLOC, &emerg);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_ASSERT_TRUE(test, emerg);
	start_waiter(test, b);
	return obj;
}

static void alloc_blocked_waiter_wakes_on_free(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct blocked_alloc *b = new_blocked_alloc(test, w, res);
	void *obj;
	int i;

	mr_test_only_wakeups_end_waits(test);
	obj = start_blocked_alloc(test, b);
	/* asleep, and waiting for memory, not for I/O */
	for (i = 0; i < 250 && task_is_running(b->task); i++)
		msleep(20);
	KUNIT_EXPECT_FALSE(test, task_is_running(b->task));
	KUNIT_EXPECT_FALSE(test, b->task->in_iowait);
	w->free(obj, res, true);
	KUNIT_ASSERT_NE(test, 0UL, wait_for_completion_timeout(&b->done, 10 * HZ));
	KUNIT_ASSERT_NOT_NULL(test, b->obj);
	KUNIT_EXPECT_TRUE(test, b->emerg);
	KUNIT_EXPECT_EQ(test, w->unit(), mem_reserve_usage(res));
	w->free(b->obj, res, b->emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

struct hardirq_uncharge {
	struct irq_work work;
	struct mem_reserve *res;
	long bytes;
	bool in_hardirq;
};

static void uncharge_in_hardirq(struct irq_work *work)
{
	struct hardirq_uncharge *u = container_of(work, struct hardirq_uncharge,
						  work);

	u->in_hardirq = in_hardirq();
	mem_reserve_uncharge(u->res, u->bytes);
}

/*
 * An uncharge in a hard interrupt wakes the waiter without taking the
 * wait queue's lock there, a spinlock_t, which sleeps on PREEMPT_RT. The
 * SMP kernel's lockdep checks that nesting (PROVE_RAW_LOCK_NESTING) and
 * turns itself off at a violation.
 */
static void alloc_wakeup_from_hard_irq(struct kunit *test)
{
	const struct wrapper *w = &wrappers[0];
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct blocked_alloc *b = new_blocked_alloc(test, w, res);
	struct hardirq_uncharge u = {
		.work = IRQ_WORK_INIT_HARD(uncharge_in_hardirq),
		.res = res,
		.bytes = w->unit(),
	};
	void *obj;
	int i;

	if (!debug_locks)
		kunit_skip(test, "lockdep is off already");
	mr_test_only_wakeups_end_waits(test);
	obj = start_blocked_alloc(test, b);
	/* asleep in the wait queue, so that only a wake-up lets it go on */
	for (i = 0; i < 250 && task_is_running(b->task); i++)
		msleep(20);
	KUNIT_ASSERT_FALSE(test, task_is_running(b->task));
	/* the object that fills the group is given back in the interrupt */
	irq_work_queue(&u.work);
	irq_work_sync(&u.work);
	KUNIT_EXPECT_TRUE(test, u.in_hardirq);
	KUNIT_ASSERT_NE(test, 0UL, wait_for_completion_timeout(&b->done, 10 * HZ));
	KUNIT_EXPECT_NOT_NULL(test, b->obj);
	KUNIT_EXPECT_TRUE(test, debug_locks);
	kfree(obj);
	w->free(b->obj, res, b->emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * A sleeper retries the normal allocation after each wake-up: when memory
 * comes back without anyone uncharging, it gets a normal object.
 */
static void alloc_blocked_waiter_retries_normal(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct blocked_alloc *b = new_blocked_alloc(test, w, res);
	void *obj = start_blocked_alloc(test, b);

	/* the pressure lifts; the reserve stays full */
	mem_reserve_force_emergency(false);
	KUNIT_EXPECT_NE(test, 0UL, wait_for_completion_timeout(&b->done, 10 * HZ));
	KUNIT_EXPECT_NOT_NULL(test, b->obj);
	KUNIT_EXPECT_FALSE(test, b->emerg);
	KUNIT_EXPECT_EQ(test, w->unit(), mem_reserve_usage(res));
	if (b->obj)
		w->free(b->obj, res, b->emerg);
	w->free(obj, res, true);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * The wait of @b must end now: with an object from the reserves if
 * @charged, with nothing otherwise. Frees both objects and checks that
 * everything was given back.
 */
static void end_blocked_alloc(struct kunit *test, struct blocked_alloc *b,
			      void *obj, bool charged)
{
	KUNIT_EXPECT_NE(test, 0UL, wait_for_completion_timeout(&b->done, 10 * HZ));
	if (charged) {
		KUNIT_EXPECT_NOT_NULL(test, b->obj);
		KUNIT_EXPECT_TRUE(test, b->emerg);
	} else {
		KUNIT_EXPECT_NULL(test, b->obj);
	}
	if (b->obj)
		b->w->free(b->obj, b->res, b->emerg);
	b->w->free(obj, b->res, true);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(b->res));
}

static void set_limit(struct kunit *test, struct mem_reserve *res, long limit)
{
	mem_reserve_lock();
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_resize_locked(res, 64, limit));
	mem_reserve_unlock();
}

/* The wait ends, with nothing, when the waiter is killed. */
static void alloc_wait_is_killable(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct blocked_alloc *b = new_blocked_alloc(test, w,
						    reserve_for(test, w, 1));
	void *obj;

	mr_test_only_wakeups_end_waits(test);
	obj = start_blocked_alloc(test, b);
	send_sig(SIGKILL, b->task, 1);
	end_blocked_alloc(test, b, obj, false);
}

/* A limit that grows makes room: the waiter is woken and charged. */
static void alloc_wait_ends_when_limit_grows(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct blocked_alloc *b = new_blocked_alloc(test, w,
						    reserve_for(test, w, 1));
	void *obj;

	mr_test_only_wakeups_end_waits(test);
	obj = start_blocked_alloc(test, b);
	set_limit(test, b->res, 2 * w->unit());
	end_blocked_alloc(test, b, obj, true);
}

/* A limit shrunk below the request ends the wait: it can never fit. */
static void alloc_wait_ends_when_request_no_longer_fits(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct blocked_alloc *b = new_blocked_alloc(test, w,
						    reserve_for(test, w, 1));
	void *obj;

	mr_test_only_wakeups_end_waits(test);
	obj = start_blocked_alloc(test, b);
	set_limit(test, b->res, w->unit() - 1);
	end_blocked_alloc(test, b, obj, false);
}

/*
 * A group that disconnects bounds nothing any more: its waiter is woken and
 * served as mainline would serve it, from the reserves, counted without a
 * limit so that its free gives it back.
 */
static void alloc_wait_ends_on_disconnect(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct blocked_alloc *b = new_blocked_alloc(test, w, res);
	void *obj;

	mr_test_only_wakeups_end_waits(test);
	obj = start_blocked_alloc(test, b);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	KUNIT_EXPECT_NE(test, 0UL, wait_for_completion_timeout(&b->done, 10 * HZ));
	KUNIT_EXPECT_NOT_NULL(test, b->obj);
	KUNIT_EXPECT_TRUE(test, b->emerg);
	KUNIT_EXPECT_EQ(test, (b->obj ? 2 : 1) * w->unit(), mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));
	if (b->obj)
		w->free(b->obj, res, b->emerg);
	w->free(obj, res, true);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * Destroying a group waits until its waiter is done with it. The waiter's
 * group (a leaf with room, below a full parent) is gone from the tree, so
 * it is served as mainline would serve it, and counted nowhere: not in the
 * group being destroyed, nor in the parent whose limit it would pass.
 */
static void alloc_destroy_waits_for_waiter(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *top = mr_test_reserve(test, "top", &mem_reserve_root);
	struct mem_reserve *leaf = mr_test_reserve(test, "leaf", top);
	struct blocked_alloc *b = new_blocked_alloc(test, w, leaf);

	set_limit(test, leaf, w->unit());
	/* the parent full, by a charge of its own */
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(top, w->unit()));
	mr_test_only_wakeups_end_waits(test);
	mr_test_force_emergency(test);
	start_waiter(test, b);

	mem_reserve_destroy(leaf);
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&leaf->waiters));
	KUNIT_EXPECT_NE(test, 0UL, wait_for_completion_timeout(&b->done, 10 * HZ));
	KUNIT_EXPECT_NOT_NULL(test, b->obj);
	KUNIT_EXPECT_FALSE(test, b->emerg);
	if (b->obj)
		w->free(b->obj, leaf, b->emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(leaf));
	KUNIT_EXPECT_EQ(test, w->unit(), mem_reserve_usage(top));
	mem_reserve_uncharge(top, w->unit());
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&top->clamped));
}

/* A request that can never fit, and callers that must not wait, fail at once. */
static void alloc_refused_at_once_when_waiting_is_wrong(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	static const gfp_t nowait[] = {
		GFP_KERNEL | __GFP_NORETRY,
		GFP_KERNEL | __GFP_RETRY_MAYFAIL,
		GFP_NOWAIT,
	};
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct mem_reserve *small = reserve_for(test, w, 0);
	unsigned int noreclaim;
	void *obj;
	bool emerg;
	int i;

	mr_test_force_emergency(test);
	obj = w->alloc(res, GFP_ATOMIC | __GFP_MEMALLOC, &emerg);
	KUNIT_ASSERT_NOT_NULL(test, obj);

	noreclaim = memalloc_noreclaim_save();
	for (i = 0; i < ARRAY_SIZE(nowait); i++)
		KUNIT_EXPECT_NULL(test, w->alloc(res, nowait[i], &emerg));
	/* blocking, but one object is more than the whole limit */
	KUNIT_EXPECT_NULL(test, w->alloc(small, GFP_KERNEL, &emerg));
	memalloc_noreclaim_restore(noreclaim);

	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&small->waits));
	KUNIT_EXPECT_EQ(test, 3L, atomic_long_read(&res->failed));
	w->free(obj, res, true);
}

/*
 * A group marked never_wait refuses a caller that may sleep at once when
 * it is full, after one more normal attempt. The caller runs in a
 * kthread, so that a wait (the bug) ends when the object that fills the
 * group is freed instead of hanging the case.
 */
static void alloc_never_wait_group_refuses_sleepers(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct blocked_alloc *b = new_blocked_alloc(test, w, reserve_for(test, w, 1));
	unsigned int noreclaim;
	unsigned long left;
	void *obj, *retried;
	bool emerg;

	mr_test_only_wakeups_end_waits(test);
	mem_reserve_set_never_wait(b->res);
	mr_test_force_emergency(test);
	obj = w->alloc(b->res, GFP_ATOMIC | __GFP_MEMALLOC, &emerg);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_ASSERT_TRUE(test, emerg);

	start_alloc_task(test, b);
	left = wait_for_completion_timeout(&b->done, 10 * HZ);
	KUNIT_EXPECT_NE(test, 0UL, left);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&b->res->waits));
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&b->res->failed));
	/* refused, not served: nothing taken past the bound */
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&b->res->uncounted));

	/*
	 * Before the refusal, one more normal attempt, with reclaim, as
	 * mainline would go on to make: here the forced emergency fails
	 * only the first attempt, so that one serves the caller, uncharged.
	 */
	atomic_set(&mem_reserve_fail_normal.times, 1);
	noreclaim = memalloc_noreclaim_save();
	retried = w->alloc(b->res, GFP_KERNEL, &emerg);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_NOT_NULL(test, retried);
	KUNIT_EXPECT_FALSE(test, emerg);
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&b->res->failed));
	KUNIT_EXPECT_EQ(test, w->unit(), mem_reserve_usage(b->res));
	if (retried)
		w->free(retried, b->res, emerg);
	mem_reserve_force_emergency(true);

	/* the room comes back, which ends the wait if there was one */
	w->free(obj, b->res, true);
	if (!left)
		mr_test_wait_for_kthread(test, &b->done);
	KUNIT_EXPECT_NULL(test, b->obj);
	if (b->obj)
		w->free(b->obj, b->res, b->emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(b->res));
}

/* __GFP_NOFAIL never fails, even when its group is full and goes away. */
static void alloc_nofail_never_fails(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct blocked_alloc *b = new_blocked_alloc(test, w, res);
	void *obj;

	b->gfp = GFP_KERNEL | __GFP_NOFAIL;
	mr_test_only_wakeups_end_waits(test);
	obj = start_blocked_alloc(test, b);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	KUNIT_EXPECT_NE(test, 0UL, wait_for_completion_timeout(&b->done, 10 * HZ));
	KUNIT_EXPECT_NOT_NULL(test, b->obj);
	if (b->obj)
		w->free(b->obj, res, b->emerg);
	w->free(obj, res, true);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * __GFP_NOFAIL never fails in a full never_wait group either: no wait,
 * and the plain allocation, uncharged, once the group refuses.
 */
static void alloc_nofail_never_wait_group(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct blocked_alloc *b = new_blocked_alloc(test, w, res);
	unsigned long left;
	void *obj;
	bool emerg;

	b->gfp = GFP_KERNEL | __GFP_NOFAIL;
	mr_test_only_wakeups_end_waits(test);
	mem_reserve_set_never_wait(res);
	mr_test_force_emergency(test);
	obj = w->alloc(res, GFP_ATOMIC | __GFP_MEMALLOC, &emerg);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_ASSERT_TRUE(test, emerg);

	start_alloc_task(test, b);
	left = wait_for_completion_timeout(&b->done, 10 * HZ);
	KUNIT_EXPECT_NE(test, 0UL, left);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->waits));
	/* a wait (the bug) ends when the room comes back */
	w->free(obj, res, true);
	if (!left)
		mr_test_wait_for_kthread(test, &b->done);
	KUNIT_EXPECT_NOT_NULL(test, b->obj);
	KUNIT_EXPECT_FALSE(test, b->emerg);
	if (b->obj)
		w->free(b->obj, res, b->emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * Under real exhaustion __GFP_NOFAIL with __GFP_MEMALLOC is served from the
 * reserves: the normal attempt must neither loop (nofail) nor reclaim. A
 * shared kmalloc cache may still have a free object for the normal
 * attempt; whichever it was, the charge must match.
 */
static void alloc_nofail_under_real_pressure(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, MR_TEST_OBJECTS);
	void *obj;
	bool emerg;

	kmem_cache_shrink(mr_test_cache);
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	obj = w->alloc(res, GFP_KERNEL | __GFP_NOFAIL | __GFP_MEMALLOC, &emerg);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_EXPECT_EQ(test, emerg ? w->unit() : 0L, mem_reserve_usage(res));
	w->free(obj, res, emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * A group that is not connected is never waited for, and bounds nothing:
 * its caller takes from the reserves at once, counted without a limit.
 */
static void alloc_disconnected_group_never_waits(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, 1);
	void *obj[2];
	bool emerg[2];
	int i;

	/* another active group keeps the wrappers' reserve logic on */
	mr_test_reserve(test, "other", &mem_reserve_root);
	mr_test_force_emergency(test);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	/* twice what the limit was: nothing is reserved, nothing bounded */
	for (i = 0; i < 2; i++) {
		obj[i] = w->alloc(res, GFP_KERNEL | __GFP_MEMALLOC, &emerg[i]);
		KUNIT_EXPECT_NOT_NULL(test, obj[i]);
		KUNIT_EXPECT_TRUE(test, emerg[i]);
	}
	KUNIT_EXPECT_EQ(test, 2 * w->unit(), mem_reserve_usage(res));
	for (i = 0; i < 2; i++)
		if (obj[i])
			w->free(obj[i], res, emerg[i]);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * Usage counted while a group was disconnected is real reserve memory:
 * after a reconnect below the same parent it holds new charges back until
 * it is given back, and the group cannot move below another parent.
 */
static void alloc_counted_usage_survives_reconnect(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct mem_reserve *other = mr_test_reserve(test, "other", &mem_reserve_root);
	void *obj[2], *extra;
	bool emerg[2], e;
	int i;

	mr_test_force_emergency(test);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	for (i = 0; i < 2; i++) {
		obj[i] = w->alloc(res, GFP_ATOMIC | __GFP_MEMALLOC, &emerg[i]);
		KUNIT_ASSERT_NOT_NULL(test, obj[i]);
		KUNIT_ASSERT_TRUE(test, emerg[i]);
	}
	KUNIT_EXPECT_EQ(test, -EBUSY, mem_reserve_connect(res, other));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(res, &mem_reserve_root));
	KUNIT_EXPECT_GT(test, mem_reserve_usage(res), mem_reserve_limit(res));
	extra = w->alloc(res, GFP_ATOMIC | __GFP_MEMALLOC, &e);
	KUNIT_EXPECT_NULL(test, extra);
	if (extra)
		w->free(extra, res, e);

	for (i = 0; i < 2; i++)
		w->free(obj[i], res, emerg[i]);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	extra = w->alloc(res, GFP_ATOMIC | __GFP_MEMALLOC, &e);
	KUNIT_EXPECT_NOT_NULL(test, extra);
	KUNIT_EXPECT_TRUE(test, e);
	if (extra)
		w->free(extra, res, e);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * A group being destroyed counts nothing new: a late caller is served as
 * mainline would serve it, and nothing is left for the free to give back
 * to memory about to go.
 */
static void alloc_destroyed_group_counts_nothing(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	unsigned int noreclaim;
	struct page *page;
	bool emerg = true;

	mem_reserve_destroy(res);
	mr_test_force_emergency(test);
	noreclaim = memalloc_noreclaim_save();
	page = alloc_pages_reserve(NUMA_NO_NODE, GFP_ATOMIC, 0, res, &emerg);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_NOT_NULL(test, page);
	KUNIT_EXPECT_FALSE(test, emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	if (page)
		free_pages_reserve(page, 0, res, emerg);
}

/*
 * With no group connected, a caller without reserve rights gets the plain
 * allocation, and so does it once its group is connected.
 */
static void alloc_inactive_is_plain_allocation(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	bool emerg = true;
	void *obj;

	KUNIT_ASSERT_TRUE(test, list_empty(&mem_reserve_root.children));
	KUNIT_EXPECT_FALSE(test, mem_reserve_active());
	mr_test_force_emergency(test);
	obj = w->alloc(res, GFP_ATOMIC, &emerg);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_EXPECT_FALSE(test, emerg);
	w->free(obj, res, emerg);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(res, &mem_reserve_root));
	KUNIT_EXPECT_TRUE(test, mem_reserve_active());
	obj = w->alloc(res, GFP_ATOMIC, &emerg);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	KUNIT_EXPECT_FALSE(test, emerg);
	if (obj)
		w->free(obj, res, emerg);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	KUNIT_EXPECT_FALSE(test, mem_reserve_active());
}

/*
 * Normal pages reserves_page() may take on the way: on the SMP kernel
 * other CPUs keep freeing after the exhaustion (earlier cases' RCU
 * callbacks, drained per-CPU lists), more than 64 pages at times.
 */
#define RESERVES_PAGE_TRIES	16384

/*
 * alloc_pages_reserve() under exhaustion until the page comes from the
 * reserves: on the SMP kernel another CPU may free a page between the
 * exhaustion and the call. A normal page (uncharged, not emerg) is kept
 * on @held, which exhausts memory again, and the call is repeated.
 */
static struct page *reserves_page(struct mem_reserve *res, gfp_t gfp,
				  bool *emerg, struct list_head *held)
{
	struct page *page = NULL;
	int i;

	for (i = 0; i < RESERVES_PAGE_TRIES; i++) {
		page = alloc_pages_reserve(NUMA_NO_NODE, gfp, 0, res, emerg);
		if (!page || page_is_pfmemalloc(page))
			break;
		list_add(&page->lru, held);
	}
	return page;
}

/*
 * Under real exhaustion a PF_MEMALLOC caller whose group is not connected
 * gets what mainline gives it, the reserves: counted in a group never
 * connected, counted nowhere in a group disconnected below a connected
 * parent (whose limit it must not pass), and, with no group, told emerg.
 * Pages, since free slab objects could satisfy a slab wrapper anyway.
 */
static void alloc_disconnected_group_served_as_mainline(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	struct mem_reserve *top = mr_test_reserve(test, "top", &mem_reserve_root);
	struct mem_reserve *sub = mr_test_reserve(test, "sub", top);
	const gfp_t gfp = GFP_ATOMIC | __GFP_NOWARN;
	struct mem_reserve *groups[] = { res, sub, NULL };
	const bool counted[] = { true, false, true };
	struct page *page[ARRAY_SIZE(groups)], *normal, *next;
	bool emerg[ARRAY_SIZE(groups)], reserves[ARRAY_SIZE(groups)];
	unsigned int noreclaim;
	LIST_HEAD(held);
	int i;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(sub));
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	/* the premise: without the reserves there is nothing */
	page[0] = alloc_page(gfp | __GFP_NOMEMALLOC);
	if (page[0])
		__free_page(page[0]);
	KUNIT_ASSERT_NULL(test, page[0]);

	noreclaim = memalloc_noreclaim_save();
	for (i = 0; i < ARRAY_SIZE(groups); i++) {
		page[i] = reserves_page(groups[i], gfp, &emerg[i], &held);
		reserves[i] = page[i] && page_is_pfmemalloc(page[i]);
	}
	memalloc_noreclaim_restore(noreclaim);
	list_for_each_entry_safe(normal, next, &held, lru)
		__free_page(normal);

	for (i = 0; i < ARRAY_SIZE(groups); i++) {
		KUNIT_EXPECT_NOT_NULL(test, page[i]);
		/* the premise, for each group: served from the reserves */
		KUNIT_EXPECT_TRUE_MSG(test, reserves[i],
				      "group %d: no page from the reserves", i);
		KUNIT_EXPECT_EQ(test, counted[i], emerg[i]);
	}
	KUNIT_EXPECT_EQ(test, (long)PAGE_SIZE, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(sub));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(top));
	for (i = 0; i < ARRAY_SIZE(groups); i++)
		if (page[i])
			free_pages_reserve(page[i], 0, groups[i], emerg[i]);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));
}

/* kmalloc_reserve(0) is kmalloc(0), on every path. */
static void alloc_kmalloc_zero_is_kmalloc_zero(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	unsigned int noreclaim;
	void *obj;
	bool emerg;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(res, 1024));
	obj = kmalloc_reserve(0, GFP_KERNEL, NUMA_NO_NODE, res, &emerg);
	KUNIT_EXPECT_PTR_EQ(test, obj, ZERO_SIZE_PTR);
	kfree_reserve(obj, res, emerg);

	noreclaim = memalloc_noreclaim_save();
	obj = kmalloc_reserve(0, GFP_KERNEL, NUMA_NO_NODE, res, &emerg);
	KUNIT_EXPECT_PTR_EQ(test, obj, ZERO_SIZE_PTR);
	KUNIT_EXPECT_FALSE(test, emerg);
	kfree_reserve(obj, res, emerg);

	mr_test_force_emergency(test);
	obj = kmalloc_reserve(0, GFP_KERNEL, NUMA_NO_NODE, res, &emerg);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_PTR_EQ(test, obj, ZERO_SIZE_PTR);
	kfree_reserve(obj, res, emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));

	/* and sizes kmalloc() refuses are refused, not charged */
	obj = kmalloc_reserve(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_MEMALLOC |
			      __GFP_NOWARN, NUMA_NO_NODE, res, &emerg);
	KUNIT_EXPECT_NULL(test, obj);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * Size @res for @objects objects of mr_test_cache, exhaust the machine and
 * make this CPU's slab of mr_test_cache one made from the reserves, whose
 * first object is returned (the case frees it). Returns with migration
 * disabled, so that the case's next allocations come from that slab; the
 * case enables it again.
 */
static void *reserve_slab_on_this_cpu(struct kunit *test,
				      struct mem_reserve *res, int objects)
{
	int err = mem_reserve_kmem_cache_set(res, mr_test_cache, objects);
	unsigned int noreclaim;
	void *first;

	KUNIT_ASSERT_EQ(test, 0, err);
	kmem_cache_shrink(mr_test_cache);
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	migrate_disable();
	noreclaim = memalloc_noreclaim_save();
	first = kmem_cache_alloc(mr_test_cache, GFP_ATOMIC);
	memalloc_noreclaim_restore(noreclaim);
	return first;
}

/*
 * SLUB hands out the rest of a slab made from the reserves to anyone on
 * its CPU. A caller without reserve rights that gets such an object is
 * served as plain kmem_cache_alloc() would serve it: not charged, not told
 * emerg, not refused, even with its group full.
 */
static void alloc_pfmemalloc_slab_object_stays_plain(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	void *first, *obj;
	bool emerg = true;

	first = reserve_slab_on_this_cpu(test, res, 0);
	obj = kmem_cache_alloc_reserve(mr_test_cache, GFP_ATOMIC, NUMA_NO_NODE,
				       res, &emerg);
	migrate_enable();
	mr_test_give_back_memory(test);

	KUNIT_ASSERT_NOT_NULL(test, first);
	/* the premise: the slab the fast path serves came from the reserves */
	KUNIT_ASSERT_TRUE(test, slab_obj_pfmemalloc(first));
	KUNIT_EXPECT_NOT_NULL(test, obj);
	KUNIT_EXPECT_FALSE(test, emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));
	if (obj)
		kmem_cache_free_reserve(mr_test_cache, obj, res, emerg);
	kmem_cache_free(mr_test_cache, first);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * An entitled caller whose normal attempt gets an object of a slab made
 * from the reserves, as a receive head for an ordinary socket does while a
 * memalloc socket exists: charged while the group has room, kept uncharged
 * once it is full (mainline would have served it), and never reported as
 * served by the attempt with the reserves, which is what mainline marks
 * an skb head pfmemalloc for.
 */
static void alloc_entitled_normal_object_never_refused(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	bool emerg[2] = { false, true }, pfmemalloc[2] = { true, true };
	unsigned int noreclaim;
	void *first, *obj[2];
	int i;

	first = reserve_slab_on_this_cpu(test, res, 1);
	noreclaim = memalloc_noreclaim_save();
	for (i = 0; i < 2; i++)
		obj[i] = __kmem_cache_alloc_reserve_noprof(mr_test_cache, GFP_ATOMIC,
							   NUMA_NO_NODE, res,
							   &emerg[i],
							   &pfmemalloc[i]);
	memalloc_noreclaim_restore(noreclaim);
	migrate_enable();
	mr_test_give_back_memory(test);

	KUNIT_ASSERT_NOT_NULL(test, first);
	/* the premise: the slab the fast path serves came from the reserves */
	KUNIT_ASSERT_TRUE(test, slab_obj_pfmemalloc(first));
	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_NOT_NULL(test, obj[i]);
		KUNIT_EXPECT_FALSE(test, pfmemalloc[i]);
		if (obj[i])
			KUNIT_EXPECT_TRUE(test, in_slab_of(&first, 1, obj[i]));
	}
	/* the first took the group's room, the second found none */
	KUNIT_EXPECT_TRUE(test, emerg[0]);
	KUNIT_EXPECT_FALSE(test, emerg[1]);
	KUNIT_EXPECT_EQ(test, mem_reserve_limit(res), mem_reserve_usage(res));
	for (i = 0; i < 2; i++)
		if (obj[i])
			kmem_cache_free_reserve(mr_test_cache, obj[i], res, emerg[i]);
	kmem_cache_free(mr_test_cache, first);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * Once normal memory is back, an object of a slab made from the reserves
 * is counted no more than a plain caller's, entitled caller or not: a
 * cache that replaces its charged objects then would otherwise take a
 * charged one again from the same slab at every lookup.
 */
static void alloc_entitled_normal_object_plain_once_memory_is_back(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	bool emerg = true, pfmemalloc = true, normal;
	unsigned int noreclaim;
	void *first, *obj;

	first = reserve_slab_on_this_cpu(test, res, 1);
	mr_test_give_back_memory(test);
	normal = mem_reserve_normal_memory();
	noreclaim = memalloc_noreclaim_save();
	obj = __kmem_cache_alloc_reserve_noprof(mr_test_cache, GFP_ATOMIC,
						NUMA_NO_NODE, res, &emerg,
						&pfmemalloc);
	memalloc_noreclaim_restore(noreclaim);
	migrate_enable();

	KUNIT_ASSERT_NOT_NULL(test, first);
	/* the premises: a slab from the reserves serves it, memory is back */
	KUNIT_ASSERT_TRUE(test, slab_obj_pfmemalloc(first));
	KUNIT_ASSERT_TRUE(test, normal);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	if (obj)
		KUNIT_EXPECT_TRUE(test, in_slab_of(&first, 1, obj));
	KUNIT_EXPECT_FALSE(test, emerg);
	KUNIT_EXPECT_FALSE(test, pfmemalloc);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	if (obj)
		kmem_cache_free_reserve(mr_test_cache, obj, res, emerg);
	kmem_cache_free(mr_test_cache, first);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

static void alloc_fail_switch_in_debugfs(struct kunit *test)
{
	struct dentry *dir = debugfs_lookup("mem_reserve", NULL);
	struct dentry *attr;

	KUNIT_ASSERT_NOT_NULL(test, dir);
	attr = debugfs_lookup("fail_normal", dir);
	KUNIT_EXPECT_NOT_NULL(test, attr);
	dput(attr);
	dput(dir);

	KUNIT_EXPECT_FALSE(test, mem_reserve_should_fail_normal(1));
	mr_test_force_emergency(test);
	KUNIT_EXPECT_TRUE(test, mem_reserve_should_fail_normal(1));
}

static int mem_reserve_alloc_suite_init(struct kunit_suite *suite)
{
	mr_test_cache = kmem_cache_create("mr_test_cache", 300, 0, 0, NULL);
	return mr_test_cache ? 0 : -ENOMEM;
}

static void mem_reserve_alloc_suite_exit(struct kunit_suite *suite)
{
	kmem_cache_destroy(mr_test_cache);
}

static struct kunit_case mem_reserve_alloc_cases[] = {
	KUNIT_CASE_PARAM(alloc_normal_path_charges_nothing, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_without_reserve_rights_is_plain, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_forced_emergency_charges_to_limit, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_under_real_pressure, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_blocked_waiter_wakes_on_free, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_blocked_waiter_retries_normal, wrapper_gen_params),
	KUNIT_CASE(alloc_wakeup_from_hard_irq),
	KUNIT_CASE_PARAM(alloc_wait_is_killable, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_wait_ends_when_limit_grows, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_wait_ends_when_request_no_longer_fits, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_wait_ends_on_disconnect, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_destroy_waits_for_waiter, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_refused_at_once_when_waiting_is_wrong, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_never_wait_group_refuses_sleepers, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_nofail_never_fails, nofail_wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_nofail_under_real_pressure, nofail_wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_nofail_never_wait_group, nofail_wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_disconnected_group_never_waits, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_inactive_is_plain_allocation, wrapper_gen_params),
	KUNIT_CASE(alloc_disconnected_group_served_as_mainline),
	KUNIT_CASE_PARAM(alloc_counted_usage_survives_reconnect, wrapper_gen_params),
	KUNIT_CASE(alloc_destroyed_group_counts_nothing),
	KUNIT_CASE(alloc_kmalloc_zero_is_kmalloc_zero),
	KUNIT_CASE(alloc_pfmemalloc_slab_object_stays_plain),
	KUNIT_CASE(alloc_entitled_normal_object_never_refused),
	KUNIT_CASE(alloc_entitled_normal_object_plain_once_memory_is_back),
	KUNIT_CASE(alloc_fail_switch_in_debugfs),
	{}
};

static struct kunit_suite mem_reserve_alloc_suite = {
	.name = "mem_reserve_alloc",
	.suite_init = mem_reserve_alloc_suite_init,
	.suite_exit = mem_reserve_alloc_suite_exit,
	.test_cases = mem_reserve_alloc_cases,
};

kunit_test_suite(mem_reserve_alloc_suite);

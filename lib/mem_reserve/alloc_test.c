// SPDX-License-Identifier: GPL-2.0
/* KUnit: the allocation wrappers, on the normal and the emergency path. */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
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

static const struct wrapper wrappers[] = {
	{ "kmalloc_reserve", mr_kmalloc, mr_kfree, mr_kmalloc_unit },
	{ "kmem_cache_alloc_reserve", mr_cache_alloc, mr_cache_free, mr_cache_unit },
	{ "alloc_pages_reserve", mr_page_alloc, mr_page_free, mr_page_unit },
};

static void wrapper_desc(const struct wrapper *w, char *desc)
{
	strscpy(desc, w->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(wrapper, wrappers, wrapper_desc);

/* A connected reserve whose limit admits exactly @n allocations of @w. */
static struct mem_reserve *reserve_for(struct kunit *test,
				       const struct wrapper *w, long n)
{
	struct mem_reserve *res = mr_test_reserve(test, w->name, &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 64));
	mutex_lock(&mem_reserve_mutex);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_resize_locked(res, 64, n * w->unit()));
	mutex_unlock(&mem_reserve_mutex);
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

static void alloc_emergency_needs_reserve_access(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, MR_TEST_OBJECTS);
	bool emerg;

	mr_test_force_emergency(test);
	/* GFP_ATOMIC alone may not use the reserves */
	KUNIT_EXPECT_NULL(test, w->alloc(res, GFP_ATOMIC, &emerg));
	KUNIT_EXPECT_FALSE(test, emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * Emergency allocations until the limit refuses one; then free them all,
 * also when an expectation failed, so no case leaves reserve memory behind.
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
		KUNIT_EXPECT_NULL(test, objs[n]);
		if (objs[n])
			n++;
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

	noreclaim = memalloc_noreclaim_save();
	fill_to_limit(test, w, res, GFP_ATOMIC);
	memalloc_noreclaim_restore(noreclaim);
}

struct blocked_alloc {
	const struct wrapper *w;
	struct mem_reserve *res;
	struct completion done;
	void *obj;
	bool emerg;
};

static int blocked_alloc_fn(void *arg)
{
	struct blocked_alloc *b = arg;
	unsigned int noreclaim = memalloc_noreclaim_save();

	b->obj = b->w->alloc(b->res, GFP_KERNEL, &b->emerg);
	memalloc_noreclaim_restore(noreclaim);
	complete(&b->done);
	return 0;
}

/*
 * Fill a one-object reserve from the reserves and start a kthread whose
 * allocation has to wait for room. Returns the object that fills it.
 */
static void *start_blocked_alloc(struct kunit *test, struct blocked_alloc *b)
{
	void *obj;
	bool emerg;
	int i;

	mr_test_force_emergency(test);
	init_completion(&b->done);
	obj = b->w->alloc(b->res, GFP_ATOMIC | __GFP_MEMALLOC, &emerg);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_ASSERT_TRUE(test, emerg);

	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(blocked_alloc_fn, b,
						    "mr_blocked")));
	for (i = 0; i < 250 && !atomic_long_read(&b->res->waits); i++)
		msleep(20);
	KUNIT_EXPECT_GT(test, atomic_long_read(&b->res->waits), 0L);
	KUNIT_EXPECT_FALSE(test, completion_done(&b->done));
	return obj;
}

static void alloc_blocked_waiter_wakes_on_free(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, 1);
	struct blocked_alloc b = { .w = w, .res = res };
	void *obj = start_blocked_alloc(test, &b);

	w->free(obj, res, true);
	KUNIT_ASSERT_NE(test, 0UL, wait_for_completion_timeout(&b.done, 10 * HZ));
	KUNIT_ASSERT_NOT_NULL(test, b.obj);
	KUNIT_EXPECT_TRUE(test, b.emerg);
	KUNIT_EXPECT_EQ(test, w->unit(), mem_reserve_usage(res));
	w->free(b.obj, res, b.emerg);
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
	struct blocked_alloc b = { .w = w, .res = res };
	void *obj = start_blocked_alloc(test, &b);

	/* the pressure lifts; the reserve stays full */
	mem_reserve_force_emergency(false);
	KUNIT_EXPECT_NE(test, 0UL, wait_for_completion_timeout(&b.done, 10 * HZ));
	KUNIT_EXPECT_NOT_NULL(test, b.obj);
	KUNIT_EXPECT_FALSE(test, b.emerg);
	KUNIT_EXPECT_EQ(test, w->unit(), mem_reserve_usage(res));
	if (b.obj)
		w->free(b.obj, res, b.emerg);
	w->free(obj, res, true);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

static void alloc_disconnected_reserve_fails_at_once(struct kunit *test)
{
	const struct wrapper *w = test->param_value;
	struct mem_reserve *res = reserve_for(test, w, MR_TEST_OBJECTS);
	bool emerg;

	/* another active group keeps the wrappers' reserve logic on */
	mr_test_reserve(test, "other", &mem_reserve_root);
	mr_test_force_emergency(test);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	/* may block, but waiting on an inactive reserve would be forever */
	KUNIT_EXPECT_NULL(test, w->alloc(res, GFP_KERNEL | __GFP_MEMALLOC, &emerg));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->waits));
}

/* With no group connected the wrappers are the plain allocators. */
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
	KUNIT_EXPECT_NULL(test, w->alloc(res, GFP_ATOMIC, &emerg));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	KUNIT_EXPECT_FALSE(test, mem_reserve_active());
}

/*
 * With no group connected, a wrapper given a group must not reach the
 * reserves either: the group is not connected, so it gets no emergency
 * memory, as it would get none once another group made the key active.
 * Only a caller accounting to no group keeps the plain allocator's access.
 * Pages, since free slab objects could satisfy a slab wrapper anyway.
 */
static void alloc_inactive_group_gets_no_reserves(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	const gfp_t gfp = GFP_ATOMIC | __GFP_NOWARN;
	unsigned int noreclaim;
	struct page *page;
	bool emerg = true;

	KUNIT_ASSERT_FALSE(test, mem_reserve_active());
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);

	noreclaim = memalloc_noreclaim_save();
	page = alloc_pages_reserve(NUMA_NO_NODE, gfp, 0, res, &emerg);
	if (page)
		__free_page(page);
	KUNIT_EXPECT_NULL(test, page);
	KUNIT_EXPECT_FALSE(test, emerg);

	page = alloc_pages_reserve(NUMA_NO_NODE, gfp, 0, NULL, &emerg);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_NOT_NULL(test, page);
	if (page)
		__free_page(page);
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
	KUNIT_CASE_PARAM(alloc_emergency_needs_reserve_access, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_forced_emergency_charges_to_limit, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_under_real_pressure, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_blocked_waiter_wakes_on_free, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_blocked_waiter_retries_normal, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_disconnected_reserve_fails_at_once, wrapper_gen_params),
	KUNIT_CASE_PARAM(alloc_inactive_is_plain_allocation, wrapper_gen_params),
	KUNIT_CASE(alloc_inactive_group_gets_no_reserves),
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

// SPDX-License-Identifier: GPL-2.0
/* KUnit: charging and uncharging usage. */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "test_util.h"

static void charge_within_limit(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 4));
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(res, 3));
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(res, 1));
	KUNIT_EXPECT_EQ(test, 4L * PAGE_SIZE, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 4L * PAGE_SIZE, atomic_long_read(&res->peak));
	mem_reserve_pages_uncharge(res, 4);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

static void charge_over_limit_changes_nothing(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 4));
	KUNIT_ASSERT_TRUE(test, mem_reserve_pages_charge(res, 3));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(res, 2));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(res, LONG_MAX / PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, 3L * PAGE_SIZE, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 2L, atomic_long_read(&res->failed));
	mem_reserve_pages_uncharge(res, 3);
}

static void charge_needs_connection(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", NULL);
	struct mem_reserve *res = mr_test_reserve(test, "res", top);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 4));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(res, 1));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(top, &mem_reserve_root));
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(res, 1));
	mem_reserve_pages_uncharge(res, 1);
}

static void charge_aggregate_node(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", &mem_reserve_root);
	struct mem_reserve *a = mr_test_reserve(test, "a", top);
	struct mem_reserve *b = mr_test_reserve(test, "b", top);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(a, 2));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(b, 3));
	/* a unit shared by the subtree is charged to its top */
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(top, 5));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(top, 1));
	/* usage is per node */
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(a));
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(a, 2));
	mem_reserve_pages_uncharge(a, 2);
	mem_reserve_pages_uncharge(top, 5);
}

static void uncharge_clamps_at_zero(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 4));
	KUNIT_ASSERT_TRUE(test, mem_reserve_pages_charge(res, 1));
	mem_reserve_pages_uncharge(res, 3);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&res->clamped));
	mem_reserve_pages_uncharge(res, 1);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 2L, atomic_long_read(&res->clamped));
	/* the room is all there again */
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(res, 4));
	mem_reserve_pages_uncharge(res, 4);
}

static void charge_kmalloc_rounds_up(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(res, 4096));
	KUNIT_ASSERT_TRUE(test, mem_reserve_kmalloc_charge(res, 100));
	KUNIT_EXPECT_EQ(test, (long)kmalloc_size_roundup(100),
			mem_reserve_usage(res));
	KUNIT_EXPECT_GT(test, mem_reserve_usage(res), 100L);
	mem_reserve_kmalloc_uncharge(res, 100);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

static void charge_kmem_cache_objects(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	struct kmem_cache *s = kmem_cache_create("mr_charge", 200, 0, 0, NULL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_set(res, s, 10));
	KUNIT_EXPECT_TRUE(test, mem_reserve_kmem_cache_charge(res, s, 10));
	KUNIT_EXPECT_EQ(test, 10L * kmem_cache_size(s), mem_reserve_usage(res));
	KUNIT_EXPECT_FALSE(test, mem_reserve_kmem_cache_charge(res, s, 1));
	mem_reserve_kmem_cache_uncharge(res, s, 10);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	kmem_cache_destroy(s);
}

struct charge_worker {
	struct mem_reserve *res;
	struct completion done;
	long refused;
};

static int charge_worker_fn(void *arg)
{
	struct charge_worker *w = arg;
	int i;

	for (i = 0; i < 20000; i++) {
		if (mem_reserve_charge(w->res, 64 + i % 7))
			mem_reserve_uncharge(w->res, 64 + i % 7);
		else
			w->refused++;
		if (!(i % 256))
			cond_resched();
	}
	complete(&w->done);
	return 0;
}

static void charge_concurrent_ends_at_zero(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	struct charge_worker w[3];
	int i;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(res, 128));
	for (i = 0; i < ARRAY_SIZE(w); i++) {
		w[i].res = res;
		w[i].refused = 0;
		init_completion(&w[i].done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(charge_worker_fn, &w[i],
							    "mr_charge/%d", i)));
	}
	for (i = 0; i < ARRAY_SIZE(w); i++)
		KUNIT_ASSERT_NE(test, 0UL,
				wait_for_completion_timeout(&w[i].done, 60 * HZ));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_LE(test, atomic_long_read(&res->peak), 128L);
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

static struct kunit_case mem_reserve_charge_cases[] = {
	KUNIT_CASE(charge_within_limit),
	KUNIT_CASE(charge_over_limit_changes_nothing),
	KUNIT_CASE(charge_needs_connection),
	KUNIT_CASE(charge_aggregate_node),
	KUNIT_CASE(uncharge_clamps_at_zero),
	KUNIT_CASE(charge_kmalloc_rounds_up),
	KUNIT_CASE(charge_kmem_cache_objects),
	KUNIT_CASE(charge_concurrent_ends_at_zero),
	{}
};

static struct kunit_suite mem_reserve_charge_suite = {
	.name = "mem_reserve_charge",
	.test_cases = mem_reserve_charge_cases,
};

kunit_test_suite(mem_reserve_charge_suite);

// SPDX-License-Identifier: GPL-2.0
/* KUnit: charging and uncharging usage. */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/random.h>
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

/*
 * What is served anyway is charged while there is room, and counted as
 * served uncounted, not refused, without: the count says how often the
 * group was too small. A refusal is a failure, not an uncounted use, and
 * a group that is not connected bounds nothing, so counts neither.
 */
static void try_charge_counts_what_it_serves_uncounted(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", NULL);
	struct mem_reserve *res = mr_test_reserve(test, "res", top);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 2));
	KUNIT_EXPECT_FALSE(test, mem_reserve_try_charge(res, PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->uncounted));

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(top, &mem_reserve_root));
	KUNIT_EXPECT_TRUE(test, mem_reserve_try_charge(res, PAGE_SIZE));
	KUNIT_EXPECT_TRUE(test, mem_reserve_try_charge(res, PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->uncounted));
	KUNIT_EXPECT_FALSE(test, mem_reserve_try_charge(res, 1));
	KUNIT_EXPECT_FALSE(test, mem_reserve_try_charge(res, PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, 2L, atomic_long_read(&res->uncounted));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));
	/* the ancestor bounds nothing of its own: counted where charged */
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&top->uncounted));

	KUNIT_EXPECT_FALSE(test, mem_reserve_charge(res, 1));
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&res->failed));
	KUNIT_EXPECT_EQ(test, 2L, atomic_long_read(&res->uncounted));
	KUNIT_EXPECT_EQ(test, 2L * PAGE_SIZE, mem_reserve_usage(res));
	mem_reserve_uncharge(res, 2 * PAGE_SIZE);
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

/*
 * The example: top with children a (2 pages) and b (3 pages). Top
 * reserves 5 pages, so whoever is charged, 5 pages is all the subtree may
 * hold.
 */
static void charge_subtree_within_its_reserve(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", &mem_reserve_root);
	struct mem_reserve *a = mr_test_reserve(test, "a", top);
	struct mem_reserve *b = mr_test_reserve(test, "b", top);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(a, 2));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(b, 3));
	KUNIT_ASSERT_EQ(test, 5L * PAGE_SIZE, mem_reserve_limit(top));

	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(top, 5));
	/* a has room of its own, but the subtree is full */
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(a, 1));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(b, 1));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(a));
	mem_reserve_pages_uncharge(top, 5);

	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(a, 2));
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(b, 3));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(top, 1));
	KUNIT_EXPECT_EQ(test, 5L * PAGE_SIZE, mem_reserve_usage(top));
	KUNIT_EXPECT_EQ(test, 2L * PAGE_SIZE, mem_reserve_usage(a));
	mem_reserve_pages_uncharge(a, 2);
	KUNIT_EXPECT_EQ(test, 3L * PAGE_SIZE, mem_reserve_usage(top));
	mem_reserve_pages_uncharge(b, 3);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(top));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&top->clamped));
}

/*
 * Random charges and uncharges over a three-level tree whose nodes also
 * have limits of their own: after each, every node's usage is what was
 * charged in its subtree and within its limit.
 */
static void charge_random_tree_never_overcommits(struct kunit *test)
{
	struct mem_reserve *n[5];
	long held[5] = { 0 }, sub;
	int i, j, step;

	n[0] = mr_test_reserve(test, "top", &mem_reserve_root);
	n[1] = mr_test_reserve(test, "mid", n[0]);
	n[2] = mr_test_reserve(test, "leaf1", n[1]);
	n[3] = mr_test_reserve(test, "leaf2", n[1]);
	n[4] = mr_test_reserve(test, "side", n[0]);
	for (i = 0; i < 5; i++)
		KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(n[i], i + 1));

	for (step = 0; step < 2000; step++) {
		u32 r = get_random_u32();
		long pages = 1 + (r >> 8) % 4;

		i = r % 5;
		if ((r >> 4) & 1) {
			if (mem_reserve_pages_charge(n[i], pages))
				held[i] += pages;
		} else if (held[i]) {
			pages = min(pages, held[i]);
			mem_reserve_pages_uncharge(n[i], pages);
			held[i] -= pages;
		}
		for (j = 0; j < 5; j++) {
			struct mem_reserve *pos;

			sub = 0;
			for (i = 0; i < 5; i++) {
				for (pos = n[i]; pos && pos != n[j]; pos = pos->parent)
					;
				if (pos)
					sub += held[i];
			}
			KUNIT_ASSERT_EQ(test, sub * PAGE_SIZE, mem_reserve_usage(n[j]));
			KUNIT_ASSERT_LE(test, mem_reserve_usage(n[j]),
					mem_reserve_limit(n[j]));
		}
	}
	for (i = 0; i < 5; i++)
		mem_reserve_pages_uncharge(n[i], held[i]);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(n[0]));
}

/* Counts whose bytes overflow, or are negative, are refused, never wrapped. */
static void charge_overflowing_counts_refused(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	struct kmem_cache *s = kmem_cache_create("mr_overflow", 200, 0, 0, NULL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 4));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(res, 1L << 52));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(res, LONG_MAX));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(res, -1));
	KUNIT_EXPECT_FALSE(test, mem_reserve_charge(res, -PAGE_SIZE));
	KUNIT_EXPECT_FALSE(test, mem_reserve_kmalloc_charge(res, -1));
	KUNIT_EXPECT_FALSE(test, mem_reserve_kmalloc_charge(res, LONG_MAX));
	KUNIT_EXPECT_FALSE(test, mem_reserve_kmem_cache_charge(res, s, LONG_MAX / 8));
	KUNIT_EXPECT_FALSE(test, mem_reserve_kmem_cache_charge(res, s, -1));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 8L, atomic_long_read(&res->failed));
	/* the room is intact */
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(res, 4));
	mem_reserve_pages_uncharge(res, 4);

	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_set(res, LONG_MAX));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_set(res, -1));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_add(res, LONG_MAX));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_kmalloc_set(res, LONG_MAX));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_kmalloc_set(res, -1));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_kmem_cache_set(res, s, INT_MAX));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_kmem_cache_set(res, s, -1));
	KUNIT_EXPECT_EQ(test, 4L * PAGE_SIZE, mem_reserve_limit(res));
	kmem_cache_destroy(s);
}

/*
 * A subtree disconnected with usage outstanding gives it back to the
 * parent it was charged to; meanwhile it cannot move to another parent.
 */
static void charge_outstanding_after_disconnect(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", &mem_reserve_root);
	struct mem_reserve *other = mr_test_reserve(test, "other", &mem_reserve_root);
	struct mem_reserve *leaf = mr_test_reserve(test, "leaf", top);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(top, 1));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(leaf, 2));
	KUNIT_ASSERT_TRUE(test, mem_reserve_pages_charge(leaf, 2));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(leaf));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(leaf, 1));
	/* top now reserves 1 page and still holds the leaf's 2 */
	KUNIT_EXPECT_EQ(test, 2L * PAGE_SIZE, mem_reserve_usage(top));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(top, 1));
	KUNIT_EXPECT_EQ(test, -EBUSY, mem_reserve_connect(leaf, other));

	mem_reserve_pages_uncharge(leaf, 2);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(top));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&top->clamped));
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(top, 1));
	mem_reserve_pages_uncharge(top, 1);
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_connect(leaf, other));
	KUNIT_EXPECT_TRUE(test, mem_reserve_pages_charge(leaf, 2));
	KUNIT_EXPECT_EQ(test, 2L * PAGE_SIZE, mem_reserve_usage(other));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(top));
	mem_reserve_pages_uncharge(leaf, 2);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(other));
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

/*
 * Kthreads charging two leaves and their top at once: on SMP a lost
 * update of any level's usage leaves it off zero, and a charge let past a
 * limit shows in the peaks.
 */
static void charge_concurrent_ends_at_zero(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", &mem_reserve_root);
	struct mem_reserve *a = mr_test_reserve(test, "a", top);
	struct mem_reserve *b = mr_test_reserve(test, "b", top);
	struct mem_reserve *nodes[] = { a, b, top, a };
	struct charge_worker w[ARRAY_SIZE(nodes)];
	int i;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(a, 128));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(b, 128));
	KUNIT_ASSERT_EQ(test, 256L, mem_reserve_limit(top));
	for (i = 0; i < ARRAY_SIZE(w); i++) {
		w[i].res = nodes[i];
		w[i].refused = 0;
		init_completion(&w[i].done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(charge_worker_fn, &w[i],
							    "mr_charge/%d", i)));
	}
	for (i = 0; i < ARRAY_SIZE(w); i++)
		KUNIT_ASSERT_NE(test, 0UL,
				wait_for_completion_timeout(&w[i].done, 120 * HZ));
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(nodes[i]));
		KUNIT_EXPECT_LE(test, atomic_long_read(&nodes[i]->peak),
				mem_reserve_limit(nodes[i]));
		KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&nodes[i]->clamped));
	}
}

static struct kunit_case mem_reserve_charge_cases[] = {
	KUNIT_CASE(charge_within_limit),
	KUNIT_CASE(charge_over_limit_changes_nothing),
	KUNIT_CASE(charge_needs_connection),
	KUNIT_CASE(try_charge_counts_what_it_serves_uncounted),
	KUNIT_CASE(charge_subtree_within_its_reserve),
	KUNIT_CASE(charge_random_tree_never_overcommits),
	KUNIT_CASE(charge_overflowing_counts_refused),
	KUNIT_CASE(charge_outstanding_after_disconnect),
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

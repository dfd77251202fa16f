// SPDX-License-Identifier: GPL-2.0
/* KUnit: building, connecting and taking apart the reserve tree. */
#include <kunit/test.h>
#include <linux/mm.h>
#include "test_util.h"

static void tree_init_with_parent_connects(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", NULL);
	struct mem_reserve *leaf = mr_test_reserve(test, "leaf", top);

	KUNIT_EXPECT_PTR_EQ(test, leaf->parent, top);
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(top));
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(leaf));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_pages(leaf));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_limit(leaf));
}

static void tree_totals_propagate(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", NULL);
	struct mem_reserve *a = mr_test_reserve(test, "a", NULL);
	struct mem_reserve *b = mr_test_reserve(test, "b", NULL);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(a, 3));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(b, 5));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(top, 1));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(a, top));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(b, top));

	KUNIT_EXPECT_EQ(test, 9L, mem_reserve_pages(top));
	KUNIT_EXPECT_EQ(test, 9L * PAGE_SIZE, mem_reserve_limit(top));

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(b, 2));
	KUNIT_EXPECT_EQ(test, 6L, mem_reserve_pages(top));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(a));
	KUNIT_EXPECT_EQ(test, 3L, mem_reserve_pages(top));
	KUNIT_EXPECT_EQ(test, 3L, mem_reserve_pages(a));
}

static void tree_connect_to_root_moves_root_total(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", NULL);
	struct mem_reserve *leaf = mr_test_reserve(test, "leaf", top);
	long before = mem_reserve_pages(&mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(leaf, 16));
	KUNIT_EXPECT_EQ(test, before, mem_reserve_pages(&mem_reserve_root));

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(top, &mem_reserve_root));
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(top));
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(leaf));
	KUNIT_EXPECT_EQ(test, before + 16, mem_reserve_pages(&mem_reserve_root));
	KUNIT_EXPECT_EQ(test, (long)(before + 16), (long)memalloc_reserve_pages);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(top));
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(leaf));
	KUNIT_EXPECT_EQ(test, before, mem_reserve_pages(&mem_reserve_root));
	KUNIT_EXPECT_EQ(test, before, (long)memalloc_reserve_pages);
}

static void tree_connect_errors(struct kunit *test)
{
	struct mem_reserve *a = mr_test_reserve(test, "a", NULL);
	struct mem_reserve *b = mr_test_reserve(test, "b", a);
	struct mem_reserve *c = mr_test_reserve(test, "c", b);
	struct mem_reserve *other = mr_test_reserve(test, "other", NULL);

	KUNIT_EXPECT_EQ(test, -EEXIST, mem_reserve_connect(b, other));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_connect(other, other));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_connect(a, c));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_connect(a, a));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_connect(&mem_reserve_root, a));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_disconnect(&mem_reserve_root));
	KUNIT_EXPECT_EQ(test, -ENOENT, mem_reserve_disconnect(other));
	/* nothing moved */
	KUNIT_EXPECT_PTR_EQ(test, b->parent, a);
	KUNIT_EXPECT_PTR_EQ(test, c->parent, b);
	KUNIT_EXPECT_NULL(test, a->parent);
}

static void tree_connect_enomem_changes_nothing(struct kunit *test)
{
	struct mem_reserve *big = mr_test_reserve(test, "big", NULL);
	long before = mem_reserve_pages(&mem_reserve_root);
	long wm = memalloc_reserve_pages;

	/* all of RAM is a valid demand but can never be held */
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(big, totalram_pages()));
	KUNIT_EXPECT_EQ(test, -ENOMEM, mem_reserve_connect(big, &mem_reserve_root));
	KUNIT_EXPECT_NULL(test, big->parent);
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(big));
	KUNIT_EXPECT_EQ(test, before, mem_reserve_pages(&mem_reserve_root));
	KUNIT_EXPECT_EQ(test, wm, (long)memalloc_reserve_pages);
}

static void tree_disconnect_keeps_usage(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 4));
	KUNIT_ASSERT_TRUE(test, mem_reserve_pages_charge(res, 3));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));

	KUNIT_EXPECT_EQ(test, 3L * PAGE_SIZE, mem_reserve_usage(res));
	KUNIT_EXPECT_FALSE(test, mem_reserve_pages_charge(res, 1));
	mem_reserve_pages_uncharge(res, 3);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

static void tree_destroy_detaches_children(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "top", &mem_reserve_root);
	struct mem_reserve *leaf = kunit_kzalloc(test, sizeof(*leaf), GFP_KERNEL);
	long before = mem_reserve_pages(&mem_reserve_root);

	KUNIT_ASSERT_NOT_NULL(test, leaf);
	mem_reserve_init(leaf, "leaf", top);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(leaf, 2));
	KUNIT_ASSERT_EQ(test, before + 2, mem_reserve_pages(&mem_reserve_root));

	/* a caller bug: warns, and must leave the tree consistent */
	mem_reserve_destroy(top);
	KUNIT_EXPECT_NULL(test, leaf->parent);
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(leaf));
	KUNIT_EXPECT_EQ(test, before - mem_reserve_pages(top),
			mem_reserve_pages(&mem_reserve_root));
	mem_reserve_destroy(leaf);
	KUNIT_EXPECT_TRUE(test, list_empty(&leaf->all));
}

static struct kunit_case mem_reserve_tree_cases[] = {
	KUNIT_CASE(tree_init_with_parent_connects),
	KUNIT_CASE(tree_totals_propagate),
	KUNIT_CASE(tree_connect_to_root_moves_root_total),
	KUNIT_CASE(tree_connect_errors),
	KUNIT_CASE(tree_connect_enomem_changes_nothing),
	KUNIT_CASE(tree_disconnect_keeps_usage),
	KUNIT_CASE(tree_destroy_detaches_children),
	{}
};

static struct kunit_suite mem_reserve_tree_suite = {
	.name = "mem_reserve_tree",
	.test_cases = mem_reserve_tree_cases,
};

kunit_test_suite(mem_reserve_tree_suite);

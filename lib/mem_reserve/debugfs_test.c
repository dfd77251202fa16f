// SPDX-License-Identifier: GPL-2.0
/* KUnit: what debugfs mem_reserve/tree shows. */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include "test_util.h"

struct tree_line {
	unsigned int id;
	char parent[8];
	int connected;
	long pages, kib, limit, usage, peak, failed, waits, clamped, uncounted;
};

/* The tree file's text, as a read of it would give it. */
static char *tree_text(struct kunit *test)
{
	struct seq_file m = { .size = 64 * 1024 };

	m.buf = kunit_kzalloc(test, m.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m.buf);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_tree_show(&m, NULL));
	KUNIT_ASSERT_LT(test, m.count, m.size);
	m.buf[m.count] = '\0';
	return m.buf;
}

/* Parse the line of the node called @name; false if there is none. */
static bool tree_find(const char *text, const char *name, struct tree_line *l)
{
	const char *line = text;

	while (line && *line) {
		const char *end = strchrnul(line, '\n');
		const char *nm = end;

		while (nm > line && nm[-1] != ' ')
			nm--;
		if (end - nm == strlen(name) && !strncmp(nm, name, end - nm))
			return sscanf(line, "%u %7s %d %ld %ld %ld %ld %ld %ld %ld %ld %ld",
				      &l->id, l->parent, &l->connected, &l->pages,
				      &l->kib, &l->limit, &l->usage, &l->peak,
				      &l->failed, &l->waits, &l->clamped,
				      &l->uncounted) == 12;
		line = *end ? end + 1 : NULL;
	}
	return false;
}

static void debugfs_tree_shows_every_node(struct kunit *test)
{
	struct mem_reserve *top = mr_test_reserve(test, "mr_dbg_top", &mem_reserve_root);
	struct mem_reserve *leaf = mr_test_reserve(test, "mr_dbg_leaf", top);
	struct mem_reserve *alone = mr_test_reserve(test, "mr_dbg_alone", NULL);
	struct tree_line l;
	char parent[8];
	char *text;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(leaf, 3));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(alone, 2));
	KUNIT_ASSERT_TRUE(test, mem_reserve_pages_charge(leaf, 1));
	KUNIT_ASSERT_FALSE(test, mem_reserve_pages_charge(leaf, 3));
	mem_reserve_pages_uncharge(leaf, 2);
	KUNIT_ASSERT_TRUE(test, mem_reserve_pages_charge(leaf, 1));
	KUNIT_ASSERT_FALSE(test, mem_reserve_try_charge(leaf, 3 * PAGE_SIZE));
	KUNIT_ASSERT_FALSE(test, mem_reserve_try_charge(leaf, 3 * PAGE_SIZE));
	text = tree_text(test);

	KUNIT_ASSERT_TRUE(test, tree_find(text, "mr_dbg_leaf", &l));
	snprintf(parent, sizeof(parent), "%u", top->id);
	KUNIT_EXPECT_EQ(test, l.id, leaf->id);
	KUNIT_EXPECT_STREQ(test, l.parent, parent);
	KUNIT_EXPECT_EQ(test, l.connected, 1);
	KUNIT_EXPECT_EQ(test, l.pages, 3L);
	KUNIT_EXPECT_EQ(test, l.kib, 3L * PAGE_SIZE / 1024);
	KUNIT_EXPECT_EQ(test, l.limit, 3L * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, l.usage, (long)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, l.peak, (long)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, l.failed, 1L);
	KUNIT_EXPECT_EQ(test, l.waits, 0L);
	KUNIT_EXPECT_EQ(test, l.clamped, 1L);
	KUNIT_EXPECT_EQ(test, l.uncounted, 2L);
	/* depth first: the parent comes before the child */
	KUNIT_EXPECT_PTR_NE(test, strstr(text, "mr_dbg_top"), NULL);
	KUNIT_EXPECT_TRUE(test, strstr(text, "mr_dbg_top") < strstr(text, "mr_dbg_leaf"));

	KUNIT_ASSERT_TRUE(test, tree_find(text, "mr_dbg_alone", &l));
	KUNIT_EXPECT_STREQ(test, l.parent, "-");
	KUNIT_EXPECT_EQ(test, l.connected, 0);
	KUNIT_EXPECT_EQ(test, l.pages, 2L);

	mem_reserve_pages_uncharge(leaf, 1);
	mem_reserve_destroy(alone);
	KUNIT_EXPECT_FALSE(test, tree_find(tree_text(test), "mr_dbg_alone", &l));
}

static struct kunit_case mem_reserve_debugfs_cases[] = {
	KUNIT_CASE(debugfs_tree_shows_every_node),
	{}
};

static struct kunit_suite mem_reserve_debugfs_suite = {
	.name = "mem_reserve_debugfs",
	.test_cases = mem_reserve_debugfs_cases,
};

kunit_test_suite(mem_reserve_debugfs_suite);

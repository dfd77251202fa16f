// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: pages charged until their free. The invariants: whatever path
 * frees a charged page, its charge is given back exactly once; a page that
 * was not charged gives nothing back; and a free believes no mark but one
 * naming a group registered for page charges.
 *
 * The pages are marked pfmemalloc by hand here, as the page allocator
 * marks what it serves from the reserves; consumers/net/pages_test.c
 * charges pages the reserves really served.
 */
#include <kunit/test.h>
#include <linux/mm.h>
#include "test_util.h"

#define NR_PAGES	16
/* past the per-CPU lists' orders: freed through __free_pages_ok() */
#define BIG_ORDER	(PAGE_ALLOC_COSTLY_ORDER + 1)

/* Groups charged for pages are the kernel's static data */
static struct mem_reserve page_test_top, page_test_group;

/* A page as the reserves would have served it */
static struct page *reserve_page(struct kunit *test, unsigned int order)
{
	struct page *page = alloc_pages(GFP_KERNEL | (order ? __GFP_COMP : 0),
					order);

	KUNIT_ASSERT_NOT_NULL(test, page);
	set_page_pfmemalloc(page);
	return page;
}

static void page_test_destroy(void *res)
{
	mem_reserve_destroy(res);
}

/* @res, registered for page charges, below @parent; destroyed at the end */
static struct mem_reserve *static_group(struct kunit *test,
					struct mem_reserve *res,
					const char *name,
					struct mem_reserve *parent)
{
	mem_reserve_init(res, name, parent);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, page_test_destroy,
							   res));
	return res;
}

/* A group of @pages pages, registered before it is connected */
static struct mem_reserve *page_group(struct kunit *test, long pages)
{
	struct mem_reserve *res = static_group(test, &page_test_group, "pages",
					       NULL);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, pages));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_page_charging(res));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(res, &mem_reserve_root));
	return res;
}

static void page_charge_given_back_by_each_free(struct kunit *test)
{
	struct mem_reserve *res = page_group(test, NR_PAGES + (1 << BIG_ORDER));
	struct page *pages[NR_PAGES], *plain, *big;
	long left = NR_PAGES;
	int i, wrong = 0;

	for (i = 0; i < NR_PAGES; i++) {
		pages[i] = reserve_page(test, 0);
		KUNIT_EXPECT_TRUE(test, mem_reserve_charge_page(res, pages[i], 0, 0));
		KUNIT_EXPECT_TRUE(test, page_is_pfmemalloc(pages[i]));
	}
	KUNIT_EXPECT_EQ(test, (long)NR_PAGES * PAGE_SIZE, mem_reserve_usage(res));

	/* not from the reserves: served, nothing charged, nothing given back */
	plain = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_EXPECT_TRUE(test, mem_reserve_charge_page(res, plain, 0, 0));
	__free_page(plain);
	KUNIT_EXPECT_EQ(test, (long)NR_PAGES * PAGE_SIZE, mem_reserve_usage(res));

	/* a compound page is charged, and given back, whole */
	big = reserve_page(test, BIG_ORDER);
	KUNIT_EXPECT_TRUE(test, mem_reserve_charge_page(res, big, BIG_ORDER, 0));
	/* charged once, however often it is offered */
	KUNIT_EXPECT_TRUE(test, mem_reserve_charge_page(res, big, BIG_ORDER, 0));
	KUNIT_EXPECT_EQ(test, (long)(NR_PAGES + (1 << BIG_ORDER)) * PAGE_SIZE,
			mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->uncounted));
	/*
	 * The group is full: nothing charged, and its free gives nothing.
	 * The page is used anyway: one use uncounted, no refusal.
	 */
	plain = reserve_page(test, 0);
	KUNIT_EXPECT_FALSE(test, mem_reserve_charge_page(res, plain, 0, 0));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));
	KUNIT_EXPECT_EQ(test, 1L, atomic_long_read(&res->uncounted));
	__free_page(plain);
	put_page(big);
	KUNIT_EXPECT_EQ(test, (long)NR_PAGES * PAGE_SIZE, mem_reserve_usage(res));

	/*
	 * The per-CPU lists' path and the batched one of folios
	 * (release_pages(), as a munmap of zerocopy-received pages takes):
	 * each page's charge back at its own free.
	 */
	for (i = 0; i < NR_PAGES; i++) {
		if (i % 2)
			release_pages(&pages[i], 1);
		else
			put_page(pages[i]);
		left--;
		if (mem_reserve_usage(res) != left * PAGE_SIZE)
			wrong++;
	}
	KUNIT_EXPECT_EQ(test, 0, wrong);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

/*
 * A group that is not connected bounds nothing: its pages are served,
 * and not counted, since a ring may hold them for as long as it likes.
 */
static void page_uncounted_while_disconnected(struct kunit *test)
{
	struct mem_reserve *top = static_group(test, &page_test_top, "top", NULL);
	struct mem_reserve *res = static_group(test, &page_test_group, "pages",
					       top);
	struct page *page = reserve_page(test, 0);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_page_charging(res));
	KUNIT_EXPECT_TRUE(test, mem_reserve_charge_page(res, page, 0, 0));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	__free_page(page);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(top));
}

/*
 * A mark the free does not believe: one that names no registered group
 * (an owner wrote over page->lru with bit 1 set), and one that names a
 * group destroyed, here forgotten, since the page was charged.
 */
static void page_free_believes_only_registered_groups(struct kunit *test)
{
	struct mem_reserve *res = page_group(test, 2);
	struct mem_reserve *fake = kunit_kzalloc(test, sizeof(*fake), GFP_KERNEL);
	struct page *page;

	KUNIT_ASSERT_NOT_NULL(test, fake);
	atomic_long_set(&fake->usage, PAGE_SIZE);
	fake->charge_parent = &mem_reserve_root;
	page = reserve_page(test, 0);
	page->lru.next = (void *)((unsigned long)fake | BIT(1));
	__free_page(page);
	KUNIT_EXPECT_EQ(test, (long)PAGE_SIZE, atomic_long_read(&fake->usage));

	page = reserve_page(test, 0);
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge_page(res, page, 0, 0));
	mem_reserve_lock();
	mem_reserve_page_group_forget(res);
	mem_reserve_unlock();
	__free_page(page);
	KUNIT_EXPECT_EQ(test, (long)PAGE_SIZE, mem_reserve_usage(res));
	mem_reserve_uncharge(res, PAGE_SIZE);
}

static struct kunit_case mem_reserve_page_cases[] = {
	KUNIT_CASE(page_charge_given_back_by_each_free),
	KUNIT_CASE(page_uncounted_while_disconnected),
	KUNIT_CASE(page_free_believes_only_registered_groups),
	{}
};

static struct kunit_suite mem_reserve_page_suite = {
	.name = "mem_reserve_page",
	.test_cases = mem_reserve_page_cases,
};

kunit_test_suite(mem_reserve_page_suite);

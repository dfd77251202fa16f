// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for the mem_reserve KUnit suites: reserves and memory pressure
 * that are undone when the case ends, pass or fail.
 */
#include <kunit/resource.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
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

static void mr_test_free_pages(void *arg)
{
	struct list_head *pages = arg;
	struct page *page, *next;

	list_for_each_entry_safe(page, next, pages, lru)
		__free_page(page);
	INIT_LIST_HEAD(pages);
}

/*
 * Allocate order-0 pages with @gfp until that fails, leaving the zones at
 * the watermark @gfp stops at. The per-CPU lists refill from the buddy
 * lists in batches past the watermark check, so they are drained back
 * until an allocation fails right after a drain: what is left free is then
 * in the buddy lists, usable at any order. The pages are freed when the
 * case ends. Returns how many were taken.
 */
long mr_test_exhaust_memory(struct kunit *test, gfp_t gfp)
{
	struct list_head *pages = kunit_kzalloc(test, sizeof(*pages), GFP_KERNEL);
	bool drained = false;
	struct page *page;
	long n = 0;

	KUNIT_ASSERT_NOT_NULL(test, pages);
	INIT_LIST_HEAD(pages);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mr_test_free_pages,
							   pages));
	for (;;) {
		page = alloc_page(gfp | __GFP_NORETRY | __GFP_NOWARN);
		if (!page) {
			if (drained)
				break;
			drain_all_pages(NULL);
			drained = true;
			continue;
		}
		drained = false;
		list_add(&page->lru, pages);
		n++;
		cond_resched();
	}
	return n;
}

/* The min watermark proper, without any boost. */
long mr_test_min_wmark(struct zone *zone)
{
	return READ_ONCE(zone->_watermark[WMARK_MIN]);
}

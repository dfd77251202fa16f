// SPDX-License-Identifier: GPL-2.0
/* KUnit: the root total held below the min watermarks. */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/sched/mm.h>
#include <linux/vmstat.h>
#include "../../mm/internal.h"
#include "test_util.h"

#define MR_TEST_WMARK_PAGES	2048
#define MR_TEST_MAX_ZONES	16

static bool lowmem(struct zone *zone)
{
	return !is_highmem(zone) && zone_idx(zone) != ZONE_MOVABLE;
}

static void wmark_snapshot(long *min)
{
	struct zone *zone;
	int i = 0;

	for_each_populated_zone(zone) {
		if (!WARN_ON_ONCE(i >= MR_TEST_MAX_ZONES))
			min[i++] = mr_test_min_wmark(zone);
	}
}

static void wmark_connect_raises_disconnect_restores(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	long before[MR_TEST_MAX_ZONES], after[ARRAY_SIZE(before)];
	long raised = 0;
	struct zone *zone;
	int i = 0, zones = 0;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, MR_TEST_WMARK_PAGES));
	wmark_snapshot(before);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(res, &mem_reserve_root));
	wmark_snapshot(after);

	for_each_populated_zone(zone) {
		long delta = after[i] - before[i];

		KUNIT_EXPECT_EQ(test, delta, (long)READ_ONCE(zone->memalloc_reserve));
		if (lowmem(zone))
			zones++;
		else
			KUNIT_EXPECT_EQ(test, delta, 0L);
		raised += delta;
		i++;
	}
	/* spread like min_free_kbytes: the per-zone split only truncates */
	KUNIT_EXPECT_LE(test, raised, (long)MR_TEST_WMARK_PAGES);
	KUNIT_EXPECT_GT(test, raised, (long)MR_TEST_WMARK_PAGES - zones);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	wmark_snapshot(after);
	i = 0;
	for_each_populated_zone(zone) {
		KUNIT_EXPECT_EQ(test, after[i], before[i]);
		i++;
	}
}

static void wmark_survives_min_free_kbytes_write(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	int old = min_free_kbytes;
	long with[MR_TEST_MAX_ZONES], without[ARRAY_SIZE(with)];
	long share[ARRAY_SIZE(with)];
	struct zone *zone;
	int i = 0;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, MR_TEST_WMARK_PAGES));

	/* what vm.min_free_kbytes' handler does on a write */
	min_free_kbytes = old + 1024;
	setup_per_zone_wmarks();
	wmark_snapshot(with);
	for_each_populated_zone(zone) {
		if (i < MR_TEST_MAX_ZONES)
			share[i++] = READ_ONCE(zone->memalloc_reserve);
	}
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	wmark_snapshot(without);
	min_free_kbytes = old;
	setup_per_zone_wmarks();

	i = 0;
	for_each_populated_zone(zone) {
		KUNIT_EXPECT_EQ(test, with[i] - without[i], share[i]);
		if (lowmem(zone))
			KUNIT_EXPECT_GT(test, share[i], 0L);
		i++;
	}
}

static void wmark_increase_past_bound_is_enomem(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	long before[MR_TEST_MAX_ZONES], after[ARRAY_SIZE(before)];
	struct zone *zone;
	int i = 0;

	wmark_snapshot(before);
	KUNIT_EXPECT_EQ(test, -ENOMEM,
			mem_reserve_pages_set(res, totalram_pages() / 3));
	wmark_snapshot(after);
	for_each_populated_zone(zone) {
		KUNIT_EXPECT_EQ(test, after[i], before[i]);
		i++;
	}
}

/*
 * GFP_ATOMIC may go below the min watermark by a fraction of it, but never
 * into the reserves' share. Without that rule GFP_ATOMIC would leave only
 * 3/8 of (min_free + reserve) free, less than the reserve at this size;
 * with it, PF_MEMALLOC still finds the whole reserve.
 */
static void wmark_atomic_cannot_eat_reserve(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	unsigned int noreclaim;
	long atomic, memalloc;

	KUNIT_ASSERT_GT(test, (long)MR_TEST_WMARK_PAGES,
			(long)(min_free_kbytes >> (PAGE_SHIFT - 10)));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, MR_TEST_WMARK_PAGES));
	atomic = mr_test_exhaust_memory(test, GFP_ATOMIC);
	KUNIT_ASSERT_GT(test, atomic, 0L);

	noreclaim = memalloc_noreclaim_save();
	memalloc = mr_test_exhaust_memory(test, GFP_ATOMIC);
	memalloc_noreclaim_restore(noreclaim);
	kunit_info(test, "GFP_ATOMIC took %ld pages, then PF_MEMALLOC %ld\n",
		   atomic, memalloc);
	KUNIT_EXPECT_GE(test, memalloc, (long)MR_TEST_WMARK_PAGES);
}

/*
 * The share costs only its size: the per-CPU page lists, whose high marks
 * (pageset_high_min, with the default percpu_pagelist_high_fraction)
 * follow the low watermark, do not grow with it.
 */
static void wmark_share_leaves_pcp_high_alone(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	int before[MR_TEST_MAX_ZONES];
	struct zone *zone;
	int i = 0;

	for_each_populated_zone(zone) {
		if (!WARN_ON_ONCE(i >= MR_TEST_MAX_ZONES))
			before[i++] = READ_ONCE(zone->pageset_high_min);
	}
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 8 * MR_TEST_WMARK_PAGES));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(res, &mem_reserve_root));
	i = 0;
	for_each_populated_zone(zone) {
		if (i >= MR_TEST_MAX_ZONES)
			break;
		KUNIT_EXPECT_GT(test, READ_ONCE(zone->memalloc_reserve) +
				(lowmem(zone) ? 0UL : 1UL), 0UL);
		KUNIT_EXPECT_EQ(test, before[i], READ_ONCE(zone->pageset_high_min));
		i++;
	}
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
}

static unsigned long free_highatomic(void)
{
	unsigned long pages = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		pages += READ_ONCE(zone->nr_free_highatomic);
	return pages;
}

/*
 * The reserves must be usable whatever else is free: ALLOC_NO_WATERMARKS
 * may take the highatomic pageblocks once the other free lists are empty,
 * as OOM victims and GFP_ATOMIC may.
 */
static void wmark_no_watermarks_reaches_highatomic(struct kunit *test)
{
	unsigned int noreclaim;
	struct page *page;

	/* down to the min watermark, then a high-order atomic allocation */
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_NOWAIT), 0L);
	page = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 1);
	KUNIT_ASSERT_NOT_NULL(test, page);
	/* which reserved its pageblock as highatomic; its pages go back there */
	__free_pages(page, 1);
	drain_all_pages(NULL);
	KUNIT_ASSERT_GT(test, free_highatomic(), 0UL);

	noreclaim = memalloc_noreclaim_save();
	KUNIT_EXPECT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_EQ(test, 0UL, free_highatomic());
}

/*
 * mem_reserve_normal_memory() is what lets a cache keep a charged object
 * while memory is short and replace it once memory is back: false under
 * real exhaustion and under a forced emergency, true otherwise.
 */
static void wmark_normal_memory_hint(struct kunit *test)
{
	bool idle, exhausted, back, forced;

	idle = mem_reserve_normal_memory();
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	exhausted = mem_reserve_normal_memory();
	mr_test_give_back_memory(test);
	back = mem_reserve_normal_memory();
	mr_test_force_emergency(test);
	forced = mem_reserve_normal_memory();

	KUNIT_EXPECT_TRUE(test, idle);
	KUNIT_EXPECT_FALSE(test, exhausted);
	KUNIT_EXPECT_TRUE(test, back);
	KUNIT_EXPECT_FALSE(test, forced);
}

static struct kunit_case mem_reserve_watermark_cases[] = {
	KUNIT_CASE(wmark_connect_raises_disconnect_restores),
	KUNIT_CASE(wmark_survives_min_free_kbytes_write),
	KUNIT_CASE(wmark_increase_past_bound_is_enomem),
	KUNIT_CASE(wmark_atomic_cannot_eat_reserve),
	KUNIT_CASE(wmark_share_leaves_pcp_high_alone),
	KUNIT_CASE(wmark_no_watermarks_reaches_highatomic),
	KUNIT_CASE(wmark_normal_memory_hint),
	{}
};

static struct kunit_suite mem_reserve_watermark_suite = {
	.name = "mem_reserve_watermark",
	.test_cases = mem_reserve_watermark_cases,
};

kunit_test_suite(mem_reserve_watermark_suite);

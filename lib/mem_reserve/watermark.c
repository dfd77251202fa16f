// SPDX-License-Identifier: GPL-2.0
/*
 * Hold the root's page total below the min watermarks.
 *
 * mm/page_alloc.c (as converted by cocci/10-memalloc-watermark.cocci)
 * spreads memalloc_reserve_pages over the lowmem zones on top of the
 * min_free_kbytes share, and keeps that part out of the __GFP_HIGH,
 * non-blocking and OOM discounts: only ALLOC_NO_WATERMARKS allocations
 * (PF_MEMALLOC, __GFP_MEMALLOC) can take it. Every later recomputation of
 * the watermarks (hotplug, vm.min_free_kbytes, watermark_scale_factor,
 * khugepaged) includes it.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include "../../mm/internal.h"
#include "internal.h"

/*
 * The min watermarks, min_free_kbytes' part plus the reserves, may hold at
 * most this fraction of lowmem. Past it the machine would be reclaiming
 * all the time to keep free memory it is not allowed to use.
 */
#define MEM_RESERVE_MAX_LOWMEM_FRACTION	4

static unsigned long lowmem_managed_pages(void)
{
	unsigned long pages = 0;
	struct zone *zone;

	for_each_zone(zone) {
		if (!is_highmem(zone) && zone_idx(zone) != ZONE_MOVABLE)
			pages += zone_managed_pages(zone);
	}
	return pages;
}

/*
 * Move the reserved total by @pages. An increase that would take the min
 * watermarks past a quarter of lowmem fails with -ENOMEM; a decrease never
 * fails. Caller holds mem_reserve_mutex; may sleep (setup_per_zone_wmarks()
 * takes a mutex).
 */
int mem_reserve_watermark_adjust(long pages)
{
	unsigned long total = memalloc_reserve_pages + pages;
	unsigned long min_pages;
	struct zone *zone;

	lockdep_assert_held(&mem_reserve_mutex);
	might_sleep();
	if (pages < 0 && WARN_ON_ONCE(-pages > memalloc_reserve_pages))
		total = 0;
	if (pages > 0) {
		min_pages = (min_free_kbytes >> (PAGE_SHIFT - 10)) + total;
		if (min_pages > lowmem_managed_pages() /
				MEM_RESERVE_MAX_LOWMEM_FRACTION)
			return -ENOMEM;
	}

	WRITE_ONCE(memalloc_reserve_pages, total);
	setup_per_zone_wmarks();

	/* Have kswapd make the new reserve free before anyone needs it. */
	if (pages > 0) {
		for_each_populated_zone(zone)
			wakeup_kswapd(zone, GFP_KERNEL, 0, zone_idx(zone));
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/* Input for 10-memalloc-watermark.cocci: the shapes it converts. */
#include <linux/mm.h>
#include "internal.h"
#include "shuffle.h"

struct zone {
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;

	unsigned long nr_reserved_highatomic;
};

int min_free_kbytes = 1024;
int user_min_free_kbytes = -1;

bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags,
			 long free_pages)
{
	long min = mark;

	if (unlikely(alloc_flags & ALLOC_RESERVES)) {
		if (alloc_flags & ALLOC_MIN_RESERVE)
			min -= min / 2;
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
	}
	return free_pages > min;
}

static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone) {
		u64 tmp = pages_min;

		if (is_highmem(zone) || zone_idx(zone) == ZONE_MOVABLE)
			zone->_watermark[WMARK_MIN] = 32;
		else
			zone->_watermark[WMARK_MIN] = tmp;
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
	}
}

bool gfp_pfmemalloc_allowed(gfp_t gfp_mask);

bool gfp_pfmemalloc_allowed(gfp_t gfp_mask)
{
	return !!__gfp_pfmemalloc_flags(gfp_mask);
}

static inline bool boost_watermark(struct zone *zone)
{
	unsigned long max_boost;

	max_boost = mult_frac(zone->_watermark[WMARK_HIGH],
			      watermark_boost_factor, 10000);
	return max_boost != 0;
}

static struct page *rmqueue_buddy(struct zone *zone, unsigned int order,
				  unsigned int alloc_flags, int migratetype)
{
	struct page *page = NULL;

	if (!page) {
		page = __rmqueue(zone, order, migratetype, alloc_flags);
		if (!page && (alloc_flags & (ALLOC_OOM | ALLOC_NON_BLOCK)))
			page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	}
	return page;
}

static int zone_highsize(struct zone *zone, int batch, int cpu_online,
			 int high_fraction)
{
	unsigned long total_pages;

	if (!high_fraction)
		total_pages = low_wmark_pages(zone);
	else
		total_pages = zone_managed_pages(zone) / high_fraction;
	return total_pages;
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

void setup_per_zone_wmarks(void)
{
	__setup_per_zone_wmarks();
}

void kmem_cache_free(struct kmem_cache *s, void *x)
{
	slab_free(s, virt_to_slab(x), x, _RET_IP_);
}

__always_inline bool free_pages_prepare(struct page *page,
			unsigned int order)
{
	int bad = 0;

	trace_mm_page_free(page, order);
	kmsan_free_page(page, order);

	if (memcg_kmem_online() && PageMemcgKmem(page))
		__memcg_kmem_uncharge_page(page, order);

	return !bad;
}

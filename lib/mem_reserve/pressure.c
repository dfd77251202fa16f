// SPDX-License-Identifier: GPL-2.0
/*
 * Where memory stands, for consumers that decide by it. One that keeps an
 * object taken from the reserves in a cache (a route in the FIB) must give
 * its charge back some time; replacing the object while memory is still
 * short only takes another charge, and each lookup would then churn the
 * group. So it replaces the object once allocations without the reserves
 * can succeed again: mem_reserve_normal_memory(). One that bounds work in
 * flight charges only the work that will be built from the reserves:
 * mem_reserve_in_use().
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/topology.h>
#include <linux/vmstat.h>
#include "internal.h"

/*
 * Whether a zone that a GFP_KERNEL allocation from this CPU may fall back
 * to (the zonelist of numa_mem_id(), the node it allocates from: a
 * memoryless node's CPU allocates elsewhere) passes the watermark @wmark,
 * lowmem protection included. The allocator only takes the reserves when
 * every zone of that list fails its min watermark.
 */
static bool mem_reserve_zone_above(enum zone_watermarks wmark)
{
	int highest = gfp_zone(GFP_KERNEL);
	struct zoneref *z;
	struct zone *zone;

	if (mem_reserve_forcing_emergency())
		return false;
	for_each_zone_zonelist(zone, z, node_zonelist(numa_mem_id(), GFP_KERNEL),
			       highest) {
		/* as the allocator checks it: lowmem protection too */
		if (zone_watermark_ok(zone, 0, wmark_pages(zone, wmark),
				      highest, 0))
			return true;
	}
	return false;
}

/**
 * mem_reserve_normal_memory - whether allocations without the reserves
 *	are likely to succeed again
 *
 * A hint, racy by nature: true when a zone a GFP_KERNEL allocation from
 * this CPU may use passes its low watermark check, lowmem protection
 * included (the reserves lie below the min watermarks), and
 * no emergency is being forced for tests
 * (mem_reserve/fail_normal in debugfs). Any context.
 *
 * Return: true while normal memory is likely available.
 */
bool mem_reserve_normal_memory(void)
{
	return mem_reserve_zone_above(WMARK_LOW);
}
EXPORT_SYMBOL_GPL(mem_reserve_normal_memory);

/**
 * mem_reserve_in_use - whether entitled allocations now take the reserves
 *
 * A hint, racy by nature: true when no zone a GFP_KERNEL allocation from
 * this CPU may use passes its min watermark check, so that an allocation
 * of a PF_MEMALLOC or __GFP_MEMALLOC caller would be served from below
 * the min watermarks, or while an emergency is being
 * forced for tests. Any context.
 *
 * Return: true while the reserves are likely in use.
 */
bool mem_reserve_in_use(void)
{
	return !mem_reserve_zone_above(WMARK_MIN);
}
EXPORT_SYMBOL_GPL(mem_reserve_in_use);

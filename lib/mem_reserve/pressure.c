// SPDX-License-Identifier: GPL-2.0
/*
 * Whether normal memory is back. A consumer that keeps an object taken
 * from the reserves in a cache (a route in the FIB) must give its charge
 * back some time; replacing the object while memory is still short only
 * takes another charge, and each lookup would then churn the group. So it
 * replaces the object once allocations without the reserves can succeed
 * again, and this tells it when.
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/topology.h>
#include <linux/vmstat.h>
#include "internal.h"

/**
 * mem_reserve_normal_memory - whether allocations without the reserves
 *	are likely to succeed again
 *
 * A hint, racy by nature: true when a zone of the local node that a
 * GFP_KERNEL allocation may use passes its low watermark check, lowmem
 * protection included (the reserves lie below the min watermarks), and
 * no emergency is being forced for tests
 * (mem_reserve/fail_normal in debugfs). Any context.
 *
 * Return: true while normal memory is likely available.
 */
bool mem_reserve_normal_memory(void)
{
	pg_data_t *pgdat = NODE_DATA(numa_node_id());
	int highest = gfp_zone(GFP_KERNEL);
	int i;

	if (mem_reserve_forcing_emergency())
		return false;
	/* as a GFP_KERNEL allocation would see them: lowmem protection too */
	for (i = 0; i <= highest; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		if (populated_zone(zone) &&
		    zone_watermark_ok(zone, 0, low_wmark_pages(zone), highest, 0))
			return true;
	}
	return false;
}
EXPORT_SYMBOL_GPL(mem_reserve_normal_memory);

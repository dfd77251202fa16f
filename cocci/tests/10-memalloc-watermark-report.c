// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 10-memalloc-watermark.cocci's report, context and org modes:
 * allocations that ask for the reserves with __GFP_MEMALLOC through plain
 * allocators, and one that does not. Patch mode, tied to mm's watermark
 * code, leaves them alone.
 */
#include <linux/gfp.h>
#include <linux/slab.h>

struct page *rx_page(unsigned int order)
{
	return alloc_pages(GFP_ATOMIC | __GFP_COMP | __GFP_MEMALLOC, order);
}

void *rx_buf(size_t size, gfp_t gfp)
{
	return kmalloc(size, __GFP_MEMALLOC | gfp);
}

void *plain_buf(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Receive pages from the reserves charged to "RX pages": the pages of
 * driver rings (dev_alloc_pages() always asks for __GFP_MEMALLOC) and
 * the frags of receive skbs that __alloc_skb_with_frags() allocates (a
 * refill converted by cocci/60-rx-refill, kTLS's decryption target).
 * They are charged until the page allocator frees them
 * (mem_reserve_charge_page()): a page dropped at an ordinary socket gives
 * its charge back at once, one queued at a memalloc socket when it is read.
 *
 * A full group does not refuse the page. A ring refill that fails drops
 * the packets the ring would have held, memalloc sockets' among them,
 * where mainline would have served it; so a page that does not fit is
 * served uncounted, as in mainline.
 */
#include <linux/gfp.h>
#include <linux/skbuff.h>
#include "internal.h"

/**
 * __net_reserve_rx_page - charge a receive page from the reserves
 * @page: the first page, pfmemalloc
 * @order: the allocation's order
 *
 * net_reserve_rx_page() calls this for pages the reserves served.
 * Exported as dev_alloc_pages()'s own allocator is: every driver calls
 * it inline.
 *
 * Return: @page, charged until it is freed if "RX pages" has room.
 */
struct page *__net_reserve_rx_page(struct page *page, unsigned int order)
{
	mem_reserve_charge_page(&net_rx_page_reserve, page, order, _RET_IP_);
	return page;
}
EXPORT_SYMBOL(__net_reserve_rx_page);

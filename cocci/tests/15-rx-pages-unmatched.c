// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 15-rx-pages.cocci's report, context and org modes: a driver
 * that passes __GFP_MEMALLOC to its own helper, whose page allocation has
 * a shape the rule does not convert (an initializer), and to another
 * file's function. Both calls are listed; nothing is patched.
 */

static struct page *rx_alloc_page(struct rx_ring *ring, gfp_t gfp)
{
	struct page *page = alloc_page(gfp);

	return page;
}

static void rx_refill(struct rx_ring *ring)
{
	ring->buf[ring->prod] = rx_alloc_page(ring, GFP_ATOMIC | __GFP_MEMALLOC);
	other_file_refill(ring, __GFP_MEMALLOC | GFP_ATOMIC);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 15-rx-pages.cocci's report, context and org modes: a driver
 * that passes __GFP_MEMALLOC to its own refill helpers, which hand it
 * down to the page allocator, as mlx4 does, and one that asks a plain
 * allocator for it, which 10-memalloc-watermark reports instead.
 */

static int rx_alloc_page(struct rx_ring *ring, struct rx_buf *buf, gfp_t gfp)
{
	struct page *page;

	page = alloc_page(gfp);
	if (unlikely(!page))
		return -ENOMEM;
	buf->page = page;
	return 0;
}

static int rx_prepare_desc(struct rx_ring *ring, unsigned int index,
			   gfp_t gfp)
{
	return rx_alloc_page(ring, &ring->buf[index], gfp);
}

static void rx_refill(struct rx_ring *ring)
{
	do {
		if (rx_prepare_desc(ring, ring->prod, GFP_ATOMIC | __GFP_MEMALLOC))
			break;
		ring->prod++;
	} while (--missing);
}

static struct page *rx_page(void)
{
	return alloc_page(GFP_ATOMIC | __GFP_MEMALLOC);
}

static struct page *rx_dev_page(void)
{
	return dev_alloc_page();
}

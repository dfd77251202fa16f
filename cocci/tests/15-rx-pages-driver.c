// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 15-rx-pages.cocci: a driver whose spare-buffer refill passes
 * __GFP_MEMALLOC to its page helper, as funeth does; helpers of the same
 * file that are charged already, and must not be charged twice; and one
 * of a higher order, which is left alone.
 */

static int rx_alloc_page(struct rx_queue *q, struct rx_buf *rb, int node,
			 gfp_t gfp)
{
	struct page *p;

	p = __alloc_pages_node(node, gfp | __GFP_NOWARN, 0);
	if (unlikely(!p))
		return -ENOMEM;
	rb->page = p;
	rb->node = page_is_pfmemalloc(p) ? -1 : page_to_nid(p);
	return 0;
}

static int rx_alloc_page_charged(struct rx_queue *q, struct rx_buf *rb,
				 gfp_t gfp)
{
	struct page *p;

	p = alloc_page(gfp);
	net_reserve_rx_page(p, 0);
	if (unlikely(!p))
		return -ENOMEM;
	rb->page = p;
	return 0;
}

static int rx_alloc_pages_charged(struct rx_queue *q, struct rx_buf *rb,
				  gfp_t gfp)
{
	struct page *p;

	p = alloc_pages(gfp | __GFP_COMP, q->order);
	net_reserve_rx_page(p, q->order);
	if (unlikely(!p))
		return -ENOMEM;
	rb->page = p;
	return 0;
}

static int rx_alloc_pages(struct rx_queue *q, struct rx_buf *rb, gfp_t gfp)
{
	struct page *p;

	p = alloc_pages(gfp, q->order);
	if (unlikely(!p))
		return -ENOMEM;
	rb->page = p;
	return 0;
}

static void rx_gather(struct rx_queue *q)
{
	if (!q->spare_buf.page &&
	    rx_alloc_page(q, &q->spare_buf, numa_mem_id(),
			  GFP_ATOMIC | __GFP_MEMALLOC))
		q->ref_ok = 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 15-rx-pages.cocci: a page helper with a gfp_t parameter in a
 * file that asks no function of its own for __GFP_MEMALLOC: it only tests
 * the flag, and passes it to another file's function. Nothing changes.
 */

static int rx_alloc_page(struct rx_queue *q, struct rx_buf *rb, gfp_t gfp)
{
	struct page *p;

	WARN_ON_ONCE(gfp & __GFP_MEMALLOC);
	p = alloc_page(gfp);
	if (unlikely(!p))
		return -ENOMEM;
	rb->page = p;
	return 0;
}

static int rx_fill(struct rx_queue *q)
{
	other_file_refill(q, GFP_ATOMIC | __GFP_MEMALLOC);
	return rx_alloc_page(q, &q->buf[q->prod], GFP_ATOMIC);
}

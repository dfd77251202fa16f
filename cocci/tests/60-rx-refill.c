// SPDX-License-Identifier: GPL-2.0
/* Input for 60-rx-refill.cocci, run with -D rx_refill=prep_skb. */
#include <linux/netdevice.h>
#include <linux/skbuff.h>

static struct sk_buff *prep_skb(struct vector_private *vp, int linear, int len)
{
	struct sk_buff *result;
	struct page *page;
	int err;

	result = alloc_skb_with_frags(linear, len - vp->max_packet, 3, &err,
				      GFP_ATOMIC);
	if (!result)
		return NULL;
	page = alloc_pages(GFP_ATOMIC | __GFP_COMP, 2);
	if (vp->small)
		return alloc_skb(linear, GFP_ATOMIC);
	return result;
}

/* Not the refill: its allocations stay as they are. */
static int vector_open(struct vector_private *vp)
{
	vp->header = alloc_skb(vp->header_size, GFP_KERNEL);
	return vp->header ? 0 : -ENOMEM;
}

// SPDX-License-Identifier: GPL-2.0
/* Input for 60-rx-refill.cocci: a converted refill, nothing left to report. */
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/net_reserve.h>

static struct sk_buff *prep_skb(struct vector_private *vp, int linear, int len)
{
	struct sk_buff *result;
	struct page *page;
	int err;

	result = __alloc_skb_with_frags(linear, len - vp->max_packet, 3, &err,
					net_rx_refill_gfp(GFP_ATOMIC),
					net_rx_refill_skb_flags());
	if (!result)
		return NULL;
	page = alloc_pages(net_rx_refill_gfp(GFP_ATOMIC | __GFP_COMP), 2);
	if (vp->small)
		return __alloc_skb(linear, GFP_ATOMIC,
				   net_rx_refill_skb_flags(), NUMA_NO_NODE);
	return result;
}

/* Not the refill: its allocations stay as they are. */
static int vector_open(struct vector_private *vp)
{
	vp->header = alloc_skb(vp->header_size, GFP_KERNEL);
	return vp->header ? 0 : -ENOMEM;
}

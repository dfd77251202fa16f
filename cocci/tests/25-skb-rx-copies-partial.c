// SPDX-License-Identifier: GPL-2.0
/*
 * 25-skb-rx-copies.cocci on a reassembly converted in part: the direction
 * is kept and the unclone takes it, the split's allocation does not yet.
 * Only the allocation changes.
 */
#include <linux/skbuff.h>
#include <net/sock.h>
#include <net/net_reserve.h>
#include <net/inet_frag.h>

void *inet_frag_reasm_prepare(struct inet_frag_queue *q, struct sk_buff *skb,
			      struct sk_buff *parent)
{
	struct sk_buff *head = skb;
	struct sock *sk = skb->sk;
	int reserve_dir = SKB_ALLOC_RESERVE_RX;

	if (sk && is_skb_wmem(skb)) {
		skb->sk = NULL;
		reserve_dir = SKB_ALLOC_RESERVE_TX;
	}

	if (net_reserve_skb_unclone(head, GFP_ATOMIC, reserve_dir))
		return NULL;

	if (skb_has_frag_list(head)) {
		struct sk_buff *clone;

		clone = alloc_skb(0, GFP_ATOMIC);
		if (!clone)
			return NULL;
		skb_shinfo(clone)->frag_list = skb_shinfo(head)->frag_list;
		skb_frag_list_init(head);
	}
	return head;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * 25-skb-rx-copies.cocci on other partial states: a reassembly that
 * declares the direction but never sets it to transmit, with its unclone
 * left as it was, gets the transmit answer and the unclone, and no second
 * declaration; a queue function that tests the fragment's owner but
 * allocates nothing gets no direction at all.
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
		/* TX: skb->sk moves to the reassembled skb */
		skb->sk = NULL;
	}

	if (skb_unclone(head, GFP_ATOMIC))
		return NULL;

	if (skb_has_frag_list(head)) {
		struct sk_buff *clone;

		clone = __alloc_skb(0, GFP_ATOMIC, reserve_dir, NUMA_NO_NODE);
		if (!clone)
			return NULL;
		skb_shinfo(clone)->frag_list = skb_shinfo(head)->frag_list;
		skb_frag_list_init(head);
	}
	return head;
}

bool inet_frag_owned(struct inet_frag_queue *q, struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	if (sk && is_skb_wmem(skb)) {
		skb->sk = NULL;
		return true;
	}
	return false;
}

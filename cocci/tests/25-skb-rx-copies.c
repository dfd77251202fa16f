// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 25-skb-rx-copies.cocci: the receive sites of 6.12 that make
 * transmit heads, which it converts (reassembly, collapse, strparser,
 * kTLS), and a transmit one that must stay as it is (IP fragmentation's
 * copy, which takes no skb queue).
 */
#include <linux/skbuff.h>
#include <net/sock.h>
#include <net/inet_frag.h>

void *inet_frag_reasm_prepare(struct inet_frag_queue *q, struct sk_buff *skb,
			      struct sk_buff *parent)
{
	struct sk_buff *head = skb;
	struct sock *sk = skb->sk;

	if (sk && is_skb_wmem(skb)) {
		/* TX: skb->sk moves to the reassembled skb */
		skb->sk = NULL;
	}

	if (skb_unclone(head, GFP_ATOMIC))
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

static void
tcp_collapse(struct sock *sk, struct sk_buff_head *list, struct rb_root *root,
	     struct sk_buff *head, struct sk_buff *tail, u32 start, u32 end)
{
	struct sk_buff *skb = head;

	while (before(start, end)) {
		int copy = min_t(int, SKB_MAX_ORDER(0, 0), end - start);
		struct sk_buff *nskb;

		nskb = alloc_skb(copy, GFP_ATOMIC);
		if (!nskb)
			break;

		__skb_queue_before(list, skb, nskb);
		while (copy > 0) {
			int offset = start - TCP_SKB_CB(skb)->seq;
			int size = min(copy, TCP_SKB_CB(skb)->end_seq - start);

			if (size > 0) {
				if (skb_copy_bits(skb, offset, skb_put(nskb, size), size))
					break;
				copy -= size;
				start += size;
			}
		}
	}
}

struct sk_buff *ip_frag_next(struct sk_buff *skb, struct ip_frag_state *state)
{
	unsigned int len = state->left;
	struct sk_buff *skb2;

	skb2 = alloc_skb(len + state->hlen + state->ll_rs, GFP_ATOMIC);
	if (!skb2)
		return ERR_PTR(-ENOMEM);
	if (skb_copy_bits(skb, state->ptr, skb_put(skb2, len), len))
		return ERR_PTR(-EFAULT);
	return skb2;
}

struct sk_buff *alloc_skb_for_msg(struct sk_buff *first)
{
	struct sk_buff *n;

	n = alloc_skb(0, GFP_ATOMIC);
	if (!n)
		return NULL;

	n->len = first->len;
	n->data_len = first->len;
	n->truesize = first->truesize;

	skb_shinfo(n)->frag_list = first;
	return n;
}

static struct sk_buff *
tls_strp_skb_copy(struct tls_strparser *strp, struct sk_buff *in_skb,
		  int offset, int len)
{
	struct sk_buff *skb;
	int i, err;

	skb = alloc_skb_with_frags(0, len, TLS_PAGE_ORDER,
				   &err, strp->sk->sk_allocation);
	if (!skb)
		return NULL;

	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		skb_frag_t *frag = &skb_shinfo(skb)->frags[i];

		WARN_ON_ONCE(skb_copy_bits(in_skb, offset,
					   skb_frag_address(frag),
					   skb_frag_size(frag)));
		offset += skb_frag_size(frag);
	}
	return skb;
}

static struct sk_buff *
tls_alloc_clrtxt_skb(struct sock *sk, struct sk_buff *skb,
		     unsigned int full_len)
{
	struct sk_buff *clr_skb;
	int err;

	clr_skb = alloc_skb_with_frags(0, full_len, TLS_PAGE_ORDER,
				       &err, sk->sk_allocation);
	if (!clr_skb)
		return NULL;

	skb_copy_header(clr_skb, skb);
	return clr_skb;
}

int tls_strp_msg_hold(struct tls_strparser *strp, struct sk_buff_head *dst)
{
	struct sk_buff *skb;

	skb = alloc_skb(0, strp->sk->sk_allocation);
	if (!skb)
		return -ENOMEM;

	__skb_queue_tail(dst, strp->anchor);
	strp->anchor = skb;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 45-tx-pages.cocci: sock.c's refill of a socket's page
 * fragment, the refills past it (TCP Fast Open's, MPTCP's, in another
 * socket's name), and what is not a socket's refill: fixed flags (ESP),
 * and a field of the same name in another structure.
 */
#include <net/sock.h>

struct sk_alloc_hint {
	gfp_t sk_allocation;
};

bool skb_page_frag_refill(unsigned int sz, struct page_frag *pfrag, gfp_t gfp)
{
	pfrag->page = alloc_page(gfp);
	return pfrag->page;
}

bool sk_page_frag_refill(struct sock *sk, struct page_frag *pfrag)
{
	if (likely(skb_page_frag_refill(32U, pfrag, sk->sk_allocation)))
		return true;

	sk_enter_memory_pressure(sk);
	sk_stream_moderate_sndbuf(sk);
	return false;
}

static int send_syn_data(struct sock *sk, struct page_frag *pfrag, int space)
{
	if (space &&
	    !skb_page_frag_refill(min_t(size_t, space, PAGE_SIZE),
				  pfrag, sk->sk_allocation))
		return -ENOMEM;
	return 0;
}

static bool msk_frag_refill(struct mptcp_sock *msk, struct page_frag *pfrag)
{
	struct sock *ssk = (struct sock *)msk;

	if (likely(skb_page_frag_refill(32U + sizeof(struct mptcp_data_frag),
					pfrag, ssk->sk_allocation)))
		return true;
	return false;
}

static int esp_output_pages(struct page_frag *pfrag, unsigned int allocsize)
{
	if (unlikely(!skb_page_frag_refill(allocsize, pfrag, GFP_ATOMIC)))
		return -ENOMEM;
	return 0;
}

static bool hinted_refill(struct sk_alloc_hint *hint, struct page_frag *pfrag)
{
	return skb_page_frag_refill(64, pfrag, hint->sk_allocation);
}

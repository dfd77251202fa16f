// SPDX-License-Identifier: GPL-2.0
/* Input for 45-tx-pages.cocci: sock.c's refill of a socket's page fragment. */
#include <net/sock.h>

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

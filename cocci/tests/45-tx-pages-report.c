// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 45-tx-pages.cocci's report, context and org modes: kTLS
 * offload's refill with the socket's flags, still to convert; one through
 * a struct socket, which spatch cannot type without the headers, listed
 * too but left to convert by hand; one with fixed flags (ESP), which is
 * not a socket's; and the helper's own refill, where the charge is made.
 */
#include <net/sock.h>

static int tls_fill_prepend(struct sock *sk, struct page_frag *pfrag,
			    unsigned int prepend_size)
{
	if (unlikely(!skb_page_frag_refill(prepend_size, pfrag,
					   sk->sk_allocation)))
		return -ENOMEM;
	return 0;
}

static bool socket_refill(struct socket *sock, struct page_frag *pfrag)
{
	return skb_page_frag_refill(32U, pfrag, sock->sk->sk_allocation);
}

static int esp_output_pages(struct page_frag *pfrag, unsigned int allocsize)
{
	if (unlikely(!skb_page_frag_refill(allocsize, pfrag, GFP_ATOMIC)))
		return -ENOMEM;
	return 0;
}

bool __net_reserve_frag_refill(unsigned int sz, struct page_frag *pfrag,
			       struct sock *sk, unsigned long caller)
{
	if (!skb_page_frag_refill(sz, pfrag, sk->sk_allocation))
		return false;
	return true;
}

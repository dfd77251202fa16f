// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 45-tx-pages.cocci's report, context and org modes: kTLS
 * offload's refill with the socket's flags, past sk_page_frag_refill(),
 * and one with fixed flags (ESP), which is not a socket's.
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

static int esp_output_pages(struct page_frag *pfrag, unsigned int allocsize)
{
	if (unlikely(!skb_page_frag_refill(allocsize, pfrag, GFP_ATOMIC)))
		return -ENOMEM;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 45-tx-pages.cocci: a file with no refill of a socket's
 * fragment (ESP's, with fixed flags, and a task's) is left as it is, the
 * header not added either.
 */
#include <net/sock.h>
#include <net/tcp.h>

static int esp_output_pages(struct page_frag *pfrag, unsigned int allocsize)
{
	if (unlikely(!skb_page_frag_refill(allocsize, pfrag, GFP_ATOMIC)))
		return -ENOMEM;
	return 0;
}

static bool task_refill(struct page_frag *pfrag)
{
	return skb_page_frag_refill(32U, pfrag, GFP_KERNEL);
}

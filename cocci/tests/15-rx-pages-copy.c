// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 15-rx-pages.cocci: kTLS's stream parser entering copy mode
 * (tls_strp_read_copy() in 6.12), whose pages take the socket's flags.
 */

static int tls_strp_read_copy(struct tls_strparser *strp, bool qshort)
{
	struct skb_shared_info *shinfo;
	struct page *page;
	int need_spc, len;

	shinfo = skb_shinfo(strp->anchor);
	need_spc = strp->stm.full_len ?: TLS_MAX_PAYLOAD_SIZE + PAGE_SIZE;

	for (len = need_spc; len > 0; len -= PAGE_SIZE) {
		page = alloc_page(strp->sk->sk_allocation);
		if (!page) {
			tls_strp_flush_anchor_copy(strp);
			return -ENOMEM;
		}

		skb_fill_page_desc(strp->anchor, shinfo->nr_frags++,
				   page, 0, 0);
	}
	return 0;
}

/* Another socket's page into an skb: reported, not converted */
static int sk_copy_page(struct sock *sk, struct sk_buff *skb)
{
	struct page *page;

	page = alloc_page(sk->sk_allocation);
	if (!page)
		return -ENOMEM;
	skb_fill_page_desc(skb, 0, page, 0, 0);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Pages from the reserves, charged until the page allocator frees them
 * (mem_reserve_charge_page()), by direction:
 * - "RX pages": the pages of driver rings (dev_alloc_pages() always asks
 *   for __GFP_MEMALLOC) and the frags of receive skbs that
 *   __alloc_skb_with_frags() allocates (a refill converted by
 *   cocci/60-rx-refill, kTLS's decryption target). A page dropped at an
 *   ordinary socket gives its charge back at once, one queued at a
 *   memalloc socket when it is read.
 * - "TX pages": a memalloc socket's own page fragment (sk->sk_frag), which
 *   its sends copy their payload into. The socket reuses a page it holds
 *   alone for as long as it lives, so once normal memory is back such a
 *   page is replaced; otherwise it is freed when the socket has moved on
 *   to another page and the skbs holding it are acknowledged.
 *
 * A full group does not refuse the page. A ring refill that fails drops
 * the packets the ring would have held, memalloc sockets' among them,
 * and a send that fails waits for memory, where mainline would have
 * served both; so a page that does not fit is served uncounted, as in
 * mainline. Transmit is bounded per socket by its send buffer anyway.
 */
#include <linux/gfp.h>
#include <linux/skbuff.h>
#include "internal.h"

/**
 * __net_reserve_rx_page - charge a receive page from the reserves
 * @page: the first page, pfmemalloc
 * @order: the allocation's order
 *
 * net_reserve_rx_page() calls this for pages the reserves served.
 * Exported as dev_alloc_pages()'s own allocator is: every driver calls
 * it inline.
 *
 * The page is charged until it is freed if "RX pages" has room, and
 * served either way.
 */
void __net_reserve_rx_page(struct page *page, unsigned int order)
{
	mem_reserve_charge_page(&net_rx_page_reserve, page, order, _RET_IP_);
}
EXPORT_SYMBOL(__net_reserve_rx_page);

/*
 * With normal memory back, swap @pfrag's page for a new one, if that is
 * not from the reserves too: a socket reuses a page it holds alone for
 * as long as it lives, so its charge would last as long as the socket.
 * The old page goes only once the new one is there, so the send is never
 * worse off than with mainline's reuse.
 */
static void net_reserve_frag_renew(unsigned int sz, struct page_frag *pfrag,
				   struct sock *sk)
{
	struct page_frag fresh = {};

	if (!skb_page_frag_refill(sz, &fresh, sk->sk_allocation))
		return;
	if (page_is_pfmemalloc(fresh.page)) {
		put_page(fresh.page);
		return;
	}
	put_page(pfrag->page);
	*pfrag = fresh;
}

/**
 * __net_reserve_frag_refill - refill a memalloc socket's own fragment
 * @sz: the bytes it needs at least
 * @pfrag: &@sk->sk_frag
 * @sk: the socket, SOCK_MEMALLOC
 * @caller: the address the charge is traced to
 *
 * net_reserve_frag_refill() for a memalloc socket. A page from the
 * reserves is charged to "TX pages" when the socket takes it (a new page,
 * or one it reuses, which only it holds then), once: the page allocator's
 * free gives the charge back. Called under the socket's lock, as the
 * fragment is used.
 *
 * Return: true if @pfrag has room for @sz bytes.
 */
bool __net_reserve_frag_refill(unsigned int sz, struct page_frag *pfrag,
			       struct sock *sk, unsigned long caller)
{
	struct page *page = pfrag->page;

	if (page && unlikely(page_is_pfmemalloc(page)) &&
	    page_ref_count(page) == 1 && mem_reserve_normal_memory())
		net_reserve_frag_renew(sz, pfrag, sk);
	if (!skb_page_frag_refill(sz, pfrag, sk->sk_allocation))
		return false;
	/* taken now, and the socket's alone: no skb holds it yet */
	if (!pfrag->offset && unlikely(page_is_pfmemalloc(pfrag->page)))
		mem_reserve_charge_page(&net_tx_page_reserve, pfrag->page,
					compound_order(pfrag->page), caller);
	return true;
}
EXPORT_SYMBOL_GPL(__net_reserve_frag_refill);

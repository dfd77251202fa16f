// SPDX-License-Identifier: GPL-2.0-only
/// Let a driver's receive ring refill use the emergency reserves while a
/// SOCK_MEMALLOC socket exists, as __netdev_alloc_skb(), napi_alloc_skb()
/// and dev_alloc_pages() do.
///
/// A driver that refills with plain alloc_skb*() or alloc_pages() gets no
/// buffer once free memory is under the atomic watermark, and the reply
/// that would let a swap write complete is never received. The raised
/// watermark of a connected network reserve puts that point higher than
/// in mainline, so such a driver is worse off with the reserve unless its
/// refill is converted. Name the refill function with
/// -D rx_refill=<function>. Its skb allocations become __alloc_skb() and
/// __alloc_skb_with_frags() (cocci/20-skb-heads) with
/// net_rx_refill_skb_flags(), SKB_ALLOC_RX, the flag of the driver
/// allocators: the head may use the reserves and is a receive head,
/// charged to the SKB data reserve, not to the TX reserve where heads
/// without the flag go. Its page allocations, frags
/// included, get net_rx_refill_gfp(); such pages are marked pfmemalloc,
/// so ordinary sockets drop what came from the reserves.
///
/// Report mode lists the allocations in the named function that do not
/// use the reserves yet.
//
// Files: arch/um/drivers/vector_kern.c
// Confidence: High
// Options: --no-includes -D rx_refill=prep_skb

virtual patch
virtual context
virtual org
virtual report

@refill depends on patch@
identifier virtual.rx_refill;
expression E1, E2, E3, E4, G;
@@
rx_refill(...)
{
<...
(
-alloc_skb_with_frags(E1, E2, E3, E4, G)
+__alloc_skb_with_frags(E1, E2, E3, E4, net_rx_refill_gfp(G),
+		       net_rx_refill_skb_flags())
|
-alloc_skb(E1, G)
+__alloc_skb(E1, G, net_rx_refill_skb_flags(), NUMA_NO_NODE)
|
 alloc_pages(net_rx_refill_gfp(G), E1)
|
 alloc_pages(
-G
+net_rx_refill_gfp(G)
 , E1)
|
 alloc_page(net_rx_refill_gfp(G))
|
 alloc_page(
-G
+net_rx_refill_gfp(G)
 )
)
...>
}

@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && refill && !has_include@
@@
#include <linux/skbuff.h>
+#include <net/net_reserve.h>

@converted_site depends on context || report || org exists@
identifier virtual.rx_refill;
expression list es;
expression G;
position p;
@@
rx_refill(...)
{
... when any
(
 alloc_pages@p(net_rx_refill_gfp(G), es)
|
 alloc_page@p(net_rx_refill_gfp(G))
)
... when any
}

@unconverted depends on context || report || org exists@
identifier virtual.rx_refill;
identifier alloc = {alloc_skb_with_frags, alloc_skb, alloc_pages, alloc_page};
expression list es;
position p != converted_site.p;
@@
rx_refill(...)
{
... when any
 alloc@p(es)
... when any
}

@depends on context@
identifier virtual.rx_refill;
identifier alloc = {alloc_skb_with_frags, alloc_skb, alloc_pages, alloc_page};
expression list es;
position unconverted.p;
@@
*alloc@p(es)

@script:python depends on report@
p << unconverted.p;
@@
for q in p:
	coccilib.report.print_report(q, "receive buffer without the emergency reserves: __alloc_skb*() with net_rx_refill_skb_flags() for a skb, net_rx_refill_gfp() for pages")

@script:python depends on org@
p << unconverted.p;
@@
for q in p:
	coccilib.org.print_todo(q, "receive buffer without the emergency reserves")

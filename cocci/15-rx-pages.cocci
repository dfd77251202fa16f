// SPDX-License-Identifier: GPL-2.0-only
/// Charge a network driver's receive pages that came from the emergency
/// reserves to "RX pages", until the page allocator frees them.
///
/// dev_alloc_pages() always asks for __GFP_MEMALLOC, so under pressure
/// every page-based driver refills its ring from the reserves, for any
/// traffic, and 64 call sites in 6.12's drivers/net take what they get,
/// uncounted. The page goes into an skb's frags or becomes a build_skb()
/// head; GRO and TCP coalescing move it to other skbs, and the last
/// reference may be dropped anywhere. So __dev_alloc_pages() hands a
/// pfmemalloc page to net_reserve_rx_page(), which charges it through
/// mem_reserve_charge_page(): the page allocator's free gives the charge
/// back (cocci/10-memalloc-watermark). A page that does not fit is served
/// uncounted, as in mainline: a refill that failed would drop packets.
/// The helper is in skbuff.h, before the library in the series, because
/// __alloc_skb_with_frags() (cocci/20-skb-heads) charges its receive
/// frags with it too.
///
/// Two drivers in 6.12, mlx4 and funeth, pass __GFP_MEMALLOC to their own
/// refill helpers, which hand it down to alloc_page() or
/// __alloc_pages_node(). In a file that passes __GFP_MEMALLOC to a
/// function defined in that file, an order-0 page allocated from a
/// function's gfp_t parameter is charged the same way. The gfp reaches
/// the allocator through up to three calls (mlx4), which a rule cannot
/// follow, so this is a rule about the file: a page helper of the same
/// file that is not for receive would be charged as a receive page (none
/// in 6.12). A page is charged only if it is pfmemalloc, so a page the
/// same helper allocates for ring set-up costs one test.
///
/// Report mode lists those page allocations that are not charged yet,
/// and the __GFP_MEMALLOC calls of a file where no allocation of that
/// shape was found, charged or not.
//
// Files: include/linux/skbuff.h drivers/net/ethernet/mellanox/mlx4/en_rx.c drivers/net/ethernet/fungible/funeth/funeth_rx.c net/tls/tls_strp.c
// Confidence: Moderate
// Options: --include-headers --no-includes

virtual patch
virtual context
virtual org
virtual report

@has_charge@
expression page, order;
@@
net_reserve_rx_page(page, order)

// The helper goes before the allocator; skbuff.h may not include
// net/net_reserve.h, which includes it.
@helper depends on patch && !has_charge@
@@
napi_alloc_frag_align(...)
{
...
}
+
+void __net_reserve_rx_page(struct page *page, unsigned int order);
+
+/* Charge a receive page the reserves served until its free (net_reserve) */
+static inline void net_reserve_rx_page(struct page *page, unsigned int order)
+{
+	if (!IS_ENABLED(CONFIG_NET_MEM_RESERVE) || !page)
+		return;
+	if (unlikely(page_is_pfmemalloc(page)))
+		__net_reserve_rx_page(page, order);
+}

@rx_page depends on patch && helper@
typedef gfp_t;
identifier gfp_mask, order;
@@
__dev_alloc_pages_noprof(gfp_t gfp_mask, unsigned int order)
{
+	struct page *page;
+
	...
-	return alloc_pages_node_noprof(NUMA_NO_NODE, gfp_mask, order);
+	page = alloc_pages_node_noprof(NUMA_NO_NODE, gfp_mask, order);
+	net_reserve_rx_page(page, order);
+	return page;
}

// kTLS's stream parser copies a record that arrives in parts, while the
// receive buffer is short or the window closed (copy mode), into pages
// it allocates with its socket's sk_allocation: a memalloc socket's
// (sunrpc over TLS) carries __GFP_MEMALLOC. The pages hold received data
// until the record has been read, so they are receive pages too.
@charged_copy_page@
struct tls_strparser *strp;
expression page;
position p;
@@
page = alloc_page@p(strp->sk->sk_allocation);
net_reserve_rx_page(page, 0);

@copy_page depends on patch@
struct tls_strparser *strp;
expression page;
position p != charged_copy_page.p;
@@
page = alloc_page@p(strp->sk->sk_allocation);
+net_reserve_rx_page(page, 0);

// Report, context and org: a page allocated with a socket's flags and
// put in an skb's frags. On a memalloc socket's receive path it holds
// received data from the reserves; elsewhere it is a candidate to look
// at, not a fault.
@sk_page depends on report || org || context exists@
expression page, E, skb, i, off, size;
position p != charged_copy_page.p;
@@
page = alloc_page@p(\(E->sk_allocation\|E.sk_allocation\));
... when != net_reserve_rx_page(page, 0)
skb_fill_page_desc(skb, i, page, off, size);

@depends on context@
expression page;
position sk_page.p;
@@
* page = alloc_page@p(...);

@script:python depends on report@
p << sk_page.p;
@@
coccilib.report.print_report(p[0], "page allocated with a socket's flags into an skb: a memalloc socket's comes from the reserves; on receive, charge it with net_reserve_rx_page()")

@script:python depends on org@
p << sk_page.p;
@@
coccilib.org.print_todo(p[0], "page allocated with a socket's flags into an skb, charged to no group")

// A driver's own refill helper passed __GFP_MEMALLOC (mlx4, funeth in
// 6.12). The plain allocators with __GFP_MEMALLOC are what
// cocci/10-memalloc-watermark reports.
@memalloc_helper@
identifier f != {kmalloc, kmalloc_node, kzalloc, kzalloc_node, kcalloc,
		 kmalloc_array, kmalloc_node_track_caller, kmem_cache_alloc,
		 kmem_cache_alloc_node, kmem_cache_zalloc, alloc_page,
		 alloc_pages, alloc_pages_node, __alloc_pages,
		 __alloc_pages_node, __get_free_page, __get_free_pages,
		 folio_alloc, __dev_alloc_pages, alloc_skb, __alloc_skb,
		 page_frag_alloc, mempool_alloc};
expression E;
position p;
@@
(
f@p(..., __GFP_MEMALLOC, ...)
|
f@p(..., <+... E | __GFP_MEMALLOC ...+>, ...)
|
f@p(..., <+... __GFP_MEMALLOC | E ...+>, ...)
)

// ... defined in the same file: a call to another file's function does
// not make the file's page helpers receive ones. (A test of the flag,
// "gfp & __GFP_MEMALLOC", is no request for it.)
@own_helper@
identifier memalloc_helper.f;
@@
f(...) { ... }

// Per site: an allocation already followed by its charge.
@charged_helper_page@
expression page, order;
position p;
@@
(
page = alloc_page@p(...);
|
page = alloc_pages@p(...);
|
page = alloc_pages_node@p(...);
|
page = __alloc_pages_node@p(...);
)
net_reserve_rx_page(page, order);

// Order 0 only: a higher order that is not a compound page could not be
// charged as one (mem_reserve_charge_page()).
@helper_page depends on own_helper@
typedef gfp_t;
identifier fn, gfp;
expression page, nid;
position p != charged_helper_page.p;
@@
fn(..., gfp_t gfp, ...)
{
<+...
(
page = alloc_page@p(<+... gfp ...+>);
|
page = alloc_pages@p(<+... gfp ...+>, 0);
|
page = alloc_pages_node@p(nid, <+... gfp ...+>, 0);
|
page = __alloc_pages_node@p(nid, <+... gfp ...+>, 0);
)
...+>
}

@depends on patch@
expression page;
position helper_page.p;
@@
 page = \(alloc_page@p\|alloc_pages@p\|alloc_pages_node@p\|__alloc_pages_node@p\)(...);
+net_reserve_rx_page(page, 0);

@depends on context@
expression page;
position helper_page.p;
@@
* page = \(alloc_page@p\|alloc_pages@p\|alloc_pages_node@p\|__alloc_pages_node@p\)(...);

@script:python depends on report@
p << helper_page.p;
fn << helper_page.fn;
@@
coccilib.report.print_report(p[0], "%s() allocates with a gfp that gets __GFP_MEMALLOC: its page is charged to no group; add net_reserve_rx_page()" % fn)

@script:python depends on org@
p << helper_page.p;
fn << helper_page.fn;
@@
coccilib.org.print_todo(p[0], "%s(): receive page from the reserves charged to no group" % fn)

// A file that passes __GFP_MEMALLOC to a helper but has no page
// allocation the rules above charge or find charged: its pages come from
// an allocation of another shape, or of another file.
@depends on context && !helper_page && !charged_helper_page@
identifier memalloc_helper.f;
position memalloc_helper.p;
@@
* f@p(...)

@script:python depends on report && !helper_page && !charged_helper_page@
p << memalloc_helper.p;
f << memalloc_helper.f;
@@
coccilib.report.print_report(p[0], "%s() gets __GFP_MEMALLOC: its receive pages are charged to no group; allocate them with dev_alloc_pages() or charge them with net_reserve_rx_page()" % f)

@script:python depends on org && !helper_page && !charged_helper_page@
p << memalloc_helper.p;
f << memalloc_helper.f;
@@
coccilib.org.print_todo(p[0], "%s() gets __GFP_MEMALLOC: receive pages charged to no group" % f)

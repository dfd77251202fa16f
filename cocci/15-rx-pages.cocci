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
/// Report mode lists the calls that pass __GFP_MEMALLOC to a driver's own
/// buffer helper, whose pages stay uncharged.
//
// Files: include/linux/skbuff.h
// Confidence: High
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

// Report, context and org: a driver's own receive buffer helpers that are
// passed __GFP_MEMALLOC (mlx4, funeth in 6.12). Their pages come from the
// reserves like dev_alloc_pages()'s and are charged to no group. The
// plain allocators with __GFP_MEMALLOC are what
// cocci/10-memalloc-watermark reports.
@memalloc_helper depends on report || org || context@
identifier f != {kmalloc, kmalloc_node, kzalloc, kzalloc_node, kcalloc,
		 kmalloc_array, kmalloc_node_track_caller, kmem_cache_alloc,
		 kmem_cache_alloc_node, kmem_cache_zalloc, alloc_page,
		 alloc_pages, alloc_pages_node, __alloc_pages,
		 __alloc_pages_node, __get_free_page, __get_free_pages,
		 folio_alloc, __dev_alloc_pages, alloc_skb, __alloc_skb,
		 page_frag_alloc, mempool_alloc};
position p;
@@
f@p(..., <+... __GFP_MEMALLOC ...+>, ...)

@depends on context@
identifier memalloc_helper.f;
position memalloc_helper.p;
@@
* f@p(...)

@script:python depends on report@
p << memalloc_helper.p;
f << memalloc_helper.f;
@@
coccilib.report.print_report(p[0], "%s() gets __GFP_MEMALLOC: its receive pages are charged to no group; allocate them with dev_alloc_pages()" % f)

@script:python depends on org@
p << memalloc_helper.p;
f << memalloc_helper.f;
@@
coccilib.org.print_todo(p[0], "%s() gets __GFP_MEMALLOC: receive pages charged to no group" % f)

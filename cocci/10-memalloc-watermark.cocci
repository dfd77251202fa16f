// SPDX-License-Identifier: GPL-2.0-only
/// Hold the mem_reserve total below the min watermark of every lowmem
/// zone, where only ALLOC_NO_WATERMARKS allocations (PF_MEMALLOC,
/// __GFP_MEMALLOC) can reach it.
///
/// A plain min_free_kbytes raise is not enough: __GFP_HIGH, non-blocking
/// and OOM allocations may go below the min watermark by a fraction of it,
/// so they would eat memory promised to the reserves; and
/// calculate_min_free_kbytes() rewrites min_free_kbytes on hotplug and
/// from khugepaged. Instead the reserve is an additive term, spread over
/// the lowmem zones like min_free_kbytes, recorded per zone, and kept out
/// of the discounts in __zone_watermark_ok(). Every recomputation of the
/// watermarks (boot, hotplug, the min_free_kbytes and
/// watermark_scale_factor sysctls, khugepaged) picks it up.
///
/// Two small functions (declared in mem_reserve.h) give the reserve
/// wrappers what they need of mm without its internal headers:
/// gfp_no_watermarks_allowed() whether an allocation gets
/// ALLOC_NO_WATERMARKS, as opposed to an OOM victim's partial access, and
/// slab_obj_pfmemalloc() whether a slab object lies in a slab made from
/// the reserves (SLUB's fast path hands those out without a check); and
/// kmem_cache_geometry() the real order and capacity of a cache's
/// slabs, and kmem_cache_cpu_slabs() how many of them a CPU keeps, for
/// sizing. The page allocator's free gives back the charge of pages
/// charged until their free (mem_reserve_page_free()).
//
// Files: include/linux/mmzone.h mm/page_alloc.c mm/slab_common.c mm/slub.c
// Confidence: High
// Options: --include-headers --smpl-spacing

virtual patch
virtual context
virtual org
virtual report

@has_field@
@@
struct zone {
	...
	unsigned long memalloc_reserve;
	...
};

@zone_field depends on patch && !has_field@
@@
struct zone {
	...
	unsigned long watermark_boost;
+	/* Part of WMARK_MIN only ALLOC_NO_WATERMARKS may use (mem_reserve) */
+	unsigned long memalloc_reserve;
	...
};

@has_hook@
@@
zone_set_memalloc_reserve(...) { ... }

@reserve_total depends on patch && !has_hook@
identifier min_free =~ "^min_free_kbytes$";
@@
int min_free = ...;
+/* Pages held for mem_reserve, spread over the lowmem zones' min watermarks */
+unsigned long memalloc_reserve_pages;
+/* The lowmem pages they were last spread over */
+static unsigned long memalloc_reserve_lowmem;

@has_include@
@@
#include <linux/mem_reserve.h>

@zone_share depends on patch && !has_hook@
typedef u64;
@@
+/*
+ * Give @zone its part of memalloc_reserve_pages, in proportion to its size
+ * like pages_min, on top of its min watermark. Highmem and movable zones
+ * get none: ALLOC_NO_WATERMARKS users rarely need their pages.
+ */
+static void zone_set_memalloc_reserve(struct zone *zone, unsigned long lowmem)
+{
+	unsigned long total = READ_ONCE(memalloc_reserve_pages);
+	u64 share = 0;
+
+	if (!is_highmem(zone) && zone_idx(zone) != ZONE_MOVABLE)
+		share = div64_ul((u64)total * zone_managed_pages(zone), lowmem);
+	WRITE_ONCE(zone->memalloc_reserve, share);
+	zone->_watermark[WMARK_MIN] += share;
+	/* what memalloc_reserve_adjust() bounds the total by */
+	WRITE_ONCE(memalloc_reserve_lowmem, lowmem);
+}
+
__setup_per_zone_wmarks(...)
{
<...
if (is_highmem(zone) || zone_idx(zone) == ZONE_MOVABLE) {
	...
} else {
	...
}
+zone_set_memalloc_reserve(zone, lowmem_pages);
...>
}

@no_discount depends on patch && !has_hook@
@@
__zone_watermark_ok(struct zone *z, ..., unsigned int alloc_flags, ...)
{
<...
if (unlikely(alloc_flags & ALLOC_RESERVES)) {
+	/* The discounts must not reach the ALLOC_NO_WATERMARKS share */
+	long memalloc = READ_ONCE(z->memalloc_reserve);
+
+	if (memalloc > min)
+		memalloc = min;
+	min -= memalloc;
	...
+	min += memalloc;
}
...>
}

@has_nowmark@
@@
gfp_no_watermarks_allowed(...) { ... }

// Exported for the inline wrappers of mem_reserve.h, which make
// skbuff.c's two attempts in modules (sunrpc) when the library is not
// built.
@nowmark depends on patch && !has_nowmark@
typedef bool, gfp_t;
declarer name EXPORT_SYMBOL_GPL;
@@
bool gfp_pfmemalloc_allowed(gfp_t gfp_mask)
{
...
}
+EXPORT_SYMBOL_GPL(gfp_pfmemalloc_allowed);
+
+/* Whether @gfp_mask gets ALLOC_NO_WATERMARKS, not only ALLOC_OOM */
+bool gfp_no_watermarks_allowed(gfp_t gfp_mask)
+{
+	return __gfp_pfmemalloc_flags(gfp_mask) == ALLOC_NO_WATERMARKS;
+}

// The share must be there for ALLOC_NO_WATERMARKS whatever else is free:
// when the other free lists are empty, it may take the highatomic
// pageblocks, as OOM victims and non-blocking allocations already may.
@has_highatomic@
expression page, flags, zone, order, M;
@@
if (!page && (flags & ALLOC_NO_WATERMARKS))
	page = __rmqueue_smallest(zone, order, M);

@highatomic depends on patch && !has_highatomic@
expression page, flags, zone, order, M;
@@
 if (!page && (flags & (ALLOC_OOM|ALLOC_NON_BLOCK)))
 page = __rmqueue_smallest(zone, order, M);
+if (!page && (flags & ALLOC_NO_WATERMARKS))
+	page = __rmqueue_smallest(zone, order, M);

// The share costs only its size: the per-CPU list high marks and the
// watermark boost are sized from the watermarks without it.
@pcp_high depends on patch@
identifier total;
expression zone;
@@
zone_highsize(...)
{
<...
-total = low_wmark_pages(zone);
+total = low_wmark_pages(zone) - zone->memalloc_reserve;
...>
}

@has_boost@
identifier max_boost;
expression zone, factor;
@@
max_boost -= mult_frac(zone->memalloc_reserve, factor, 10000)

@boost depends on patch && !has_boost@
identifier max_boost;
expression zone, factor;
@@
boost_watermark(...)
{
<...
 max_boost = mult_frac(zone->_watermark[WMARK_HIGH], factor, 10000);
+max_boost -= mult_frac(zone->memalloc_reserve, factor, 10000);
...>
}

@has_objpf@
@@
slab_obj_pfmemalloc(...) { ... }

@objpf depends on patch && !has_objpf@
typedef bool;
@@
+/* Whether @obj, from the slab allocator, lies in a slab made from the reserves */
+bool slab_obj_pfmemalloc(const void *obj)
+{
+	struct slab *slab;
+
+	if (ZERO_OR_NULL_PTR(obj))
+		return false;
+	slab = virt_to_slab(obj);
+	return slab && slab_test_pfmemalloc(slab);
+}
+
unsigned int kmem_cache_size(struct kmem_cache *s)
{
...
}

// The adjustment and its policy live with the watermarks they move.
@has_adjust@
@@
memalloc_reserve_adjust(...) { ... }

@adjust depends on patch && !has_adjust@
@@
void setup_per_zone_wmarks(void)
{
...
}
+/*
+ * Move memalloc_reserve_pages by @pages and recompute the watermarks. The
+ * min watermarks, min_free_kbytes' part plus the reserves, may hold at
+ * most a quarter of lowmem: past that the machine would reclaim all the
+ * time to keep free memory it may not use, so such an increase fails with
+ * -ENOMEM and changes nothing. A decrease never fails. The caller
+ * (mem_reserve) serialises calls, and wakes kswapd after an increase;
+ * may sleep.
+ */
+int memalloc_reserve_adjust(long pages)
+{
+	unsigned long min_pages = min_free_kbytes >> (PAGE_SHIFT - 10);
+	unsigned long total;
+
+	might_sleep();
+	if (pages < 0 && WARN_ON_ONCE(-pages > memalloc_reserve_pages))
+		pages = -(long)memalloc_reserve_pages;
+	total = memalloc_reserve_pages + pages;
+	if (pages > 0 && min_pages + total > READ_ONCE(memalloc_reserve_lowmem) / 4)
+		return -ENOMEM;
+	WRITE_ONCE(memalloc_reserve_pages, total);
+	setup_per_zone_wmarks();
+	return 0;
+}
+

@has_geometry@
@@
kmem_cache_geometry(...) { ... }

@geometry depends on patch && !has_geometry@
typedef bool;
@@
+/*
+ * The order of @s's slabs and the objects one holds, for reserve sizing:
+ * the order SLUB tries first, or with @least the least order, which it
+ * falls back to when the first fails, as it often does under pressure.
+ */
+void kmem_cache_geometry(struct kmem_cache *s, bool least, unsigned int *order, unsigned int *nr)
+{
+	struct kmem_cache_order_objects oo = least ? s->min : s->oo;
+
+	*order = oo_order(oo);
+	*nr = oo_objects(oo);
+}
+
+/*
+ * The slabs of @s one CPU may hold partly used, for reserve sizing: the
+ * one it allocates from and those on its per-CPU partial list, which
+ * only that CPU allocates from.
+ */
+unsigned int kmem_cache_cpu_slabs(struct kmem_cache *s)
+{
+	return 1 + slub_get_cpu_partial(s);
+}
+
void kmem_cache_free(struct kmem_cache *s, void *x)
{
...
}

// Pages charged until their free (mem_reserve_charge_page(), a network
// driver's receive pages) are uncharged by the page allocator, where every
// free passes, next to memcg's uncharge of kernel pages.
@has_page_free@
expression page, order;
@@
mem_reserve_page_free(page, order);

@page_free depends on patch && !has_page_free@
expression page, order;
@@
free_pages_prepare(...)
{
<...
 if (memcg_kmem_online() && PageMemcgKmem(page))
	__memcg_kmem_uncharge_page(page, order);
+mem_reserve_page_free(page, order);
...>
}

// The header, in the files this script changed and only there.
@reserve_include depends on patch && !has_include &&
	(reserve_total || zone_share || no_discount || nowmark || highatomic ||
	 pcp_high || boost || objpf || adjust || geometry || page_free)@
@@
#include "internal.h"
+#include <linux/mem_reserve.h>

// Report, context and org: allocations that ask for the reserves by
// __GFP_MEMALLOC through a plain allocator. The watermarks now hold memory
// back for reserve groups; such an allocation takes from it charged to
// none, bounded by nothing. The wrappers (kmalloc_reserve() and friends)
// charge a group; dev_alloc_pages() charges its pages itself
// (cocci/15-rx-pages).

@memalloc_plain depends on report || org@
identifier alloc = {kmalloc, kmalloc_node, kzalloc, kzalloc_node, kcalloc,
		    kmalloc_array, kmalloc_node_track_caller, kmem_cache_alloc,
		    kmem_cache_alloc_node, kmem_cache_zalloc, alloc_page,
		    alloc_pages, alloc_pages_node, __alloc_pages,
		    __alloc_pages_node, __get_free_page, __get_free_pages,
		    folio_alloc, alloc_skb, __alloc_skb,
		    page_frag_alloc, mempool_alloc};
position p;
@@
alloc@p(..., <+... __GFP_MEMALLOC ...+>, ...)

@depends on context@
identifier alloc = {kmalloc, kmalloc_node, kzalloc, kzalloc_node, kcalloc,
		    kmalloc_array, kmalloc_node_track_caller, kmem_cache_alloc,
		    kmem_cache_alloc_node, kmem_cache_zalloc, alloc_page,
		    alloc_pages, alloc_pages_node, __alloc_pages,
		    __alloc_pages_node, __get_free_page, __get_free_pages,
		    folio_alloc, alloc_skb, __alloc_skb,
		    page_frag_alloc, mempool_alloc};
@@
* alloc(..., <+... __GFP_MEMALLOC ...+>, ...)

@script:python depends on report@
p << memalloc_plain.p;
@@
coccilib.report.print_report(p[0], "__GFP_MEMALLOC allocation charged to no reserve group: kmalloc_reserve() and friends bound it")

@script:python depends on org@
p << memalloc_plain.p;
@@
coccilib.org.print_todo(p[0], "__GFP_MEMALLOC allocation charged to no reserve group")

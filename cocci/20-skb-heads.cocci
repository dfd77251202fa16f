// SPDX-License-Identifier: GPL-2.0-only
/// Charge receive skb heads that dip into the emergency reserves to the
/// SKB data reserve, and uncharge each head exactly once, where its last
/// reference frees it.
///
/// skbuff.c's private kmalloc_reserve() is renamed skb_kmalloc_reserve(),
/// since the framework's kmalloc_reserve() now shares its namespace, and
/// its two-step "normal, then pfmemalloc" attempts become the network
/// reserve's head allocators, which charge the second attempt and report
/// two things: pfmemalloc as before (the attempt with the reserves served
/// the head: skb->pfmemalloc, which sockets without SOCK_MEMALLOC drop),
/// and charged (give the charge back at the free). They differ for a head
/// the first attempt got from a slab made from the reserves: charged while
/// the reserve has room, yet not pfmemalloc, so that an ordinary socket
/// keeps it as in mainline. skb_kmalloc_reserve() gains a "charged"
/// result. Whether a head is charged is recorded in its shared info
/// (SKBFL_RESERVE), which clones share and the head's free reads; the
/// callers that copy shared info into a new head (pskb_expand_head, the
/// carve helpers) set the mark for the new head after the copy.
/// __alloc_skb() charges the sk_buff it made with a charged head when it
/// lies in a slab made from the reserves (SKBFL_RESERVE_SKB), so that the
/// head's free gives both back.
///
/// Heads are charged by direction. Receive heads, those the driver
/// allocators ask for with SKB_ALLOC_RX and the copies of receive skbs, go
/// to the SKB data reserve; every other head, on its way out, to the TX
/// reserve, so that a transmit queue stuck at its limit cannot take the
/// room receive needs. skb_kmalloc_reserve() takes the direction from its
/// callers: __alloc_skb() from its flags, the head expansion and carve
/// helpers from the skb they give a new head (net_reserve_skb_tx()).
/// skb_alloc_rx_flag(), which asks for SKB_ALLOC_RX for the copy of any
/// pfmemalloc skb, adds the direction of the head copied
/// (SKB_ALLOC_RESERVE_TX or SKB_ALLOC_RESERVE_RX) for every copy, and
/// alloc_skb_with_frags() becomes __alloc_skb_with_frags() with the head's
/// flags, which a driver's receive refill sets (cocci/60-rx-refill); the
/// frags of such a receive skb are charged as receive pages until their
/// free, as dev_alloc_pages()'s are (cocci/15-rx-pages).
///
/// Page-fragment heads can be stolen into another skb's frags (GRO,
/// skb_try_coalesce) and freed with no skb in sight, so they cannot be
/// charged. While a SOCK_MEMALLOC socket exists (the only time receive
/// heads may use the reserves) __netdev_alloc_skb() and napi_alloc_skb()
/// keep their fragment cache off the reserves (net_reserve_frag_gfp()),
/// and a head that cache cannot serve with normal memory comes from their
/// slab-head path instead (net_reserve_frag_head_needs_slab()): charged when
/// the network reserve is connected, counted without a limit while it is
/// not. With normal memory the fragment heads stay, as in mainline.
//
// Files: net/core/skbuff.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

// Each site carries its own guard: the rename and every replacement are
// matched by the shape they replace, and each addition by its position or
// by what it adds, so a file converted in part is finished, and a second
// application changes nothing. "renamed" says the private allocator is
// (or just became) skb_kmalloc_reserve(), which the other rules need.

@converted@
@@
skb_kmalloc_reserve(...) { ... }

@rename depends on patch@
identifier size, flags, node, pfmemalloc;
@@
static void *
-kmalloc_reserve(unsigned int *size, gfp_t flags, int node, bool *pfmemalloc)
+skb_kmalloc_reserve(unsigned int *size, gfp_t flags, int node, bool tx,
+		    bool *pfmemalloc, u8 *reserve)
{
...
}

@calls depends on patch && (rename || converted)@
expression size, flags, node, pfmemalloc;
@@
-kmalloc_reserve(size, flags, node, pfmemalloc)
+skb_kmalloc_reserve(size, flags, node, pfmemalloc)

@charged_done depends on patch@
@@
skb_kmalloc_reserve(...)
{
 <+... net_reserve_skb_head_flags(...) ...+>
}

@charged_result depends on patch && (rename || converted) && !charged_done@
identifier ret, pfmemalloc;
symbol tx, false;
@@
skb_kmalloc_reserve(...)
{
 bool ret = false;
+bool head_charged = false;
 ...
 if (pfmemalloc)
 	*pfmemalloc = ret;
+ *reserve = net_reserve_skb_head_flags(head_charged, tx);
 ...
}

@small_head depends on patch && (charged_result || charged_done)@
identifier obj, ret, size, out;
expression cache, flags, node, E;
symbol true;
@@
skb_kmalloc_reserve(...)
{
<...
-obj = kmem_cache_alloc_node(cache, flags | __GFP_NOMEMALLOC | __GFP_NOWARN, node);
+obj = net_reserve_skb_cache_alloc(cache, flags, node, tx, &ret, &head_charged);
 *size = E;
-if (obj || !(gfp_pfmemalloc_allowed(flags)))
-	goto out;
-ret = true;
-obj = kmem_cache_alloc_node(cache, flags, node);
 goto out;
...>
}

@large_head depends on patch && (charged_result || charged_done)@
identifier obj, ret, out;
expression obj_size, flags, node;
symbol true;
@@
skb_kmalloc_reserve(...)
{
<...
-obj = kmalloc_node_track_caller(obj_size, flags | __GFP_NOMEMALLOC | __GFP_NOWARN, node);
+obj = net_reserve_skb_kmalloc(obj_size, flags, node, tx, &ret, &head_charged);
-if (obj || !(gfp_pfmemalloc_allowed(flags)))
-	goto out;
-ret = true;
-obj = kmalloc_node_track_caller(obj_size, flags, node);
...>
}

@new_skb_mark depends on patch && (rename || converted)@
identifier fn, pfmemalloc, size_arg, gfp_arg, flags, node_arg;
expression skb, data, size, gfp, node;
@@
fn(unsigned int size_arg, gfp_t gfp_arg, int flags, int node_arg)
{
+u8 head_reserve;
...
data = skb_kmalloc_reserve(&size, gfp, node,
+net_reserve_skb_alloc_tx(flags),
 &pfmemalloc
+, &head_reserve
 );
...
skb->pfmemalloc = pfmemalloc;
+net_reserve_skb_head_mark(skb_shinfo(skb), head_reserve);
...
}

// The sk_buff is charged with a charged head (before the mark is set), in
// a file converted before this rule existed too: a position guard, from
// the rule right before its user.
@struct_marked depends on patch@
expression skb;
identifier flags;
position p;
@@
head_reserve = net_reserve_skb_struct_mark(skb, flags, head_reserve);
net_reserve_skb_head_mark@p(skb_shinfo(skb), head_reserve);

@struct_mark depends on patch && (rename || converted)@
identifier fn, size_arg, gfp_arg, flags, node_arg;
expression skb;
position p != struct_marked.p;
@@
fn(unsigned int size_arg, gfp_t gfp_arg, int flags, int node_arg)
{
...
+head_reserve = net_reserve_skb_struct_mark(skb, flags, head_reserve);
net_reserve_skb_head_mark@p(skb_shinfo(skb), head_reserve);
...
}

@copied_head_mark depends on patch && (rename || converted)@
identifier fn, data, size, skb;
expression gfp, node;
@@
fn(..., struct sk_buff *skb, ...)
{
+u8 head_reserve;
...
data = skb_kmalloc_reserve(&size, gfp, node,
+net_reserve_skb_tx(skb),
 NULL
+, &head_reserve
 );
...
memcpy((struct skb_shared_info *)(data + size), ...);
+net_reserve_skb_head_mark((struct skb_shared_info *)(data + size),
+			  head_reserve);
...
}

@head_free depends on patch && (rename || converted)@
identifier head, end_offset;
@@
static void skb_kfree_head(void *head, unsigned int end_offset)
{
-kfree(head);
+net_reserve_skb_head_free(head, end_offset);
}

// A driver allocator's page-fragment head is normal memory while memalloc
// sockets exist: its attempt may not refill the fragment cache from the
// reserves. One it cannot serve that way, or that a forced emergency
// fails, becomes a slab head, which may use the reserves and be charged.
@frag_heads depends on patch && (rename || converted)@
identifier fn, fail, ok;
expression E, skb, len, gfp, flags, node, G;
@@
fn(...)
{
<+...
 if (E || (G & (__GFP_DIRECT_RECLAIM | GFP_DMA))) {
 skb = __alloc_skb(len, gfp, flags, node);
 if (!skb)
 	goto fail;
 goto ok;
 }
...+>
}

@frag_gfp depends on patch && frag_heads@
identifier frag_heads.fn;
expression frag_heads.gfp;
expression nc, size;
@@
fn(...)
{
<...
(
 page_frag_alloc(nc, size,
-gfp
+net_reserve_frag_gfp(gfp)
 )
|
 page_frag_alloc_1k(nc,
-gfp
+net_reserve_frag_gfp(gfp)
 )
)
...>
}

@fallback_done depends on patch && frag_heads@
identifier frag_heads.fn;
identifier data;
statement S1, S2;
position p;
@@
fn(...)
{
<...
 if (net_reserve_frag_head_needs_slab(...)) S1
 if@p (unlikely(!data)) S2
...>
}

@frag_fallback depends on patch && frag_heads@
identifier frag_heads.fn, frag_heads.fail, frag_heads.ok;
expression frag_heads.skb, frag_heads.len, frag_heads.gfp, frag_heads.flags;
identifier data, pfm;
position p != fallback_done.p;
@@
fn(...)
{
...
bool pfm;
...
+if (net_reserve_frag_head_needs_slab(data, pfm, len)) {
+	skb = net_reserve_skb_slab_head(data, SKB_WITH_OVERHEAD(len), gfp, flags);
+	if (!skb)
+		goto fail;
+	goto ok;
+}
 if@p (unlikely(!data))
 	return NULL;
...
}

// A copy of a pfmemalloc skb may use the reserves, as in mainline; any
// copy is charged in the direction of the head it copies.
@copy_direction depends on patch && (rename || converted)@
identifier skb;
@@
skb_alloc_rx_flag(const struct sk_buff *skb)
{
 if (skb_pfmemalloc(skb))
-	return SKB_ALLOC_RX;
-return 0;
+	return SKB_ALLOC_RX | net_reserve_skb_copy_flag(skb);
+return net_reserve_skb_copy_flag(skb);
}

// alloc_skb_with_frags() with the head's __alloc_skb() flags, for the
// receive refills of cocci/60-rx-refill. The function becomes
// __alloc_skb_with_frags(), under a kernel-doc of its own; its old
// kernel-doc stays where it was, above alloc_skb_with_frags(), now a
// wrapper that passes no flags. The export is renamed first, so that the
// wrapper's own export is not renamed with it.
@with_frags_done depends on patch@
@@
__alloc_skb_with_frags(...) {...}

@with_frags_old depends on patch && (rename || converted) && !with_frags_done@
identifier header_len, data_len, order, errcode, gfp_mask;
@@
struct sk_buff *alloc_skb_with_frags(unsigned long header_len, unsigned long data_len, int order, int *errcode, gfp_t gfp_mask)
{
<+...
alloc_skb(header_len, gfp_mask)
...+>
}

@with_frags_export depends on patch && with_frags_old@
declarer name EXPORT_SYMBOL;
@@
-EXPORT_SYMBOL(alloc_skb_with_frags);
+EXPORT_SYMBOL(__alloc_skb_with_frags);

@with_frags depends on patch && with_frags_export@
identifier header_len, data_len, order, errcode, gfp_mask;
@@
-struct sk_buff *alloc_skb_with_frags(unsigned long header_len, unsigned long data_len, int order, int *errcode, gfp_t gfp_mask)
+struct sk_buff *alloc_skb_with_frags(unsigned long header_len,
+				     unsigned long data_len, int order,
+				     int *errcode, gfp_t gfp_mask)
+{
+	return __alloc_skb_with_frags(header_len, data_len, order, errcode,
+				      gfp_mask, 0);
+}
+EXPORT_SYMBOL(alloc_skb_with_frags);
+
+/**
+ * __alloc_skb_with_frags - allocate skb with page frags, with head flags
+ * @header_len: size of linear part
+ * @data_len: needed length in frags
+ * @order: max page order desired
+ * @errcode: pointer to error code if any
+ * @gfp_mask: allocation mask
+ * @flags: __alloc_skb() flags for the head: SKB_ALLOC_RX for a driver's
+ *	receive refill, SKB_ALLOC_RESERVE_RX for a copy of received data,
+ *	either of which makes it a receive head; alloc_skb_with_frags()
+ *	passes none, a transmit head when it comes from the reserves
+ *
+ * Return: the skb, or NULL with *@errcode set.
+ */
+struct sk_buff *__alloc_skb_with_frags(unsigned long header_len,
+				       unsigned long data_len, int order,
+				       int *errcode, gfp_t gfp_mask, int flags)
{
...
-alloc_skb(header_len, gfp_mask)
+__alloc_skb(header_len, gfp_mask, flags, NUMA_NO_NODE)
...
}

// The frags of a receive skb __alloc_skb_with_frags() makes (a driver's
// refill, kTLS's decryption target) are receive pages: those the reserves
// served are charged until their free, as dev_alloc_pages()'s are
// (net_reserve_rx_page(), cocci/15-rx-pages).
@with_frags_pages_done depends on patch@
identifier flags;
@@
__alloc_skb_with_frags(..., int flags)
{
<+... net_reserve_rx_page(...) ...+>
}

@with_frags_pages depends on patch && !with_frags_pages_done@
identifier header_len, data_len, order, errcode, gfp_mask, flags, page;
expression skb, i, off, size;
@@
__alloc_skb_with_frags(unsigned long header_len, unsigned long data_len, int order, int *errcode, gfp_t gfp_mask, int flags)
{
<...
+if (!net_reserve_skb_alloc_tx(flags))
+	net_reserve_rx_page(page, order);
 skb_fill_page_desc(skb, i, page, off, size);
...>
}

// pskb_expand_head() with the new head's direction, for the receive
// sites whose skb says nothing of it (cocci/25-skb-rx-copies). As
// alloc_skb_with_frags() above: the function becomes __pskb_expand_head()
// with a flag for the direction, and pskb_expand_head() keeps its
// kernel-doc as a wrapper that passes the direction of the skb's head.
@expand_done depends on patch@
@@
__pskb_expand_head(...) {...}

@expand_old depends on patch && !expand_done@
identifier skb, nhead, ntail, gfp_mask;
@@
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail, gfp_t gfp_mask)
{
<+...
net_reserve_skb_tx(skb)
...+>
}

@expand_export depends on patch && expand_old@
declarer name EXPORT_SYMBOL;
@@
-EXPORT_SYMBOL(pskb_expand_head);
+EXPORT_SYMBOL(__pskb_expand_head);

@expand depends on patch && expand_export@
identifier skb, nhead, ntail, gfp_mask;
@@
-int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail, gfp_t gfp_mask)
+int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail,
+		     gfp_t gfp_mask)
+{
+	return __pskb_expand_head(skb, nhead, ntail, gfp_mask,
+				  net_reserve_skb_copy_flag(skb));
+}
+EXPORT_SYMBOL(pskb_expand_head);
+
+/**
+ * __pskb_expand_head - reallocate header of &sk_buff, in a direction
+ * @skb: buffer to reallocate
+ * @nhead: room to add at head
+ * @ntail: room to add at tail
+ * @gfp_mask: allocation priority
+ * @flags: SKB_ALLOC_RESERVE_TX or SKB_ALLOC_RESERVE_RX, the reserve the
+ *	new head is charged to if it dips into the reserves;
+ *	pskb_expand_head() passes the direction of @skb's head
+ *	(net_reserve_skb_copy_flag())
+ *
+ * As pskb_expand_head(), for a caller that knows better than @skb's head
+ * where the new head goes, such as IP reassembly's unclone of a first
+ * fragment (net_reserve_skb_unclone()).
+ *
+ * Return: 0, or -ENOMEM if the new head could not be allocated or the
+ * frags of a cloned @skb could not be orphaned.
+ */
+int __pskb_expand_head(struct sk_buff *skb, int nhead, int ntail,
+		       gfp_t gfp_mask, int flags)
{
...
-net_reserve_skb_tx(skb)
+net_reserve_skb_alloc_tx(flags)
...
}

// Other subsystems: an open-coded "normal attempt, then the reserves"
// fallback is a candidate for the mem_reserve wrappers.

@depends on context@
expression gfp;
@@
* gfp_pfmemalloc_allowed(gfp)

@fallback depends on report || org@
expression gfp;
position p;
@@
gfp_pfmemalloc_allowed@p(gfp)

@script:python depends on report@
p << fallback.p;
@@
coccilib.report.print_report(p[0], "open-coded fallback on the emergency reserves: kmalloc_reserve() and friends charge it to a reserve group")

@script:python depends on org@
p << fallback.p;
@@
coccilib.org.print_todo(p[0], "open-coded fallback on the emergency reserves")

// The header, in the files this script changed and only there, once.
@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && !has_include &&
	(rename || calls || charged_result || small_head || large_head ||
	 new_skb_mark || struct_mark || copied_head_mark || head_free ||
	 frag_gfp || frag_fallback || copy_direction || with_frags_export ||
	 expand_export)@
@@
#include <net/sock.h>
+#include <net/net_reserve.h>

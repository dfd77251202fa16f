// SPDX-License-Identifier: GPL-2.0-only
/// Charge a transmit skb's clone that lies in a slab made from the
/// emergency reserves to the TX reserve, until the clone is freed.
///
/// skb_clone() takes a plain sk_buff from skbuff_cache when the skb has
/// no free fclone companion: a packet tap's copy of what a device sends,
/// a bridge's or a bond's broadcast, TCP's clone of an skb that is not an
/// fclone. It allocates with the caller's flags, plus __GFP_MEMALLOC for
/// a pfmemalloc skb, so for a memalloc socket's sends under pressure the
/// clone comes from the reserves, charged to no group. The head's shared
/// info counts one sk_buff at most, and the clone may outlive the head or
/// go before it, so the clone keeps a charge of its own: skb_clone()
/// marks a clone of a transmit head charged to the TX reserve
/// SKB_FCLONE_RESERVE_TX when net_reserve_skb_clone_mark() charged it,
/// the one value of sk_buff::fclone skbuff.h leaves free. Every path that
/// would recycle or bulk-free a plain sk_buff tests for
/// SKB_FCLONE_UNAVAILABLE first and sends any other to kfree_skbmem(),
/// which gives the charge back (net_reserve_skb_clone_free()) before its
/// switch, whose default branch would take the clone for an fclone
/// companion. The mark is added only in a file whose free handles it.
///
/// Report mode lists clones from skbuff_cache that are not charged, and
/// frees of plain sk_buffs that do not give a clone's charge back.
//
// Files: net/core/skbuff.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

// kfree_skbmem()'s free of a plain sk_buff, in its switch on fclone.
@plain_free@
identifier skb;
symbol net_hotdata;
position p;
@@
switch (skb->fclone) {
case SKB_FCLONE_UNAVAILABLE:
	kmem_cache_free@p(net_hotdata.skbuff_cache, skb);
	return;
...
}

// The same, a marked clone given back first: a position guard per site.
@freed@
identifier skb;
symbol net_hotdata;
position p;
@@
if (unlikely(skb->fclone == SKB_FCLONE_RESERVE_TX)) {
	net_reserve_skb_clone_free(net_hotdata.skbuff_cache, skb);
	return;
}
switch (skb->fclone) {
case SKB_FCLONE_UNAVAILABLE:
	kmem_cache_free@p(net_hotdata.skbuff_cache, skb);
	return;
...
}

// The free of a released sk_buff whose head went elsewhere, through
// kfree_skbmem(), where the file has one. Any other free of a plain
// sk_buff is only reported: it may free one whose fclone is not set yet.
@other_free depends on patch && plain_free@
symbol net_hotdata;
expression skb;
position p != plain_free.p;
@@
 skb_release_head_state(skb);
-kmem_cache_free@p(net_hotdata.skbuff_cache, skb);
+kfree_skbmem(skb);

@free depends on patch@
identifier skb;
symbol net_hotdata;
position p != freed.p;
@@
+if (unlikely(skb->fclone == SKB_FCLONE_RESERVE_TX)) {
+	net_reserve_skb_clone_free(net_hotdata.skbuff_cache, skb);
+	return;
+}
switch (skb->fclone) {
case SKB_FCLONE_UNAVAILABLE:
	kmem_cache_free@p(net_hotdata.skbuff_cache, skb);
	return;
...
}

// The NAPI cache's put: a marked clone is freed, not recycled. A
// position guard per site.
@napi_guarded@
identifier fn, skb;
symbol net_hotdata;
position p;
@@
fn(struct sk_buff *skb)
{
	...
	if (unlikely(skb->fclone == SKB_FCLONE_RESERVE_TX)) {
		net_reserve_skb_clone_free(net_hotdata.skbuff_cache, skb);
		return;
	}
	if (!kasan_mempool_poison_object@p(skb))
		return;
	...
}

@napi_put depends on patch && plain_free@
identifier fn, skb;
expression nc, i;
symbol net_hotdata;
position p != napi_guarded.p;
@@
fn(struct sk_buff *skb)
{
	...
+	if (unlikely(skb->fclone == SKB_FCLONE_RESERVE_TX)) {
+		net_reserve_skb_clone_free(net_hotdata.skbuff_cache, skb);
+		return;
+	}
	if (!kasan_mempool_poison_object@p(skb))
		return;
	...
	nc->skb_cache[i] = skb;
	...
}

// The charge, once the clone is marked as a plain sk_buff; only where
// kfree_skbmem() and the NAPI cache handle the mark. A position guard
// per site.
@marked@
symbol net_hotdata;
struct sk_buff *n;
expression gfp;
position p;
@@
n = kmem_cache_alloc@p(net_hotdata.skbuff_cache, gfp);
...
n->fclone = SKB_FCLONE_UNAVAILABLE;
if (net_reserve_skb_clone_mark(n, ...))
	n->fclone = SKB_FCLONE_RESERVE_TX;

@mark depends on patch && (free || freed) && (napi_put || napi_guarded)@
symbol net_hotdata;
struct sk_buff *n;
struct sk_buff *skb;
expression gfp;
position p != marked.p;
@@
n = kmem_cache_alloc@p(net_hotdata.skbuff_cache, gfp);
...
n->fclone = SKB_FCLONE_UNAVAILABLE;
+if (net_reserve_skb_clone_mark(n, skb))
+	n->fclone = SKB_FCLONE_RESERVE_TX;
...
return __skb_clone(n, skb);

// Report, context and org.
@unmarked depends on report || org || context@
symbol net_hotdata;
struct sk_buff *n;
struct sk_buff *skb;
expression gfp;
position p != marked.p;
@@
n = kmem_cache_alloc@p(net_hotdata.skbuff_cache, gfp);
...
return __skb_clone(n, skb);

@unfreed depends on report || org || context@
symbol net_hotdata;
position p != freed.p;
expression skb;
@@
kmem_cache_free@p(net_hotdata.skbuff_cache, skb)

@unguarded depends on report || org || context@
identifier fn, skb;
expression nc, i;
position p != napi_guarded.p;
@@
fn(struct sk_buff *skb)
{
	...
	if (!kasan_mempool_poison_object@p(skb))
		return;
	...
	nc->skb_cache[i] = skb;
	...
}

@unbulked depends on report || org || context@
identifier fn, skb;
expression sa, i;
position p;
@@
fn(..., struct sk_buff *skb, ...)
{
	... when != skb->fclone
	sa->skb_array[i] = skb@p;
	...
}

@depends on context@
symbol net_hotdata;
position unmarked.p;
expression gfp;
@@
* kmem_cache_alloc@p(net_hotdata.skbuff_cache, gfp)

@depends on context@
symbol net_hotdata;
position unfreed.p;
expression skb;
@@
* kmem_cache_free@p(net_hotdata.skbuff_cache, skb)

@depends on context@
identifier skb;
position unbulked.p;
expression sa, i;
@@
* sa->skb_array[i] = skb@p;

@depends on context@
position unguarded.p;
expression skb;
@@
* kasan_mempool_poison_object@p(skb)

@script:python depends on report@
p << unmarked.p;
@@
coccilib.report.print_report(p[0], "a clone from skbuff_cache without net_reserve_skb_clone_mark(): from the reserves, charged to no group")

@script:python depends on report@
p << unfreed.p;
@@
coccilib.report.print_report(p[0], "a plain sk_buff freed without net_reserve_skb_clone_free(): a clone's charge never given back")

@script:python depends on report@
p << unguarded.p;
@@
coccilib.report.print_report(p[0], "a plain sk_buff put in the NAPI cache without net_reserve_skb_clone_free(): a clone's charge never given back")

@script:python depends on report@
p << unbulked.p;
@@
coccilib.report.print_report(p[0], "a plain sk_buff kept for a bulk free without a test of its fclone: a clone's charge never given back")

@script:python depends on org@
p << unmarked.p;
@@
coccilib.org.print_todo(p[0], "a clone from skbuff_cache without net_reserve_skb_clone_mark()")

@script:python depends on org@
p << unfreed.p;
@@
coccilib.org.print_todo(p[0], "a plain sk_buff freed without net_reserve_skb_clone_free()")

@script:python depends on org@
p << unguarded.p;
@@
coccilib.org.print_todo(p[0], "a plain sk_buff put in the NAPI cache without net_reserve_skb_clone_free()")

@script:python depends on org@
p << unbulked.p;
@@
coccilib.org.print_todo(p[0], "a plain sk_buff kept for a bulk free without a test of its fclone")

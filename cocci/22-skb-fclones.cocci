// SPDX-License-Identifier: GPL-2.0-only
/// Charge a transmit fclone pair that lies in a slab made from the
/// emergency reserves to its head's network group, until the pair is
/// freed.
///
/// TCP allocates each skb it sends as an fclone pair
/// (skbuff_fclone_cache: the skb, its companion clone and their
/// reference count), with the socket's flags: for a memalloc socket,
/// from the reserves under pressure, and charged to no group. The head's
/// free, which gives back a plain sk_buff's charge with the head's
/// (SKBFL_RESERVE_SKB), cannot tell a pair from a plain sk_buff, and the
/// pair may outlive the head's last reference or be freed before it, so
/// the pair keeps a charge of its own: struct sk_buff_fclones gains a
/// byte, in the padding after fclone_ref, for the SKBFL_RESERVE* bits of
/// the group it is charged to. __alloc_skb() charges the pair with a
/// charged head, whose bits it reads (net_reserve_skb_fclone_mark()), and
/// kfree_skbmem()'s free of the pair gives it back
/// (net_reserve_skb_fclone_free(), which takes kmem_cache_free()'s
/// arguments). The free is converted only in a file whose pairs are
/// charged, so that it never reads a byte no one set.
///
/// Report mode lists frees of an fclone pair that do not give a charge
/// back, and initialisations of a pair that do not charge it.
//
// Files: include/linux/skbuff.h net/core/skbuff.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

// The field: matched by what it adds, so it is added once.
@field_added depends on patch@
@@
struct sk_buff_fclones {
	...
	u8 reserve;
	...
};

@add_field depends on patch && !field_added@
@@
struct sk_buff_fclones {
	...
	refcount_t	fclone_ref;
+	/* the SKBFL_RESERVE* bits of a pair charged to a network group */
+	u8		reserve;
};

// The charge, once the pair's reference count is set: the head is marked
// by then, and net_reserve_skb_fclone_mark() reads its bits. A position
// guard per site.
@marked@
struct sk_buff_fclones *fclones;
position p;
@@
refcount_set@p(&fclones->fclone_ref, 1);
fclones->reserve = net_reserve_skb_fclone_mark(...);

@mark depends on patch@
struct sk_buff_fclones *fclones;
position p != marked.p;
@@
refcount_set@p(&fclones->fclone_ref, 1);
+fclones->reserve = net_reserve_skb_fclone_mark(fclones);

// The free of the pair, only where the pairs are charged, so that it
// never reads a byte no one set; a converted free no longer matches.
@free depends on patch && (mark || marked)@
symbol net_hotdata;
expression fclones;
@@
-kmem_cache_free
+net_reserve_skb_fclone_free
 (net_hotdata.skbuff_fclone_cache, fclones);

// Report, context and org.
@unmarked depends on report || org || context@
struct sk_buff_fclones *fclones;
position p != marked.p;
@@
refcount_set@p(&fclones->fclone_ref, 1);

@unfreed depends on report || org || context@
symbol net_hotdata;
expression fclones;
position p;
@@
kmem_cache_free@p(net_hotdata.skbuff_fclone_cache, fclones);

@depends on context@
position unmarked.p;
expression E;
@@
* refcount_set@p(E, 1);

@depends on context@
symbol net_hotdata;
position unfreed.p;
expression fclones;
@@
* kmem_cache_free@p(net_hotdata.skbuff_fclone_cache, fclones);

@script:python depends on report@
p << unmarked.p;
@@
coccilib.report.print_report(p[0], "an fclone pair initialised without net_reserve_skb_fclone_mark(): from the reserves, charged to no group")

@script:python depends on report@
p << unfreed.p;
@@
coccilib.report.print_report(p[0], "an fclone pair freed past net_reserve_skb_fclone_free(): its charge never given back")

@script:python depends on org@
p << unmarked.p;
@@
coccilib.org.print_todo(p[0], "an fclone pair initialised without net_reserve_skb_fclone_mark()")

@script:python depends on org@
p << unfreed.p;
@@
coccilib.org.print_todo(p[0], "an fclone pair freed past net_reserve_skb_fclone_free()")

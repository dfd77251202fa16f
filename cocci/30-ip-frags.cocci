// SPDX-License-Identifier: GPL-2.0-only
/// Charge IP fragment queues and the emergency fragments they hold to the
/// IPv4 and IPv6 fragment cache reserves, and give each queue's charge
/// back when its fragments leave it: flushed, reassembled or destroyed.
///
/// A queue allocated from the reserves is charged its object size; a
/// pfmemalloc fragment is charged its truesize as inet_frag_queue_insert()
/// takes it; when the group has no room, inet_frag_queue_insert() says
/// IPFRAG_NOMEM and its callers drop that fragment with
/// SKB_DROP_REASON_NOMEM, keeping the queue.
/// The queue remembers what its fragments were charged, so the release
/// needs no walk of the fragments. A namespace's initial high_thresh and
/// the ipfrag_high_thresh and ip6frag_high_thresh sysctls size the groups
/// (init_net's only).
//
// Files: include/net/inet_frag.h net/ipv4/inet_fragment.c net/ipv4/ip_fragment.c net/ipv6/reassembly.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

@has_fields@
@@
struct inet_frags {
	...
	struct mem_reserve *reserve;
	...
};

@frags_field depends on patch && !has_fields@
@@
struct inet_frags {
	...
	struct kmem_cache *frags_cachep;
+	/* Charged for emergency queues and fragments (mem_reserve), or NULL */
+	struct mem_reserve *reserve;
	...
};

@queue_fields depends on patch && !has_fields@
@@
struct inet_frag_queue {
	...
	struct fqdir *fqdir;
+	/**
+	 * @reserve_charged: bytes the fragments held here are charged to
+	 *	fqdir->f->reserve (mem_reserve)
+	 */
+	long reserve_charged;
+	/** @reserve_emerg: this queue itself is charged there */
+	bool reserve_emerg;
	...
};

// Each site carries its own guard: what a conversion replaces is matched
// by its old shape, and what it adds by its position before or after the
// anchor, so a file converted in part is finished, and a second
// application changes nothing.

@queue_alloc depends on patch@
struct inet_frags *f;
struct inet_frag_queue *q;
@@
-q = kmem_cache_zalloc(f->frags_cachep, GFP_ATOMIC);
+q = inet_frag_reserve_alloc(f);

@queue_free depends on patch@
struct inet_frags *f;
struct inet_frag_queue *q;
@@
-kmem_cache_free(f->frags_cachep, q);
+inet_frag_reserve_free(f, q);

@purged_done depends on patch@
identifier q;
expression E, reason;
position p;
@@
 E = inet_frag_rbtree_purge@p(&q->rb_fragments, reason);
 inet_frag_reserve_release(q);

@purged depends on patch@
identifier q;
expression E, reason;
position p != purged_done.p;
@@
 E = inet_frag_rbtree_purge@p(&q->rb_fragments, reason);
+inet_frag_reserve_release(q);

@reassembled_done depends on patch@
identifier q;
expression E;
position p;
@@
 sub_frag_mem_limit@p(q->fqdir, E);
 inet_frag_reserve_release(q);

@reassembled depends on patch@
identifier q;
expression E;
position p != reassembled_done.p;
@@
inet_frag_reasm_finish(struct inet_frag_queue *q, ...)
{
<...
 sub_frag_mem_limit@p(q->fqdir, E);
+inet_frag_reserve_release(q);
...>
}

// insert_undo's returns use the "charged" that insert_charge declares;
// insert_undo runs first (so that it does not wrap insert_charge's own
// return), and both only where insert_charge's anchor is and the function
// charges nothing yet.
@insert_done depends on patch@
identifier q, skb;
@@
int inet_frag_queue_insert(struct inet_frag_queue *q, struct sk_buff *skb, ...)
{
 <+... inet_frag_reserve_charge(q, skb) ...+>
}

@insert_shape depends on patch && !insert_done@
identifier q, skb, last;
@@
int inet_frag_queue_insert(struct inet_frag_queue *q, struct sk_buff *skb, ...)
{
 struct sk_buff *last = q->fragments_tail;
 ...
}

@insert_undo depends on patch && insert_shape@
identifier q, skb;
expression E;
@@
int inet_frag_queue_insert(struct inet_frag_queue *q, struct sk_buff *skb, ...)
{
<...
(
 return IPFRAG_OK;
|
 return
-E
+inet_frag_reserve_undo(q, charged, E)
 ;
)
...>
}

@insert_charge depends on patch && insert_shape@
identifier q, skb, last;
@@
int inet_frag_queue_insert(struct inet_frag_queue *q, struct sk_buff *skb, ...)
{
 struct sk_buff *last = q->fragments_tail;
+long charged = inet_frag_reserve_charge(q, skb);
+
+/* No room in the reserve: drop this fragment, keep the queue */
+if (charged < 0)
+	return IPFRAG_NOMEM;
 ...
}

@nomem_done depends on patch@
expression e;
statement S1, S2;
position p;
@@
 if (e == IPFRAG_NOMEM) S1
 if@p (e == IPFRAG_DUP) S2

@insert_nomem depends on patch@
expression e, reason;
position p != nomem_done.p;
@@
+if (e == IPFRAG_NOMEM) {
+	SKB_DR_SET(reason, NOMEM);
+	e = -ENOMEM;
+	goto err;
+}
 if@p (e == IPFRAG_DUP) {
 	SKB_DR_SET(reason, DUP_FRAG);
 	...
 }

// Only the IPv4 and IPv6 thresholds size a group: conntrack's and
// 6LoWPAN's reassembly share inet_frags but not the groups.
@high_thresh depends on patch@
identifier table;
constant char[] name =~ "^\"ip6?frag_high_thresh\"$";
symbol proc_doulongvec_minmax;
@@
struct ctl_table table[] = { ..., {
	.procname = name,
	...,
	.proc_handler =
-	proc_doulongvec_minmax
+	inet_frag_high_thresh_sysctl
	,
	...
}, ...};

@sized_done depends on patch@
expression fqdir, E;
position p;
@@
 fqdir->high_thresh@p = E;
 inet_frag_reserve_size(fqdir);

@sized depends on patch@
identifier init =~ "^ipv[46]_frags_init_net$";
expression fqdir, E;
position p != sized_done.p;
@@
init(...)
{
<...
 fqdir->high_thresh@p = E;
+inet_frag_reserve_size(fqdir);
...>
}

// A protocol's queue cache is named to its group from its creation, so
// that the root holds its per-CPU slabs, and unnamed before it goes.
@cache_named_done depends on patch@
struct inet_frags *f;
statement S;
position p;
@@
 if@p (!f->frags_cachep) S
 inet_frag_reserve_cache_add(f);

@cache_named depends on patch@
struct inet_frags *f;
statement S;
position p != cache_named_done.p;
@@
 if@p (!f->frags_cachep) S
+inet_frag_reserve_cache_add(f);

@cache_unnamed_done depends on patch@
struct inet_frags *f;
position p;
@@
 inet_frag_reserve_cache_remove(f);
 kmem_cache_destroy@p(f->frags_cachep);

@cache_unnamed depends on patch@
struct inet_frags *f;
position p != cache_unnamed_done.p;
@@
+inet_frag_reserve_cache_remove(f);
 kmem_cache_destroy@p(f->frags_cachep);

@ipv4_grouped depends on patch@
symbol ip4_frags;
@@
ip4_frags.reserve = net_reserve_frag_group(AF_INET)

@ipv6_grouped depends on patch@
symbol ip6_frags;
@@
ip6_frags.reserve = net_reserve_frag_group(AF_INET6)

@ipv4_group depends on patch && !ipv4_grouped@
symbol ip4_frags;
@@
 ip4_frags.qsize = sizeof(struct ipq);
+ip4_frags.reserve = net_reserve_frag_group(AF_INET);

@ipv6_group depends on patch && !ipv6_grouped@
symbol ip6_frags;
@@
 ip6_frags.qsize = sizeof(struct frag_queue);
+ip6_frags.reserve = net_reserve_frag_group(AF_INET6);

// The header, in the files this script changed and only there, once.
@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && !has_include &&
	(queue_alloc || queue_free || purged || reassembled || insert_charge ||
	 insert_nomem || high_thresh || sized || ipv4_group || ipv6_group ||
	 cache_named || cache_unnamed)@
@@
#include <net/inet_frag.h>
+#include <net/net_reserve.h>

@include_ipv6 depends on patch && !has_include && !include &&
	(queue_alloc || queue_free || purged || reassembled || insert_charge ||
	 insert_nomem || high_thresh || sized || ipv4_group || ipv6_group ||
	 cache_named || cache_unnamed)@
@@
#include <net/ipv6_frag.h>
+#include <net/net_reserve.h>

// Report, context and org: what is left to convert. A fragment queue
// allocated from its cache without the wrapper is charged to nothing, and
// a reassembly engine whose struct inet_frags gets no reserve group (in
// 6.12, nf_conntrack's and 6LoWPAN's) takes its queues and its emergency
// fragments from the reserves uncharged.

@plain_queue depends on report || org@
struct inet_frags *f;
expression gfp;
position p;
@@
kmem_cache_zalloc@p(f->frags_cachep, gfp)

@depends on context@
struct inet_frags *f;
expression gfp;
@@
* kmem_cache_zalloc(f->frags_cachep, gfp)

@grouped depends on report || context || org@
struct inet_frags frags;
expression E;
@@
frags.reserve = E;

@ungrouped depends on (report || org) && !grouped@
struct inet_frags frags;
position p;
@@
inet_frags_init@p(&frags)

@depends on context && !grouped@
struct inet_frags frags;
@@
* inet_frags_init(&frags)

@script:python depends on report@
p << plain_queue.p;
@@
coccilib.report.print_report(p[0], "fragment queue allocated with no reserve group: inet_frag_reserve_alloc() charges it")

@script:python depends on report@
p << ungrouped.p;
@@
coccilib.report.print_report(p[0], "reassembly with no reserve group: its queues and emergency fragments are charged to nothing")

@script:python depends on org@
p << plain_queue.p;
@@
coccilib.org.print_todo(p[0], "fragment queue allocated with no reserve group")

@script:python depends on org@
p << ungrouped.p;
@@
coccilib.org.print_todo(p[0], "reassembly with no reserve group")

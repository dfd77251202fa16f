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
+	/* Bytes the fragments held here are charged to fqdir->f->reserve */
+	long reserve_charged;
+	/* This queue itself is charged there */
+	bool reserve_emerg;
	...
};

@converted@
@@
(
inet_frag_reserve_alloc(...)
|
inet_frag_reserve_charge(...)
|
net_reserve_frag_group(...)
)

@queue_alloc depends on patch && !converted@
struct inet_frags *f;
struct inet_frag_queue *q;
@@
-q = kmem_cache_zalloc(f->frags_cachep, GFP_ATOMIC);
+q = inet_frag_reserve_alloc(f);

@queue_free depends on patch && !converted@
struct inet_frags *f;
struct inet_frag_queue *q;
@@
-kmem_cache_free(f->frags_cachep, q);
+inet_frag_reserve_free(f, q);

@purged depends on patch && !converted@
identifier q;
expression E, reason;
@@
 E = inet_frag_rbtree_purge(&q->rb_fragments, reason);
+inet_frag_reserve_release(q);

@reassembled depends on patch && !converted@
identifier q;
expression E;
@@
inet_frag_reasm_finish(struct inet_frag_queue *q, ...)
{
<...
 sub_frag_mem_limit(q->fqdir, E);
+inet_frag_reserve_release(q);
...>
}

// insert_undo's returns use the "charged" that insert_charge declares;
// insert_undo runs first (so that it does not wrap insert_charge's own
// return), and both only where insert_charge's anchor is.
@insert_shape depends on patch && !converted@
identifier q, skb, last;
@@
int inet_frag_queue_insert(struct inet_frag_queue *q, struct sk_buff *skb, ...)
{
 struct sk_buff *last = q->fragments_tail;
 ...
}

@insert_undo depends on patch && !converted && insert_shape@
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

@insert_charge depends on patch && !converted && insert_shape@
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

@insert_nomem depends on patch && !converted@
expression e, reason;
@@
+if (e == IPFRAG_NOMEM) {
+	SKB_DR_SET(reason, NOMEM);
+	e = -ENOMEM;
+	goto err;
+}
 if (e == IPFRAG_DUP) {
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

@sized depends on patch && !converted@
identifier init =~ "^ipv[46]_frags_init_net$";
expression fqdir, E;
@@
init(...)
{
<...
 fqdir->high_thresh = E;
+inet_frag_reserve_size(fqdir);
...>
}

@ipv4_group depends on patch && !converted@
symbol ip4_frags;
@@
 ip4_frags.qsize = sizeof(struct ipq);
+ip4_frags.reserve = net_reserve_frag_group(AF_INET);

@ipv6_group depends on patch && !converted@
symbol ip6_frags;
@@
 ip6_frags.qsize = sizeof(struct frag_queue);
+ip6_frags.reserve = net_reserve_frag_group(AF_INET6);

// The header, in the files this script changed and only there.
@include depends on patch && !converted &&
	(queue_alloc || queue_free || purged || reassembled || insert_charge ||
	 insert_nomem || high_thresh || sized || ipv4_group || ipv6_group)@
@@
#include <net/inet_frag.h>
+#include <net/net_reserve.h>

@include_ipv6 depends on patch && !converted && !include &&
	(queue_alloc || queue_free || purged || reassembled || insert_charge ||
	 insert_nomem || high_thresh || sized || ipv4_group || ipv6_group)@
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

// SPDX-License-Identifier: GPL-2.0-only
/// Charge neighbour entries (ARP, NDISC) that dip into the emergency
/// reserves to the neighbour reserve, and give the charge back when the
/// entry is freed, after its RCU grace period.
///
/// No swap packet leaves before its next hop is resolved, and resolving it
/// allocates an entry: in a swapping task (PF_MEMALLOC) or in the receive
/// softirq of an emergency skb, from the reserves. neigh_alloc() allocates
/// through kmalloc_reserve() and records the charge in the entry;
/// neigh_destroy() frees it through net_reserve_neigh_free(), which
/// uncharges from the RCU callback that frees it.
//
// Files: include/net/neighbour.h net/core/neighbour.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

@has_field@
attribute name __randomize_layout;
@@
struct neighbour {
	...
	bool reserve_emerg;
	...
};

@neigh_field depends on patch && !has_field@
attribute name __randomize_layout;
@@
struct neighbour {
	...
	u8 protocol;
+	/* charged to the neighbour reserve (mem_reserve) */
+	bool			reserve_emerg;
	...
};

@alloc depends on patch@
identifier n, tbl, dev;
expression size;
@@
neigh_alloc(struct neigh_table *tbl, struct net_device *dev, ...)
{
	struct neighbour *n = NULL;
+	bool emerg;
	...
-	n = kzalloc(size, GFP_ATOMIC);
+	n = kmalloc_reserve(size, GFP_ATOMIC | __GFP_ZERO, NUMA_NO_NODE,
+			    net_reserve_neigh_group(), &emerg);
	...
	n->tbl = tbl;
+	n->reserve_emerg = emerg;
	...
}

@destroy depends on patch@
identifier neigh;
symbol rcu;
@@
neigh_destroy(struct neighbour *neigh)
{
	...
-	kfree_rcu(neigh, rcu);
+	net_reserve_neigh_free(neigh);
}

// The header, in the files this script changed and only there, once.
@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && (alloc || destroy) && !has_include@
@@
#include <net/neighbour.h>
+#include <net/net_reserve.h>

// Report, context and org: neighbour entries allocated, or freed, past
// the reserve: uncharged, or with a charge that is never given back.

@plain_neigh depends on report || org@
struct neighbour *n;
expression size, gfp;
position p;
@@
n = \(kzalloc@p\|kmalloc@p\)(size, gfp)

@depends on context@
struct neighbour *n;
expression size, gfp;
@@
* n = \(kzalloc\|kmalloc\)(size, gfp)

@plain_free depends on report || org@
struct neighbour *n;
symbol rcu;
position p;
@@
kfree_rcu@p(n, rcu)

@depends on context@
struct neighbour *n;
symbol rcu;
@@
* kfree_rcu(n, rcu)

@script:python depends on report@
p << plain_neigh.p;
@@
coccilib.report.print_report(p[0], "neighbour entry allocated with no reserve group: kmalloc_reserve() charges it")

@script:python depends on report@
p << plain_free.p;
@@
coccilib.report.print_report(p[0], "neighbour entry freed past the reserve: net_reserve_neigh_free() gives its charge back")

@script:python depends on org@
p << plain_neigh.p;
@@
coccilib.org.print_todo(p[0], "neighbour entry allocated with no reserve group")

@script:python depends on org@
p << plain_free.p;
@@
coccilib.org.print_todo(p[0], "neighbour entry freed past the reserve")

// SPDX-License-Identifier: GPL-2.0-only
/// Charge dst entries that dip into the emergency reserves to their
/// family's route reserve, and uncharge them in dst_destroy(), the RCU
/// callback that frees them.
///
/// dst_alloc() marks a charged entry DST_RESERVE after dst_init() has set
/// its flags, and clears the mark on any other: rt_dst_clone() passes the
/// flags of the route it copies. dst_destroy() reads the mark. The IPv4 and IPv6 route inits
/// register their dst cache, which sizes the group (the route cache is
/// long gone, so the entry count is the net.mem_reserve.dst_entries knob),
/// and unregister it wherever they destroy it. A route charged to its
/// reserve and kept in a cache (an IPv4 nexthop's or exception's, an IPv6
/// per-CPU route, a socket's IPv4 route) is replaced by the next lookup
/// once normal memory is back, so that its charge does not stay pinned
/// until the route changes; while memory is short it stays in use, as in
/// mainline.
//
// Files: net/core/dst.c net/ipv4/route.c net/ipv6/route.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

// Each site carries its own guard: the allocation and the free are matched
// by what a conversion replaces, and each registration by the call it
// adds, so a file converted in part is finished, and a second application
// changes nothing.

@alloc depends on patch@
identifier dst, dops;
expression gfp;
@@
dst_alloc(struct dst_ops *dops, ...)
{
+bool emerg;
...
-dst = kmem_cache_alloc(dops->kmem_cachep, gfp);
+dst = kmem_cache_alloc_reserve(dops->kmem_cachep, gfp, NUMA_NO_NODE,
+			       net_reserve_dst_group(dops), &emerg);
...
 dst_init(dst, dops, ...);
+net_reserve_dst_mark(dst, emerg);
...
}

@destroy depends on patch@
identifier dst;
@@
-kmem_cache_free(dst->ops->kmem_cachep, dst);
+net_reserve_dst_free(dst);

// The route caches of IPv4 and IPv6 only: other dst_ops (xfrm, ...) have
// no group.
@registered4 depends on patch@
symbol ipv4_dst_ops;
@@
net_reserve_dst_register(&ipv4_dst_ops)

@registered6 depends on patch@
symbol ip6_dst_ops_template;
@@
net_reserve_dst_register(&ip6_dst_ops_template)

@register_panics depends on patch && !registered4@
symbol ipv4_dst_ops;
@@
 ipv4_dst_ops.kmem_cachep = KMEM_CACHE(...);
+net_reserve_dst_register(&ipv4_dst_ops);

@register_checked depends on patch && !registered6@
symbol ip6_dst_ops_template;
statement S;
@@
 ip6_dst_ops_template.kmem_cachep = kmem_cache_create(...);
 if (!ip6_dst_ops_template.kmem_cachep)
 	S
+net_reserve_dst_register(&ip6_dst_ops_template);

// ip6_route_init() destroys the cache at two places: each is guarded, by a
// rule right before this one (a position is the code's as the rule before
// left it).
@unregistered6 depends on patch@
symbol ip6_dst_ops_template;
position p;
@@
 net_reserve_dst_unregister(&ip6_dst_ops_template);
 kmem_cache_destroy@p(ip6_dst_ops_template.kmem_cachep);

@unregister depends on patch@
symbol ip6_dst_ops_template;
position p != unregistered6.p;
@@
+net_reserve_dst_unregister(&ip6_dst_ops_template);
 kmem_cache_destroy@p(ip6_dst_ops_template.kmem_cachep);

// A cached route charged to its reserve is replaced by the next lookup
// once normal memory is back (net_reserve_dst_stale()): IPv4's nexthop
// and exception caches through rt_cache_valid(), sockets' caches through
// ipv4_dst_check() and ip6_dst_check(), IPv6's per-CPU routes in
// rt6_get_pcpu_route(). Each rule is guarded by its own result.
@cache_valid_done depends on patch@
identifier rt;
@@
rt_cache_valid(const struct rtable *rt)
{
	...
	net_reserve_dst_stale(&rt->dst)
	...
}

@cache_valid depends on patch && !cache_valid_done@
identifier rt;
expression E;
@@
rt_cache_valid(const struct rtable *rt)
{
	return E &&
-	!rt_is_expired(rt)
+	!rt_is_expired(rt) && !net_reserve_dst_stale(&rt->dst)
	;
}

@dst_check_done depends on patch@
identifier fn = ipv4_dst_check;
identifier d;
@@
fn(struct dst_entry *d, ...)
{
	...
	net_reserve_dst_stale(d)
	...
}

@dst_check depends on patch && !dst_check_done@
identifier fn = ipv4_dst_check;
identifier d, rt;
@@
fn(struct dst_entry *d, ...)
{
	...
	if (d->obsolete != DST_OBSOLETE_FORCE_CHK || rt_is_expired(rt))
		return NULL;
+	if (net_reserve_dst_stale(d))
+		return NULL;
	...
}

// IPv6 sockets' caches through ip6_dst_check(). An exception route
// (RTF_CACHE, but not the uncached clones that a lookup makes anew each
// time, which carry the flag too) is what the lookup must find (a PMTU, a
// redirect), and a socket dropping it would only look it up again: once
// stale it stays, and gives its charge back (net_reserve_dst_keep()), if
// it is still in its table (not DST_OBSOLETE_DEAD, as an exception taken
// out of its table and a blackhole copy of one are). A lookup that finds
// one does the same, in rt6_find_cached_rt(). The stale test is read
// once. (A comment added here comes out glued to the statement by
// spatch, so the code has none.)
@ip6_check_done depends on patch@
identifier fn = ip6_dst_check;
identifier d;
@@
fn(struct dst_entry *d, ...)
{
<+...
	net_reserve_dst_stale(d)
...+>
}

@ip6_check depends on patch && !ip6_check_done@
identifier fn = ip6_dst_check;
identifier d, rt;
@@
fn(struct dst_entry *d, ...)
{
	...
	rt = dst_rt6_info(d);
+
+	if (net_reserve_dst_stale(d)) {
+		if (!(rt->rt6i_flags & RTF_CACHE) || rt->dst.rt_uncached_list)
+			return NULL;
+		if (READ_ONCE(d->obsolete) == DST_OBSOLETE_FORCE_CHK)
+			net_reserve_dst_keep(d);
+	}
	...
}

@exception_done depends on patch@
identifier ret;
@@
rt6_find_cached_rt(...)
{
<+...
net_reserve_dst_keep(&ret->dst);
...+>
}

@exception_keep depends on patch && !exception_done@
identifier ret;
@@
rt6_find_cached_rt(...)
{
...
+	if (ret && net_reserve_dst_stale(&ret->dst))
+		net_reserve_dst_keep(&ret->dst);
	return ret;
}

@pcpu_done depends on patch@
identifier res, pcpu_rt;
@@
rt6_get_pcpu_route(const struct fib6_result *res)
{
	...
	net_reserve_dst_stale(&pcpu_rt->dst)
	...
}

// Not dst_dev_put(): a socket may still hold the old route, which must go
// on working until its own check drops it; the uncached list releases
// its device if that goes first, as for IPv4's replaced routes.
@pcpu_stale depends on patch && !pcpu_done@
identifier res, pcpu_rt;
@@
rt6_get_pcpu_route(const struct fib6_result *res)
{
	...
	pcpu_rt = this_cpu_read(*res->nh->rt6i_pcpu);
+
+	/* charged to the route reserve, and memory is back: replace it */
+	if (pcpu_rt && net_reserve_dst_stale(&pcpu_rt->dst)) {
+		struct rt6_info *prev;
+
+		prev = xchg(this_cpu_ptr(res->nh->rt6i_pcpu), NULL);
+		if (prev) {
+			rt6_uncached_list_add(prev);
+			dst_release(&prev->dst);
+		}
+		pcpu_rt = NULL;
+	}
	...
}

// The header, in the files this script changed and only there, once.
@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && !has_include &&
	(alloc || destroy || register_panics || register_checked || unregister ||
	 cache_valid || dst_check || ip6_check || exception_keep ||
	 pcpu_stale)@
@@
#include <net/dst.h>
+#include <net/net_reserve.h>

// Report, context and org: what is left to convert. A dst entry allocated
// from its cache without the wrapper is charged to nothing, and a dst
// cache set up in a file that registers none with a route reserve (in
// 6.12, xfrm's) has no group: its entries dip into the reserves
// uncharged.

@plain_dst depends on report || org@
struct dst_ops *ops;
expression gfp;
position p;
@@
kmem_cache_alloc@p(ops->kmem_cachep, gfp)

@depends on context@
struct dst_ops *ops;
expression gfp;
@@
* kmem_cache_alloc(ops->kmem_cachep, gfp)

@registered depends on report || context || org@
@@
net_reserve_dst_register(...)

// Copies of another dst_ops' cache and resets are not new caches.
@unregistered depends on (report || org) && !registered@
struct dst_ops ops, other;
struct dst_ops *pops;
expression E;
position p;
@@
(
\(ops.kmem_cachep\|pops->kmem_cachep\) = NULL
|
\(ops.kmem_cachep\|pops->kmem_cachep\) = other.kmem_cachep
|
ops.kmem_cachep@p = E
|
pops->kmem_cachep@p = E
)

@depends on context && !registered@
struct dst_ops ops, other;
struct dst_ops *pops;
expression E;
@@
(
\(ops.kmem_cachep\|pops->kmem_cachep\) = NULL
|
\(ops.kmem_cachep\|pops->kmem_cachep\) = other.kmem_cachep
|
* ops.kmem_cachep = E
|
* pops->kmem_cachep = E
)

@script:python depends on report@
p << plain_dst.p;
@@
coccilib.report.print_report(p[0], "dst entry allocated with no reserve group: kmem_cache_alloc_reserve() charges it")

@script:python depends on report@
p << unregistered.p;
@@
coccilib.report.print_report(p[0], "dst cache with no route reserve group: net_reserve_dst_register() gives it one")

@script:python depends on org@
p << plain_dst.p;
@@
coccilib.org.print_todo(p[0], "dst entry allocated with no reserve group")

@script:python depends on org@
p << unregistered.p;
@@
coccilib.org.print_todo(p[0], "dst cache with no route reserve group")

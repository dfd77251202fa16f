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
/// and unregister it wherever they destroy it.
//
// Files: net/core/dst.c net/ipv4/route.c net/ipv6/route.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

@converted@
@@
(
net_reserve_dst_group(...)
|
net_reserve_dst_free(...)
|
net_reserve_dst_register(...)
)

@alloc depends on patch && !converted@
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

@destroy depends on patch && !converted@
identifier dst;
@@
-kmem_cache_free(dst->ops->kmem_cachep, dst);
+net_reserve_dst_free(dst);

// The route caches of IPv4 and IPv6 only: other dst_ops (xfrm, ...) have
// no group.
@register_panics depends on patch && !converted@
symbol ipv4_dst_ops;
@@
 ipv4_dst_ops.kmem_cachep = KMEM_CACHE(...);
+net_reserve_dst_register(&ipv4_dst_ops);

@register_checked depends on patch && !converted@
symbol ip6_dst_ops_template;
statement S;
@@
 ip6_dst_ops_template.kmem_cachep = kmem_cache_create(...);
 if (!ip6_dst_ops_template.kmem_cachep)
 	S
+net_reserve_dst_register(&ip6_dst_ops_template);

@unregister depends on patch && !converted@
symbol ip6_dst_ops_template;
@@
+net_reserve_dst_unregister(&ip6_dst_ops_template);
 kmem_cache_destroy(ip6_dst_ops_template.kmem_cachep);

// The header, in the files this script changed and only there.
@include depends on patch && !converted &&
	(alloc || destroy || register_panics || register_checked || unregister)@
@@
#include <net/dst.h>
+#include <net/net_reserve.h>

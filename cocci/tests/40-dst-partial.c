// SPDX-License-Identifier: GPL-2.0
/* Input for 40-dst.cocci: converted in part; the rest is finished, once. */
#include <net/dst.h>
#include <net/net_reserve.h>

void *dst_alloc(struct dst_ops *ops, struct net_device *dev,
		int initial_obsolete, unsigned short flags)
{
	bool emerg;
	struct dst_entry *dst;

	dst = kmem_cache_alloc_reserve(ops->kmem_cachep, GFP_ATOMIC,
				       NUMA_NO_NODE,
				       net_reserve_dst_group(ops), &emerg);
	if (!dst)
		return NULL;
	dst_init(dst, ops, dev, initial_obsolete, flags);
	net_reserve_dst_mark(dst, emerg);
	return dst;
}

static void dst_destroy(struct dst_entry *dst)
{
	if (dst->flags & DST_METADATA)
		metadata_dst_free((struct metadata_dst *)dst);
	else
		kmem_cache_free(dst->ops->kmem_cachep, dst);
}

int __init ip_rt_init(void)
{
	ipv4_dst_ops.kmem_cachep = KMEM_CACHE(rtable, SLAB_HWCACHE_ALIGN | SLAB_PANIC);
	net_reserve_dst_register(&ipv4_dst_ops);
	ipv4_dst_blackhole_ops.kmem_cachep = ipv4_dst_ops.kmem_cachep;
	return 0;
}

int __init ip6_route_init(void)
{
	int ret;

	ip6_dst_ops_template.kmem_cachep =
		kmem_cache_create("ip6_dst_cache", sizeof(struct rt6_info), 0,
				  SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, NULL);
	if (!ip6_dst_ops_template.kmem_cachep)
		goto out;
	ret = dst_entries_init(&ip6_dst_blackhole_ops);
	if (ret)
		goto out_kmem_cache;
	ip6_dst_blackhole_ops.kmem_cachep = ip6_dst_ops_template.kmem_cachep;
	return 0;
out_kmem_cache:
	net_reserve_dst_unregister(&ip6_dst_ops_template);
	kmem_cache_destroy(ip6_dst_ops_template.kmem_cachep);
out:
	return -ENOMEM;
}

/* the second place ip6_route_init() destroys the cache, not converted yet */
void ip6_route_init_failed(void)
{
	kmem_cache_destroy(ip6_dst_ops_template.kmem_cachep);
}

static bool rt_cache_valid(const struct rtable *rt)
{
	return	rt &&
		rt->dst.obsolete == DST_OBSOLETE_FORCE_CHK &&
		!rt_is_expired(rt);
}

INDIRECT_CALLABLE_SCOPE struct dst_entry *ipv4_dst_check(struct dst_entry *dst,
							 u32 cookie)
{
	struct rtable *rt = dst_rtable(dst);

	if (dst->obsolete != DST_OBSOLETE_FORCE_CHK || rt_is_expired(rt))
		return NULL;
	if (net_reserve_dst_stale(dst))
		return NULL;
	return dst;
}

static struct rt6_info *rt6_find_cached_rt(const struct fib6_result *res,
					   const struct in6_addr *daddr,
					   const struct in6_addr *saddr)
{
	struct rt6_exception_bucket *bucket;
	struct rt6_exception *rt6_ex;
	struct rt6_info *ret = NULL;

	bucket = fib6_nh_get_excptn_bucket(res->nh, NULL);
	rt6_ex = __rt6_find_exception_rcu(&bucket, daddr, NULL);
	if (rt6_ex && !rt6_check_expired(rt6_ex->rt6i))
		ret = rt6_ex->rt6i;

	return ret;
}

INDIRECT_CALLABLE_SCOPE struct dst_entry *ip6_dst_check(struct dst_entry *dst,
							u32 cookie)
{
	struct dst_entry *dst_ret;
	struct fib6_info *from;
	struct rt6_info *rt;

	rt = dst_rt6_info(dst);

	if (rt->sernum)
		return rt6_is_valid(rt) ? dst : NULL;

	rcu_read_lock();
	from = rcu_dereference(rt->from);
	dst_ret = rt6_check(rt, from, cookie);
	rcu_read_unlock();
	return dst_ret;
}

static struct rt6_info *rt6_get_pcpu_route(const struct fib6_result *res)
{
	struct rt6_info *pcpu_rt;

	pcpu_rt = this_cpu_read(*res->nh->rt6i_pcpu);

	/* charged to the route reserve, and memory is back: replace it */
	if (pcpu_rt && net_reserve_dst_stale(&pcpu_rt->dst)) {
		struct rt6_info *prev;

		prev = xchg(this_cpu_ptr(res->nh->rt6i_pcpu), NULL);
		if (prev) {
			rt6_uncached_list_add(prev);
			dst_release(&prev->dst);
		}
		pcpu_rt = NULL;
	}

	if (pcpu_rt && pcpu_rt->sernum && !rt6_is_valid(pcpu_rt)) {
		struct rt6_info *prev, **p;

		p = this_cpu_ptr(res->nh->rt6i_pcpu);
		prev = xchg(p, NULL);
		if (prev) {
			dst_dev_put(&prev->dst);
			dst_release(&prev->dst);
		}

		pcpu_rt = NULL;
	}

	return pcpu_rt;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: dst entries on the route reserves. A route allocated in an
 * emergency is charged to its family's group and marked; the RCU-deferred
 * free gives the charge back.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/interrupt.h>
#include <linux/rtnetlink.h>
#include <linux/sched/mm.h>
#include <linux/skbuff.h>
#include <linux/uidgid.h>
#include <net/dst.h>
#include <net/ip6_route.h>
#include <net/net_namespace.h>
#include <net/route.h>
#include "net_test_util.h"
#include "test_util.h"

static struct dst_entry *alloc_route(int family)
{
	struct net_device *lo = init_net.loopback_dev;

	struct rt6_info *rt6;
	struct rtable *rt;

	if (family == AF_INET) {
		rt = rt_dst_alloc(lo, 0, RTN_LOCAL, false);
		return rt ? &rt->dst : NULL;
	}
	rt6 = ip6_dst_alloc(&init_net, lo, 0);
	return rt6 ? &rt6->dst : NULL;
}

static const int families[] = { AF_INET, AF_INET6 };

static void family_desc(const int *family, char *desc)
{
	strscpy(desc, *family == AF_INET ? "IPv4" : "IPv6", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(family, families, family_desc);

static void dst_emergency_route_charged_until_freed(struct kunit *test)
{
	const int *family = test->param_value;
	struct mem_reserve *res =
		&net_route_reserve[*family == AF_INET ? NET_RESERVE_IPV4 :
						       NET_RESERVE_IPV6];
	unsigned int noreclaim;
	struct dst_entry *dst;

	nr_test_begin(test);
	nr_test_udp_socket(test, 7301, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(res));
	KUNIT_EXPECT_GT(test, mem_reserve_limit(res), 0L);

	/* not in an emergency: nothing charged, nothing marked */
	dst = alloc_route(*family);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	KUNIT_EXPECT_FALSE(test, dst->flags & DST_RESERVE);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	dst_release(dst);

	/* as the receive path of an emergency skb runs: PF_MEMALLOC */
	mr_test_force_emergency(test);
	noreclaim = memalloc_noreclaim_save();
	dst = alloc_route(*family);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	KUNIT_EXPECT_TRUE(test, dst->flags & DST_RESERVE);
	KUNIT_EXPECT_EQ(test, (long)kmem_cache_size(dst->ops->kmem_cachep),
			mem_reserve_usage(res));

	dst_release(dst);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * rt_dst_clone() passes the flags of the route it copies to dst_alloc():
 * a copy made from normal memory of a charged route must not look
 * charged, or its free would take another entry's charge.
 */
static void dst_clone_of_charged_route_not_charged(struct kunit *test)
{
	struct mem_reserve *res = &net_route_reserve[NET_RESERVE_IPV4];
	unsigned int noreclaim;
	struct dst_entry *dst;
	struct rtable *copy;
	long charge;

	nr_test_begin(test);
	nr_test_udp_socket(test, 7303, true);
	mr_test_force_emergency(test);
	noreclaim = memalloc_noreclaim_save();
	dst = alloc_route(AF_INET);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	charge = mem_reserve_usage(res);
	KUNIT_EXPECT_GT(test, charge, 0L);

	mem_reserve_force_emergency(false);
	copy = rt_dst_clone(init_net.loopback_dev, dst_rtable(dst));
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_FALSE(test, copy->dst.flags & DST_RESERVE);
	KUNIT_EXPECT_EQ(test, charge, mem_reserve_usage(res));
	dst_release(&copy->dst);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, charge, mem_reserve_usage(res));
	dst_release(dst);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * Without PF_MEMALLOC or __GFP_MEMALLOC a route is allocated as mainline
 * allocates it: not from the reserves, so never charged, and a forced
 * emergency (which only the reserve path honours) does not refuse it.
 */
static void dst_no_reserves_without_memalloc(struct kunit *test)
{
	struct dst_entry *dst;

	nr_test_begin(test);
	nr_test_udp_socket(test, 7302, true);
	mr_test_force_emergency(test);
	dst = alloc_route(AF_INET);
	KUNIT_EXPECT_NOT_NULL(test, dst);
	if (dst) {
		KUNIT_EXPECT_FALSE(test, dst->flags & DST_RESERVE);
		dst_release(dst);
	}
	KUNIT_EXPECT_EQ(test, 0L,
			mem_reserve_usage(&net_route_reserve[NET_RESERVE_IPV4]));
}

/*
 * IPv6 has no flush of its per-CPU routes short of deleting their FIB
 * entry, so the IPv6 case looks up a route of its own, 2001:db8:ff::/64
 * on lo (documentation prefix), added for the case and deleted after.
 */
static const struct in6_addr test_prefix6 = {
	.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0xff }
};

static int add_test_route6(void)
{
	struct fib6_config cfg = {
		.fc_table = RT6_TABLE_MAIN,
		.fc_metric = IP6_RT_PRIO_USER,
		.fc_dst = test_prefix6,
		.fc_dst_len = 64,
		.fc_flags = RTF_UP,
		.fc_type = RTN_UNICAST,
		.fc_protocol = RTPROT_KERNEL,
		.fc_ifindex = init_net.loopback_dev->ifindex,
		.fc_nlinfo.nl_net = &init_net,
	};
	int err;

	rtnl_lock();
	err = ip6_route_add(&cfg, GFP_KERNEL, NULL);
	rtnl_unlock();
	return err;
}

/* Delete the FIB entry @dst, a route of add_test_route6(), came from. */
static void del_test_route6(struct dst_entry *dst)
{
	struct fib6_info *from;

	rcu_read_lock();
	from = rcu_dereference(dst_rt6_info(dst)->from);
	if (from && !fib6_info_hold_safe(from))
		from = NULL;
	rcu_read_unlock();
	if (from) {
		rtnl_lock();
		ip6_del_rt(&init_net, from, false);
		rtnl_unlock();
	}
}

/* An IPv6 output route to @daddr on lo, with flowi @flags; held, or NULL. */
static struct dst_entry *lookup_route6(const struct in6_addr *daddr,
				       __u8 flags)
{
	struct flowi6 fl6 = {
		.daddr = *daddr,
		.flowi6_oif = init_net.loopback_dev->ifindex,
		.flowi6_flags = flags,
	};
	struct dst_entry *dst = ip6_route_output(&init_net, NULL, &fl6);

	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	return dst;
}

/*
 * An output route to 127.0.0.1, or into test_prefix6, looked up as a send
 * does: from
 * the nexthop's per-CPU cache (IPv4) or the per-CPU route (IPv6), made
 * and cached if there is none. Held; NULL if the lookup failed.
 */
static struct dst_entry *lookup_route(int family)
{
	struct flowi4 fl4 = { .daddr = htonl(INADDR_LOOPBACK) };
	struct rtable *rt;

	if (family == AF_INET6)
		return lookup_route6(&test_prefix6, 0);
	rt = ip_route_output_key(&init_net, &fl4);
	return IS_ERR(rt) ? NULL : &rt->dst;
}

/* One run of @fn(@arg) in softirq, with PF_MEMALLOC, on this CPU */
struct memalloc_softirq {
	struct tasklet_struct tasklet;
	struct completion done;
	void (*fn)(void *arg);
	void *arg;
};

static void memalloc_softirq_fn(struct tasklet_struct *t)
{
	struct memalloc_softirq *r = from_tasklet(r, t, tasklet);
	unsigned int noreclaim = memalloc_noreclaim_save();

	r->fn(r->arg);
	memalloc_noreclaim_restore(noreclaim);
	complete(&r->done);
}

/*
 * Run @fn(@arg) in softirq with PF_MEMALLOC, where mm lets the receive
 * path into the reserves (in process context a lookup runs with bottom
 * halves off, and PF_MEMALLOC does not count there), and on one CPU, as
 * the route caches are per CPU; return once it ran.
 */
static void run_memalloc_softirq(void (*fn)(void *arg), void *arg)
{
	struct memalloc_softirq r = { .fn = fn, .arg = arg };

	init_completion(&r.done);
	tasklet_setup(&r.tasklet, memalloc_softirq_fn);
	tasklet_schedule(&r.tasklet);
	wait_for_completion(&r.done);
	tasklet_kill(&r.tasklet);
}

/* Three lookups in a row, as the receive path of emergency skbs makes them */
struct route_lookups {
	int family;
	struct mem_reserve *res;
	struct dst_entry *made;		/* in a forced emergency */
	struct dst_entry *again;	/* still in it */
	struct dst_entry *checked;	/* a socket's check of @made then */
	long charge;			/* the group's usage then */
	struct dst_entry *later;	/* memory back */
};

/* What a socket that cached @dst gets from its next check of it. */
static struct dst_entry *socket_check(struct dst_entry *dst)
{
	u32 cookie = 0;

	if (dst->ops->family == AF_INET6)
		cookie = rt6_get_cookie(dst_rt6_info(dst));
	return dst_check(dst, cookie);
}

static void route_lookups_fn(void *arg)
{
	struct route_lookups *l = arg;

	l->made = lookup_route(l->family);
	l->again = lookup_route(l->family);
	l->checked = l->made ? socket_check(l->made) : NULL;
	l->charge = mem_reserve_usage(l->res);
	mem_reserve_force_emergency(false);
	l->later = lookup_route(l->family);
}

/*
 * A route made in an emergency and cached by the FIB: while memory is
 * short the next lookup uses it, as mainline does (a new one would only
 * take another charge); once memory is back the next lookup replaces it,
 * a socket that cached it drops it at its next check, and its
 * charge goes when its last user drops it. Real output lookups and dst
 * checks.
 */
static void dst_cached_emergency_route_replaced(struct kunit *test)
{
	const int *family = test->param_value;
	struct route_lookups l = {
		.family = *family,
		.res = &net_route_reserve[*family == AF_INET ? NET_RESERVE_IPV4 :
							       NET_RESERVE_IPV6],
	};

	nr_test_begin(test);
	nr_test_udp_socket(test, 7304, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(l.res));

	/* no cached route from before: the first lookup makes one */
	if (*family == AF_INET)
		rt_cache_flush(&init_net);
	else
		KUNIT_ASSERT_EQ(test, 0, add_test_route6());
	mr_test_force_emergency(test);
	run_memalloc_softirq(route_lookups_fn, &l);

	KUNIT_ASSERT_NOT_NULL(test, l.made);
	KUNIT_EXPECT_TRUE(test, l.made->flags & DST_RESERVE);
	KUNIT_EXPECT_GT(test, l.charge, 0L);
	/* memory still short: the cached route serves the next lookup */
	KUNIT_EXPECT_PTR_EQ(test, l.made, l.again);
	/* and a socket that cached it keeps it */
	KUNIT_EXPECT_PTR_EQ(test, l.made, l.checked);
	/* memory back: replaced by a route that is not charged */
	KUNIT_EXPECT_NOT_NULL(test, l.later);
	KUNIT_EXPECT_PTR_NE(test, l.made, l.later);
	if (l.later)
		KUNIT_EXPECT_FALSE(test, l.later->flags & DST_RESERVE);
	/* and a socket that cached it drops it at its next check */
	KUNIT_EXPECT_NULL(test, socket_check(l.made));
	KUNIT_EXPECT_EQ(test, l.charge, mem_reserve_usage(l.res));

	if (*family == AF_INET6)
		del_test_route6(l.made);
	dst_release(l.later);
	dst_release(l.again);
	dst_release(l.made);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(l.res));
}

/* An IPv6 lookup that makes an uncached clone, as IPVS direct routing's */
struct known_nh_lookup {
	struct dst_entry *made;		/* in a forced emergency */
	struct dst_entry *checked;	/* a socket's check of it, memory back */
};

static void known_nh_lookup_fn(void *arg)
{
	struct known_nh_lookup *l = arg;

	l->made = lookup_route6(&test_prefix6, FLOWI_FLAG_KNOWN_NH);
	mem_reserve_force_emergency(false);
	l->checked = l->made ? socket_check(l->made) : NULL;
}

/*
 * The uncached clone an IPv6 lookup with a known next hop makes carries
 * RTF_CACHE, as exception routes do, but the next lookup makes a new one
 * rather than finding it again: a socket that holds a charged one drops
 * it once memory is back, like any other cached route.
 */
static void dst_uncached_ipv6_clone_dropped(struct kunit *test)
{
	struct mem_reserve *res = &net_route_reserve[NET_RESERVE_IPV6];
	struct known_nh_lookup l = {};

	nr_test_begin(test);
	nr_test_udp_socket(test, 7305, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(res));
	KUNIT_ASSERT_EQ(test, 0, add_test_route6());
	mr_test_force_emergency(test);
	run_memalloc_softirq(known_nh_lookup_fn, &l);

	KUNIT_ASSERT_NOT_NULL(test, l.made);
	/* the premises: a charged clone, RTF_CACHE, on the uncached list */
	KUNIT_EXPECT_TRUE(test, l.made->flags & DST_RESERVE);
	KUNIT_EXPECT_TRUE(test, dst_rt6_info(l.made)->rt6i_flags & RTF_CACHE);
	KUNIT_EXPECT_NOT_NULL(test, l.made->rt_uncached_list);
	KUNIT_EXPECT_NULL(test, l.checked);

	del_test_route6(l.made);
	dst_release(l.made);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/* Two addresses in test_prefix6, each to get a PMTU exception */
static const struct in6_addr exception_addr[2] = {
	{ .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0xff, [15] = 1 } },
	{ .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0xff, [15] = 2 } },
};

struct exception_lookups {
	struct sk_buff *too_big[2];	/* what the PMTU updates are for */
	struct dst_entry *ex[2];	/* exceptions, in a forced emergency */
	bool charged[2];		/* ex[i] was charged */
	long usage;			/* the group's usage then */
	struct dst_entry *checked;	/* memory back: a socket's check of ex[0] */
	struct dst_entry *found;	/* and a lookup of ex[1]'s address */
	bool still_charged[2];		/* ex[i] charged after that */
	long usage_after;
};

/* A 1280-byte PMTU for @daddr, as an ICMPv6 Packet Too Big would set it */
static struct sk_buff *packet_too_big(struct kunit *test,
				      const struct in6_addr *daddr)
{
	struct sk_buff *skb = alloc_skb(sizeof(struct ipv6hdr), GFP_KERNEL);
	struct ipv6hdr *iph;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	iph = skb_put_zero(skb, sizeof(*iph));
	iph->version = 6;
	iph->saddr = in6addr_loopback;
	iph->daddr = *daddr;
	return skb;
}

static void exception_lookups_fn(void *arg)
{
	struct exception_lookups *l = arg;
	int i;

	for (i = 0; i < 2; i++) {
		ip6_update_pmtu(l->too_big[i], &init_net, htonl(1280),
				init_net.loopback_dev->ifindex, 0,
				GLOBAL_ROOT_UID);
		l->ex[i] = lookup_route6(&exception_addr[i], 0);
		l->charged[i] = l->ex[i] && l->ex[i]->flags & DST_RESERVE;
	}
	l->usage = mem_reserve_usage(&net_route_reserve[NET_RESERVE_IPV6]);
	mem_reserve_force_emergency(false);
	l->checked = l->ex[0] ? socket_check(l->ex[0]) : NULL;
	l->found = lookup_route6(&exception_addr[1], 0);
	for (i = 0; i < 2; i++)
		l->still_charged[i] = l->ex[i] && l->ex[i]->flags & DST_RESERVE;
	l->usage_after = mem_reserve_usage(&net_route_reserve[NET_RESERVE_IPV6]);
}

/*
 * Delete the test route, which takes its exceptions and per-CPU routes
 * with it, and drop the routes the case holds; also when the case fails.
 */
static void exception_lookups_release(void *arg)
{
	struct exception_lookups *l = arg;
	struct dst_entry *any = l->ex[0] ?: l->ex[1] ?: l->found;
	int i;

	if (any) {
		del_test_route6(any);
	} else {
		any = lookup_route6(&test_prefix6, 0);
		if (any) {
			del_test_route6(any);
			dst_release(any);
		}
	}
	dst_release(l->found);
	for (i = 0; i < 2; i++)
		dst_release(l->ex[i]);
	/*
	 * The FIB entry's per-CPU route, which the PMTU update looked up, is
	 * released from the entry's own RCU callback, and freed from another.
	 */
	for (i = 0; i < 3; i++)
		rcu_barrier();
}

/*
 * An IPv6 exception route (here a PMTU) is what the lookup must find, so
 * no lookup replaces it: made in an emergency it is charged, and once
 * memory is back it stays in use, found by a lookup or kept by a socket's
 * check, and gives its charge back there and then.
 */
static void dst_ipv6_exception_kept_uncharged(struct kunit *test)
{
	struct mem_reserve *res = &net_route_reserve[NET_RESERVE_IPV6];
	long entry = kmem_cache_size(init_net.ipv6.ip6_dst_ops.kmem_cachep);
	struct exception_lookups *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, l);
	nr_test_begin(test);
	nr_test_udp_socket(test, 7306, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(res));
	for (i = 0; i < 2; i++) {
		l->too_big[i] = packet_too_big(test, &exception_addr[i]);
		nr_test_hold_skb(test, l->too_big[i]);
	}
	KUNIT_ASSERT_EQ(test, 0, add_test_route6());
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   exception_lookups_release,
							   l));
	mr_test_force_emergency(test);
	run_memalloc_softirq(exception_lookups_fn, l);

	for (i = 0; i < 2; i++) {
		KUNIT_ASSERT_NOT_NULL(test, l->ex[i]);
		/* the premises: a charged exception, not an uncached clone */
		KUNIT_EXPECT_TRUE(test, dst_rt6_info(l->ex[i])->rt6i_flags & RTF_CACHE);
		KUNIT_EXPECT_NULL(test, l->ex[i]->rt_uncached_list);
		KUNIT_EXPECT_EQ(test, 1280U, dst_mtu(l->ex[i]));
		KUNIT_EXPECT_TRUE(test, l->charged[i]);
		/* kept, and charged no more */
		KUNIT_EXPECT_FALSE(test, l->still_charged[i]);
	}
	KUNIT_EXPECT_PTR_EQ(test, l->ex[0], l->checked);
	KUNIT_EXPECT_PTR_EQ(test, l->ex[1], l->found);
	KUNIT_EXPECT_EQ(test, l->usage - 2 * entry, l->usage_after);

	kunit_release_action(test, exception_lookups_release, l);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->clamped));
}

static void dst_register_real_ipv6_cache(void *unused)
{
	net_reserve_dst_register(&init_net.ipv6.ip6_dst_ops);
	net_reserve_dst_reattach();
}

/*
 * A route init that fails after registering its cache destroys it (IPv6's
 * out_kmem_cache): unregistering gives the group's memory back, and a later
 * resize from the dst_entries sysctl must not touch the freed cache (a
 * use-after-free that KASAN reports on the SMP kernel).
 */
static void dst_unregister_forgets_destroyed_cache(struct kunit *test)
{
	struct mem_reserve *res = &net_route_reserve[NET_RESERVE_IPV6];
	struct dst_ops ops = { .family = AF_INET6 };

	nr_test_begin(test);
	nr_test_save_knob(test, &net_reserve_dst_entries);
	/* after the knob's restore in order of teardown: the real cache back */
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, dst_register_real_ipv6_cache, NULL));
	ops.kmem_cachep = kmem_cache_create("nr_test_dst", 1024, 0, 0, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ops.kmem_cachep);

	net_reserve_dst_register(&ops);
	KUNIT_EXPECT_EQ(test, (long)kmem_cache_size(ops.kmem_cachep) * net_reserve_dst_entries,
			res->own_limit);
	net_reserve_dst_unregister(&ops);
	KUNIT_EXPECT_EQ(test, 0L, res->own_limit);
	KUNIT_EXPECT_EQ(test, 0L, res->pages);
	kmem_cache_destroy(ops.kmem_cachep);

	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_dst_entries, 128));
	KUNIT_EXPECT_EQ(test, 0L, res->own_limit);
}

/*
 * A family whose route group cannot be sized while the tree is connected
 * (IPv6 loaded late on a machine without room under the watermarks) is
 * detached from the tree: its emergency routes are served as in mainline,
 * not refused by a group of no size. Once it fits, the activation work
 * puts it back, sized.
 */
static void dst_late_family_without_room_detached(struct kunit *test)
{
	struct mem_reserve *res = &net_route_reserve[NET_RESERVE_IPV6];
	struct dst_ops *ops = &init_net.ipv6.ip6_dst_ops;
	const long failed = atomic_long_read(&res->failed);
	const int entries = net_reserve_dst_entries;
	unsigned int noreclaim;
	struct dst_entry *dst;
	long too_many;

	nr_test_begin(test);
	/* runs last: the real cache registered and the group back in */
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, dst_register_real_ipv6_cache, NULL));
	nr_test_save_knob(test, &net_reserve_dst_entries);
	nr_test_udp_socket(test, 7305, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(res));

	/* IPv6 "loads" with more entries than the watermarks can take */
	net_reserve_dst_unregister(ops);
	too_many = mr_test_kmalloc_bytes_past_watermark(test) /
		   kmem_cache_size(ops->kmem_cachep);
	WRITE_ONCE(net_reserve_dst_entries, too_many);
	net_reserve_dst_register(ops);
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(res));
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_rx_reserve));

	mr_test_force_emergency(test);
	noreclaim = memalloc_noreclaim_save();
	dst = alloc_route(AF_INET6);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_NOT_NULL(test, dst);
	if (dst) {
		KUNIT_EXPECT_FALSE(test, dst->flags & DST_RESERVE);
		dst_release(dst);
	}
	KUNIT_EXPECT_EQ(test, failed, atomic_long_read(&res->failed));

	/* room again (a smaller size): the pending retry puts it back */
	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_dst_entries, entries));
	net_reserve_sync();
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(res));
	KUNIT_EXPECT_EQ(test, (long)kmem_cache_size(ops->kmem_cachep) * entries,
			res->own_limit);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

static struct kunit_case net_reserve_dst_cases[] = {
	KUNIT_CASE_PARAM(dst_emergency_route_charged_until_freed, family_gen_params),
	KUNIT_CASE_PARAM(dst_cached_emergency_route_replaced, family_gen_params),
	KUNIT_CASE(dst_uncached_ipv6_clone_dropped),
	KUNIT_CASE(dst_ipv6_exception_kept_uncharged),
	KUNIT_CASE(dst_clone_of_charged_route_not_charged),
	KUNIT_CASE(dst_no_reserves_without_memalloc),
	KUNIT_CASE(dst_unregister_forgets_destroyed_cache),
	KUNIT_CASE(dst_late_family_without_room_detached),
	{}
};

static struct kunit_suite net_reserve_dst_suite = {
	.name = "net_reserve_dst",
	.test_cases = net_reserve_dst_cases,
};

kunit_test_suite(net_reserve_dst_suite);

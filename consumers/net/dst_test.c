// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: dst entries on the route reserves. A route allocated in an
 * emergency is charged to its family's group and marked; the RCU-deferred
 * free gives the charge back.
 */
#include <kunit/test.h>
#include <linux/sched/mm.h>
#include <net/dst.h>
#include <net/ip6_route.h>
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

static void dst_register_real_ipv6_cache(void *unused)
{
	net_reserve_dst_register(&init_net.ipv6.ip6_dst_ops);
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

static struct kunit_case net_reserve_dst_cases[] = {
	KUNIT_CASE_PARAM(dst_emergency_route_charged_until_freed, family_gen_params),
	KUNIT_CASE(dst_clone_of_charged_route_not_charged),
	KUNIT_CASE(dst_no_reserves_without_memalloc),
	KUNIT_CASE(dst_unregister_forgets_destroyed_cache),
	{}
};

static struct kunit_suite net_reserve_dst_suite = {
	.name = "net_reserve_dst",
	.test_cases = net_reserve_dst_cases,
};

kunit_test_suite(net_reserve_dst_suite);

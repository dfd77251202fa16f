// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: neighbour entries on the neighbour reserve. An entry created in
 * an emergency, as the receive softirq or a swapping task creates one, is
 * charged and marked; its RCU-deferred free gives the charge back.
 */
#include <kunit/test.h>
#include <linux/rtnetlink.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <net/arp.h>
#include <net/neighbour.h>
#include "net_test_util.h"
#include "test_util.h"

/* 192.0.2.1 (documentation range), as a next hop on lo */
#define NEIGH_TEST_ADDR		htonl(0xc0000201)

/*
 * Create the entry for NEIGH_TEST_ADDR on lo, held, with PF_MEMALLOC (as
 * a swapping task resolves its next hop) if @memalloc.
 */
static struct neighbour *create_entry(bool memalloc)
{
	__be32 key = NEIGH_TEST_ADDR;
	unsigned int noreclaim = 0;
	struct neighbour *n;

	if (memalloc)
		noreclaim = memalloc_noreclaim_save();
	n = __neigh_create(&arp_tbl, &key, init_net.loopback_dev, true);
	if (memalloc)
		memalloc_noreclaim_restore(noreclaim);
	return IS_ERR(n) ? NULL : n;
}

/* Take the entry out of the table and drop our reference: it is freed. */
static void remove_entry(struct neighbour *n)
{
	rtnl_lock();
	neigh_ifdown(&arp_tbl, init_net.loopback_dev);
	rtnl_unlock();
	neigh_release(n);
	rcu_barrier();
}

static void neigh_emergency_entry_charged_until_freed(struct kunit *test)
{
	struct mem_reserve *res = &net_neigh_reserve;
	struct neighbour *n;
	long before;

	nr_test_begin(test);
	nr_test_udp_socket(test, 7401, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(res));
	KUNIT_EXPECT_GT(test, mem_reserve_limit(res), 0L);

	/*
	 * Not in an emergency: nothing marked, nothing charged. The group is
	 * the whole stack's: on the SMP kernel other entries may come and go
	 * meanwhile (their frees wait for a grace period), so this entry's
	 * charge is what the usage moved by, after the grace period.
	 */
	rcu_barrier();
	before = mem_reserve_usage(res);
	n = create_entry(true);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_FALSE(test, n->reserve_emerg);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, before, mem_reserve_usage(res));
	remove_entry(n);

	mr_test_force_emergency(test);
	before = mem_reserve_usage(res);
	n = create_entry(true);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_TRUE(test, n->reserve_emerg);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, before + (long)ksize(n), mem_reserve_usage(res));

	/* still referenced after leaving the table: still charged */
	rtnl_lock();
	neigh_ifdown(&arp_tbl, init_net.loopback_dev);
	rtnl_unlock();
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, before + (long)ksize(n), mem_reserve_usage(res));
	neigh_release(n);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, before, mem_reserve_usage(res));
}

/*
 * Without PF_MEMALLOC the entry is allocated as mainline allocates it:
 * not from the reserves, never charged, and not refused in a forced
 * emergency, which only the reserve path honours.
 */
static void neigh_no_reserves_without_memalloc(struct kunit *test)
{
	struct neighbour *n;

	nr_test_begin(test);
	nr_test_udp_socket(test, 7402, true);
	mr_test_force_emergency(test);
	n = create_entry(false);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_FALSE(test, n->reserve_emerg);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_neigh_reserve));
	remove_entry(n);
}

static struct kunit_case net_reserve_neigh_cases[] = {
	KUNIT_CASE(neigh_emergency_entry_charged_until_freed),
	KUNIT_CASE(neigh_no_reserves_without_memalloc),
	{}
};

static struct kunit_suite net_reserve_neigh_suite = {
	.name = "net_reserve_neigh",
	.test_cases = net_reserve_neigh_cases,
};

kunit_test_suite(net_reserve_neigh_suite);

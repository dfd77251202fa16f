// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit, with the network reserve configured out (NET_MEM_RESERVE=n, and
 * so no mem_reserve library): the converted network stack must then do
 * what mainline 6.12 does. Real memory exhaustion, no forced emergency:
 * the fault injection lives in the library that is not built here.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/sched/mm.h>
#include <linux/skbuff.h>
#include <net/net_reserve.h>
#include <net/sock.h>
#include "test_pressure.h"

/* Larger than any kmalloc cache: the head comes from the page allocator. */
#define OFF_TEST_HEAD_SIZE	(4 * PAGE_SIZE)

/* Nothing of the framework is built: no group, no slab-head fallback. */
static void off_nothing_reserved(struct kunit *test)
{
	struct socket *sock;

	KUNIT_EXPECT_FALSE(test, IS_ENABLED(CONFIG_MEM_RESERVE));
	KUNIT_ASSERT_EQ(test, 0, sock_create_kern(&init_net, AF_INET, SOCK_DGRAM,
						  IPPROTO_UDP, &sock));
	sk_set_memalloc(sock->sk);
	KUNIT_EXPECT_TRUE(test, sk_memalloc_socks());
	/* page-fragment heads stay, and use the reserves, as in mainline */
	KUNIT_EXPECT_EQ(test, GFP_ATOMIC | __GFP_MEMALLOC,
			net_reserve_frag_gfp(GFP_ATOMIC | __GFP_MEMALLOC));
	KUNIT_EXPECT_FALSE(test, net_reserve_frag_head_needs_slab(NULL, true, 0));
	/* and converted refills allocate as mainline's did */
	KUNIT_EXPECT_EQ(test, GFP_ATOMIC, net_rx_refill_gfp(GFP_ATOMIC));
	KUNIT_EXPECT_EQ(test, 0, net_rx_refill_skb_flags());
	sk_clear_memalloc(sock->sk);
	sock_release(sock);
}

/*
 * Under real exhaustion a head is refused to a caller without reserve
 * rights, and served from the reserves, marked pfmemalloc, to a
 * PF_MEMALLOC one: what mainline's skbuff.c does.
 */
static void off_emergency_head_as_mainline(struct kunit *test)
{
	struct sk_buff *plain, *emerg;
	unsigned int noreclaim;

	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	plain = __alloc_skb(OFF_TEST_HEAD_SIZE, GFP_ATOMIC | __GFP_NOWARN,
			    SKB_ALLOC_RX, NUMA_NO_NODE);
	noreclaim = memalloc_noreclaim_save();
	emerg = __alloc_skb(OFF_TEST_HEAD_SIZE, GFP_ATOMIC, SKB_ALLOC_RX,
			    NUMA_NO_NODE);
	memalloc_noreclaim_restore(noreclaim);
	mr_test_give_back_memory(test);

	KUNIT_EXPECT_NULL(test, plain);
	KUNIT_EXPECT_NOT_NULL(test, emerg);
	if (emerg)
		KUNIT_EXPECT_TRUE(test, emerg->pfmemalloc);
	kfree_skb(plain);
	kfree_skb(emerg);
}

static struct kunit_case net_reserve_off_cases[] = {
	KUNIT_CASE(off_nothing_reserved),
	KUNIT_CASE(off_emergency_head_as_mainline),
	{}
};

static struct kunit_suite net_reserve_off_suite = {
	.name = "net_reserve_off",
	.test_cases = net_reserve_off_cases,
};

kunit_test_suite(net_reserve_off_suite);

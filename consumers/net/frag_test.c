// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: IPv4 fragment queues on the fragment cache reserve. Emergency
 * fragments are charged while they wait, and every charge comes back when
 * the datagram is reassembled or its queue times out.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/sysctl.h>
#include <linux/udp.h>
#include <net/inet_frag.h>
#include <net/net_namespace.h>
#include "net_test_util.h"
#include "test_util.h"

#define MEMALLOC_PORT	7201
#define FIRST_LEN	512	/* IP payload of the first fragment; 8-aligned */
#define DATAGRAM_LEN	900	/* UDP length of the whole datagram */

static struct mem_reserve *frag4 = &net_frag_reserve[NET_RESERVE_IPV4];

static struct sk_buff *fragment(struct kunit *test, bool first, u16 id)
{
	struct net_reserve_lo_pkt p = {
		.alloc = NET_RESERVE_LO_NETDEV_ALLOC_SKB,
		.dport = MEMALLOC_PORT,
		.len = first ? FIRST_LEN : DATAGRAM_LEN - FIRST_LEN,
		.frag_off = first ? 0 : FIRST_LEN,
		.more_frags = first,
		.id = id,
		.udp_len = DATAGRAM_LEN,
	};
	struct sk_buff *skb = net_reserve_lo_build(&p);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_TRUE(test, skb->pfmemalloc);
	return skb;
}

static void frag_emergency_datagram_reassembled(struct kunit *test)
{
	struct nr_test_socket *memalloc;
	struct sk_buff *first;
	long queued;

	nr_test_begin(test);
	memalloc = nr_test_udp_socket(test, MEMALLOC_PORT, true);
	mr_test_force_emergency(test);

	first = fragment(test, true, 1);
	queued = first->truesize;
	net_reserve_lo_receive(first);
	/* the queue and the fragment it holds */
	KUNIT_EXPECT_GE(test, mem_reserve_usage(frag4), queued);
	KUNIT_EXPECT_LE(test, mem_reserve_usage(frag4), mem_reserve_limit(frag4));
	queued = mem_reserve_usage(frag4);

	/* a duplicate is dropped, and what it was charged given back */
	net_reserve_lo_receive(fragment(test, true, 1));
	KUNIT_EXPECT_EQ(test, queued, mem_reserve_usage(frag4));

	net_reserve_lo_receive(fragment(test, false, 1));
	rcu_barrier();		/* the queue is freed by RCU */
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(frag4));
	KUNIT_EXPECT_EQ(test, DATAGRAM_LEN - (int)sizeof(struct udphdr),
			net_reserve_lo_recv(memalloc->sock));
}

static void restore_timeout(void *arg)
{
	init_net.ipv4.fqdir->timeout = (long)arg;
}

static void frag_timed_out_queue_gives_back(struct kunit *test)
{
	struct fqdir *fqdir = init_net.ipv4.fqdir;

	nr_test_begin(test);
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, restore_timeout,
							   (void *)(long)fqdir->timeout));
	fqdir->timeout = HZ / 20;
	mr_test_force_emergency(test);

	net_reserve_lo_receive(fragment(test, true, 2));
	KUNIT_EXPECT_GT(test, mem_reserve_usage(frag4), 0L);
	msleep(300);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(frag4));
}

/* Write @val to init_net's ipfrag_high_thresh through its handler. */
static int write_high_thresh(unsigned long val)
{
	struct fqdir *fqdir = init_net.ipv4.fqdir;
	struct ctl_table table = {
		.procname = "ipfrag_high_thresh",
		.data = &fqdir->high_thresh,
		.maxlen = sizeof(unsigned long),
		.mode = 0644,
		.extra1 = &fqdir->low_thresh,
	};
	char buf[32];
	size_t len = snprintf(buf, sizeof(buf), "%lu", val);
	loff_t pos = 0;

	return inet_frag_high_thresh_sysctl(&table, 1, buf, &len, &pos);
}

static void restore_high_thresh(void *arg)
{
	write_high_thresh((unsigned long)arg);
}

static void frag_high_thresh_resizes_group(struct kunit *test)
{
	struct fqdir *fqdir = init_net.ipv4.fqdir;
	unsigned long old = fqdir->high_thresh;
	long root;

	nr_test_begin(test);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, restore_high_thresh,
							   (void *)old));
	KUNIT_EXPECT_EQ(test, (long)old, frag4->own_limit);

	KUNIT_EXPECT_EQ(test, 0, write_high_thresh(old + SZ_1M));
	KUNIT_EXPECT_EQ(test, (long)old + SZ_1M, fqdir->high_thresh);
	KUNIT_EXPECT_EQ(test, (long)old + SZ_1M, frag4->own_limit);

	/* connected, a size the watermarks cannot hold: refused, kept */
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	root = mem_reserve_pages(&mem_reserve_root);
	KUNIT_EXPECT_EQ(test, -ENOMEM,
			write_high_thresh(totalram_pages() / 2 * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, (long)old + SZ_1M, fqdir->high_thresh);
	KUNIT_EXPECT_EQ(test, (long)old + SZ_1M, frag4->own_limit);
	KUNIT_EXPECT_EQ(test, root, mem_reserve_pages(&mem_reserve_root));
}

static struct kunit_case net_reserve_frag_cases[] = {
	KUNIT_CASE(frag_emergency_datagram_reassembled),
	KUNIT_CASE_SLOW(frag_timed_out_queue_gives_back),
	KUNIT_CASE(frag_high_thresh_resizes_group),
	{}
};

static struct kunit_suite net_reserve_frag_suite = {
	.name = "net_reserve_frag",
	.test_cases = net_reserve_frag_cases,
};

kunit_test_suite(net_reserve_frag_suite);

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the net.mem_reserve knobs resize their groups, and a size the
 * watermarks cannot hold is refused with -ENOMEM, keeping the old one.
 */
#include <kunit/test.h>
#include <linux/sizes.h>
#include <linux/sysctl.h>
#include "net_test_util.h"
#include "test_util.h"

static void sysctl_knobs_resize_their_groups(struct kunit *test)
{
	struct mem_reserve *route4 = &net_route_reserve[NET_RESERVE_IPV4];
	long entry = route4->own_limit / net_reserve_dst_entries;
	long neigh = net_neigh_reserve.own_limit / net_reserve_neigh_entries;

	nr_test_begin(test);
	nr_test_save_knob(test, &net_reserve_skb_kbytes);
	nr_test_save_knob(test, &net_reserve_tx_kbytes);
	nr_test_save_knob(test, &net_reserve_dst_entries);
	nr_test_save_knob(test, &net_reserve_neigh_entries);
	nr_test_save_knob(test, &net_reserve_rx_pages_kbytes);
	nr_test_save_knob(test, &net_reserve_tx_pages_kbytes);

	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_skb_kbytes, 1024));
	KUNIT_EXPECT_EQ(test, 1024, net_reserve_skb_kbytes);
	KUNIT_EXPECT_EQ(test, (long)SZ_1M, net_skb_reserve.own_limit);

	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_tx_kbytes, 64));
	KUNIT_EXPECT_EQ(test, (long)SZ_64K, net_tx_reserve.own_limit);

	KUNIT_ASSERT_GT(test, entry, 0L);
	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_dst_entries, 10));
	KUNIT_EXPECT_EQ(test, 10 * entry, route4->own_limit);

	KUNIT_ASSERT_GT(test, neigh, 0L);
	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_neigh_entries, 10));
	KUNIT_EXPECT_EQ(test, 10 * neigh, net_neigh_reserve.own_limit);

	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_rx_pages_kbytes, 64));
	KUNIT_EXPECT_EQ(test, (long)SZ_64K, net_rx_page_reserve.own_limit);
	KUNIT_EXPECT_EQ(test, (long)SZ_64K / PAGE_SIZE, net_rx_page_reserve.own_pages);
	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_tx_pages_kbytes, 64));
	KUNIT_EXPECT_EQ(test, (long)SZ_64K, net_tx_page_reserve.own_limit);
	KUNIT_EXPECT_EQ(test, (long)SZ_64K / PAGE_SIZE, net_tx_page_reserve.own_pages);
	/* rounded up to a page; nothing at 0; more than there is refused */
	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_rx_pages_kbytes, 1));
	KUNIT_EXPECT_EQ(test, 1L, net_rx_page_reserve.own_pages);
	KUNIT_EXPECT_EQ(test, (long)PAGE_SIZE, net_rx_page_reserve.own_limit);
	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_tx_pages_kbytes, 0));
	KUNIT_EXPECT_EQ(test, 0L, net_tx_page_reserve.own_pages);
	KUNIT_EXPECT_EQ(test, 0L, net_tx_page_reserve.own_limit);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			nr_test_write_knob(&net_reserve_rx_pages_kbytes, INT_MAX));
	KUNIT_EXPECT_EQ(test, 1, net_reserve_rx_pages_kbytes);
	KUNIT_EXPECT_EQ(test, 1L, net_rx_page_reserve.own_pages);

	KUNIT_EXPECT_EQ(test, -EINVAL, nr_test_write_knob(&net_reserve_skb_kbytes, -1));
	KUNIT_EXPECT_EQ(test, 1024, net_reserve_skb_kbytes);
}

static void sysctl_refused_when_reserve_cannot_grow(struct kunit *test)
{
	int old = net_reserve_skb_kbytes;
	long pages, root, half;

	nr_test_begin(test);
	half = mr_test_kmalloc_bytes_past_watermark(test) / SZ_1K;
	nr_test_save_knob(test, &net_reserve_skb_kbytes);
	nr_test_udp_socket(test, 7401, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_skb_reserve));
	pages = net_skb_reserve.own_pages;
	root = mem_reserve_pages(&mem_reserve_root);

	/* past what the min watermarks may hold */
	KUNIT_EXPECT_EQ(test, -ENOMEM,
			nr_test_write_knob(&net_reserve_skb_kbytes, half));
	KUNIT_EXPECT_EQ(test, old, net_reserve_skb_kbytes);
	KUNIT_EXPECT_EQ(test, pages, net_skb_reserve.own_pages);
	KUNIT_EXPECT_EQ(test, root, mem_reserve_pages(&mem_reserve_root));
}

static struct kunit_case net_reserve_sysctl_cases[] = {
	KUNIT_CASE(sysctl_knobs_resize_their_groups),
	KUNIT_CASE(sysctl_refused_when_reserve_cannot_grow),
	{}
};

static struct kunit_suite net_reserve_sysctl_suite = {
	.name = "net_reserve_sysctl",
	.test_cases = net_reserve_sysctl_cases,
};

kunit_test_suite(net_reserve_sysctl_suite);

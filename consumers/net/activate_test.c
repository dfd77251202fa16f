// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the network reserve connects with the first SOCK_MEMALLOC socket
 * and disconnects after the last (a grace period later), moving the root total and the min
 * watermarks by exactly its pages and back.
 */
#include <kunit/test.h>
#include <linux/mmzone.h>
#include <linux/sched/mm.h>
#include <linux/sizes.h>
#include <net/hotdata.h>
#include <net/sock.h>
#include "net_test_util.h"
#include "test_util.h"

#define NR_TEST_MAX_ZONES	(MAX_NUMNODES * MAX_NR_ZONES)

static void wmark_snapshot(long *min)
{
	struct zone *zone;
	int i = 0;

	for_each_populated_zone(zone)
		min[i++] = mr_test_min_wmark(zone);
}

static long wmark_raise(const long *before, const long *after)
{
	struct zone *zone;
	long sum = 0;
	int i = 0;

	for_each_populated_zone(zone) {
		sum += after[i] - before[i];
		i++;
	}
	return sum;
}

static void activation_follows_memalloc_sockets(struct kunit *test)
{
	long *before = kunit_kcalloc(test, NR_TEST_MAX_ZONES, sizeof(long), GFP_KERNEL);
	long *now = kunit_kcalloc(test, NR_TEST_MAX_ZONES, sizeof(long), GFP_KERNEL);
	long root = mem_reserve_pages(&mem_reserve_root);
	long net = mem_reserve_pages(&net_reserve_top);
	long slabs = mem_reserve_cpu_slab_total;
	struct kmem_cache *skb_caches[] = {
		net_hotdata.skb_small_head_cache,
		net_hotdata.skbuff_cache,
		net_hotdata.skbuff_fclone_cache,
	};
	struct nr_test_socket *a, *b;
	int zones = 0, i;
	struct zone *zone;

	nr_test_begin(test);
	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, now);
	for_each_populated_zone(zone)
		zones++;
	KUNIT_ASSERT_GT(test, net, 0L);
	KUNIT_ASSERT_FALSE(test, mem_reserve_connected(&net_reserve_top));
	wmark_snapshot(before);

	/* a normal socket changes nothing */
	nr_test_udp_socket(test, 7000, false);
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(&net_reserve_top));

	a = nr_test_udp_socket(test, 7001, true);
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_skb_reserve));
	/* with the per-CPU slabs of the caches its groups hold objects of */
	KUNIT_EXPECT_GT(test, mem_reserve_cpu_slab_total, slabs);
	/* small heads, sk_buffs and fclone pairs among them, both directions */
	for (i = 0; i < ARRAY_SIZE(skb_caches); i++) {
		KUNIT_EXPECT_PTR_EQ(test, skb_caches[i], net_skb_reserve.extra_caches[i]);
		KUNIT_EXPECT_PTR_EQ(test, skb_caches[i], net_tx_reserve.extra_caches[i]);
	}
	net += mem_reserve_cpu_slab_total - slabs;
	KUNIT_EXPECT_EQ(test, root + net, mem_reserve_pages(&mem_reserve_root));
	wmark_snapshot(now);
	/* spread over the zones like min_free_kbytes: the split only truncates */
	KUNIT_EXPECT_LE(test, wmark_raise(before, now), net);
	KUNIT_EXPECT_GT(test, wmark_raise(before, now), net - zones);

	/* a second one keeps it connected, and so does closing the first */
	b = nr_test_udp_socket(test, 7002, true);
	KUNIT_EXPECT_EQ(test, root + net, mem_reserve_pages(&mem_reserve_root));
	nr_test_close_socket(test, a);
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));

	nr_test_close_socket(test, b);
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(&net_reserve_top));
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(&net_skb_reserve));
	KUNIT_EXPECT_EQ(test, root, mem_reserve_pages(&mem_reserve_root));
	KUNIT_EXPECT_EQ(test, slabs, mem_reserve_cpu_slab_total);
	wmark_snapshot(now);
	KUNIT_EXPECT_EQ(test, 0, memcmp(before, now, zones * sizeof(long)));
}

/*
 * An emergency head while the tree is disconnected, with a PF_MEMALLOC
 * caller (a forced emergency leaves the normal attempt nothing): served
 * from the reserves and marked pfmemalloc, as mainline serves and marks
 * it; counted without a limit while it lives, and given back at its free.
 */
static void expect_head_served_as_mainline(struct kunit *test)
{
	long failed = atomic_long_read(&net_skb_reserve.failed);
	unsigned int noreclaim;
	struct sk_buff *skb;

	KUNIT_ASSERT_FALSE(test, mem_reserve_connected(&net_skb_reserve));
	noreclaim = memalloc_noreclaim_save();
	skb = __alloc_skb(1000, GFP_ATOMIC, SKB_ALLOC_RX, NUMA_NO_NODE);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_NOT_NULL(test, skb);
	if (skb) {
		KUNIT_EXPECT_TRUE(test, skb->pfmemalloc);
		KUNIT_EXPECT_GT(test, mem_reserve_usage(&net_skb_reserve), 0L);
		/* and in every group above it, as the free walks them */
		KUNIT_EXPECT_EQ(test, mem_reserve_usage(&net_skb_reserve),
				mem_reserve_usage(&net_reserve_top));
	}
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&net_skb_reserve.failed), failed);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_reserve_top));
}

/*
 * With no memalloc socket the tree is disconnected and bounds nothing: a
 * PF_MEMALLOC caller's head is served as in mainline, even with some
 * other group keeping the wrappers active.
 */
static void activation_disconnected_tree_serves_as_mainline(struct kunit *test)
{
	nr_test_begin(test);
	mr_test_reserve(test, "other", &mem_reserve_root);
	KUNIT_ASSERT_TRUE(test, mem_reserve_active());
	mr_test_force_emergency(test);
	expect_head_served_as_mainline(test);
}

/*
 * Size the SKB data reserve past what the watermarks can take and open a
 * memalloc socket on @port: the tree is wanted but does not connect.
 * The old size comes back when the case ends.
 */
static void open_socket_with_tree_too_big(struct kunit *test, u16 port)
{
	long half;

	nr_test_begin(test);
	half = mr_test_kmalloc_bytes_past_watermark(test) / SZ_1K;
	nr_test_save_knob(test, &net_reserve_skb_kbytes);
	/* disconnected, so any size up to all of memory is accepted */
	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_skb_kbytes, half));
	nr_test_udp_socket(test, port, true);
	KUNIT_ASSERT_FALSE(test, mem_reserve_connected(&net_reserve_top));
}

/*
 * A memalloc socket whose tree the watermarks cannot take gets what
 * mainline gives it while the work retries: its emergency heads are
 * served from the reserves, not refused.
 */
static void activation_failed_connect_serves_as_mainline(struct kunit *test)
{
	open_socket_with_tree_too_big(test, 7006);
	mr_test_force_emergency(test);
	expect_head_served_as_mainline(test);
}

/*
 * A tree too big for the watermarks does not connect; the work retries,
 * and connects once it fits, without waiting for another socket.
 */
static void activation_retries_a_failed_connect(struct kunit *test)
{
	int old = net_reserve_skb_kbytes;

	open_socket_with_tree_too_big(test, 7003);

	/* still disconnected, so the smaller size is accepted too */
	KUNIT_EXPECT_EQ(test, 0, nr_test_write_knob(&net_reserve_skb_kbytes, old));
	/* runs the pending retry now rather than in NET_RESERVE_RETRY */
	net_reserve_sync();
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));
}

/*
 * A transport that reconnects (sunrpc: sk_clear_memalloc() on the old
 * socket, sk_set_memalloc() on the new one) keeps its reserve across the
 * gap: the tree stays connected, and an emergency head in the gap is
 * served and charged, not refused.
 */
static void activation_reconnect_keeps_reserve(struct kunit *test)
{
	struct nr_test_socket *s;
	unsigned int noreclaim;
	struct sk_buff *skb;

	nr_test_begin(test);
	s = nr_test_udp_socket(test, 7004, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_reserve_top));
	mr_test_force_emergency(test);

	sk_clear_memalloc(s->sock->sk);
	s->memalloc = false;
	KUNIT_EXPECT_FALSE(test, sk_memalloc_socks());
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));

	noreclaim = memalloc_noreclaim_save();
	skb = __alloc_skb(1000, GFP_ATOMIC, SKB_ALLOC_RX, NUMA_NO_NODE);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_NOT_NULL(test, skb);
	if (skb) {
		KUNIT_EXPECT_TRUE(test, skb->pfmemalloc);
		KUNIT_EXPECT_GT(test, mem_reserve_usage(&net_skb_reserve), 0L);
	}
	kfree_skb(skb);

	sk_set_memalloc(s->sock->sk);
	s->memalloc = true;
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));
	/* the grace period's work found a memalloc socket: still connected */
	net_reserve_sync();
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));
}

/*
 * sk_set_memalloc() returns with the tree connected, with no work item or
 * sync in between: the socket's first emergency head finds its groups.
 */
static void activation_connected_when_set_memalloc_returns(struct kunit *test)
{
	struct nr_test_socket *s;

	nr_test_begin(test);
	s = nr_test_udp_socket(test, 7005, false);
	KUNIT_ASSERT_FALSE(test, mem_reserve_connected(&net_reserve_top));
	sk_set_memalloc(s->sock->sk);
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));
	sk_clear_memalloc(s->sock->sk);
}

static struct kunit_case net_reserve_activation_cases[] = {
	KUNIT_CASE(activation_follows_memalloc_sockets),
	KUNIT_CASE(activation_disconnected_tree_serves_as_mainline),
	KUNIT_CASE(activation_failed_connect_serves_as_mainline),
	KUNIT_CASE(activation_retries_a_failed_connect),
	KUNIT_CASE(activation_reconnect_keeps_reserve),
	KUNIT_CASE(activation_connected_when_set_memalloc_returns),
	{}
};

static struct kunit_suite net_reserve_activation_suite = {
	.name = "net_reserve_activation",
	.test_cases = net_reserve_activation_cases,
};

kunit_test_suite(net_reserve_activation_suite);

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: skb heads charged by direction. Transmit heads that dip into the
 * reserves go to the TX reserve, receive heads to the SKB data reserve,
 * so that transmit memory held for long (TCP's retransmit queue while the
 * server is away) cannot take the room of the receive heads that would
 * free it. Real sends on kernel UDP sockets over lo, under a forced
 * emergency so that every head is charged.
 */
#include <kunit/test.h>
#include <linux/sched/mm.h>
#include <linux/sizes.h>
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <net/sock.h>
#include "net_test_util.h"
#include "test_util.h"

#define RX_PORT		7111	/* reads what it is sent */
#define STUCK_PORT	7112	/* never reads: its queue holds what was sent */
#define SENDER_PORT	7113

/* Whether @skb's head is charged to the TX reserve. */
static bool head_on_tx(const struct sk_buff *skb)
{
	return nr_test_head_charge(skb) && (skb_shinfo(skb)->flags & SKBFL_RESERVE_TX);
}

/*
 * A memalloc sender whose allocations do not sleep, so that a full group
 * refuses at once rather than making the case wait for room. (A sleeping
 * sender, as sunrpc's, waits for its transmit queue to free room.)
 */
static struct socket *atomic_sender(struct kunit *test)
{
	struct socket *sock = nr_test_udp_socket(test, SENDER_PORT, true)->sock;

	lock_sock(sock->sk);
	sock->sk->sk_allocation = GFP_ATOMIC | __GFP_MEMALLOC;
	release_sock(sock->sk);
	return sock;
}

/* A datagram of 1000 bytes from @sock to 127.0.0.1:@port, without waiting. */
static int send_to(struct kunit *test, struct socket *sock, u16 port)
{
	void *buf = kunit_kzalloc(test, 1000, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	return net_reserve_lo_sendto(sock, port, buf, 1000, MSG_DONTWAIT);
}

/* A memalloc socket's datagram: its head on the TX reserve, none on RX. */
static void skb_memalloc_send_charged_to_tx(struct kunit *test)
{
	struct nr_test_socket *rx;
	struct socket *sender;

	nr_test_begin(test);
	rx = nr_test_udp_socket(test, RX_PORT, true);
	sender = atomic_sender(test);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_tx_reserve));
	mr_test_force_emergency(test);

	KUNIT_ASSERT_EQ(test, 1000, send_to(test, sender, RX_PORT));
	/* queued at the receiver, charged where it was allocated */
	KUNIT_EXPECT_GT(test, mem_reserve_usage(&net_tx_reserve), 0L);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	KUNIT_EXPECT_EQ(test, 1000, net_reserve_lo_recv(rx->sock));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_tx_reserve));
}

/*
 * Transmit heads held at the TX reserve's limit (here queued at a socket
 * that never reads, as a retransmit queue holds them while its peer is
 * away): further sends are refused, receive heads are not.
 */
static void skb_stuck_tx_does_not_stop_rx(struct kunit *test)
{
	const long tx_failed = atomic_long_read(&net_tx_reserve.failed);
	const long rx_failed = atomic_long_read(&net_skb_reserve.failed);
	struct nr_test_socket *rx, *stuck;
	struct socket *sender;
	struct sk_buff *skb;
	long limit, charge, tx_usage;
	int n, ret = 0;

	nr_test_begin(test);
	nr_test_save_knob(test, &net_reserve_tx_kbytes);
	KUNIT_ASSERT_EQ(test, 0, nr_test_write_knob(&net_reserve_tx_kbytes, 16));
	limit = mem_reserve_limit(&net_tx_reserve);
	rx = nr_test_udp_socket(test, RX_PORT, true);
	stuck = nr_test_udp_socket(test, STUCK_PORT, true);
	sender = atomic_sender(test);
	mr_test_force_emergency(test);

	KUNIT_ASSERT_EQ(test, 1000, send_to(test, sender, STUCK_PORT));
	charge = mem_reserve_usage(&net_tx_reserve);
	KUNIT_ASSERT_GE(test, charge, (long)SZ_1K);
	/* past this many the limit did not hold */
	for (n = 1; n < limit / charge + 16; n++) {
		ret = send_to(test, sender, STUCK_PORT);
		if (ret < 0)
			break;
	}
	KUNIT_EXPECT_EQ(test, -ENOBUFS, ret);
	tx_usage = mem_reserve_usage(&net_tx_reserve);
	KUNIT_EXPECT_LE(test, tx_usage, limit);
	KUNIT_EXPECT_GT(test, tx_usage + charge, limit);
	KUNIT_EXPECT_GT(test, atomic_long_read(&net_tx_reserve.failed), tx_failed);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));

	/* a driver's receive heads still come, charged to receive, and arrive */
	skb = net_reserve_lo_datagram(NET_RESERVE_LO_NETDEV_ALLOC_SKB, RX_PORT, 1000);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_GT(test, nr_test_head_charge(skb), 0L);
	KUNIT_EXPECT_FALSE(test, head_on_tx(skb));
	KUNIT_EXPECT_EQ(test, nr_test_head_charge(skb), mem_reserve_usage(&net_skb_reserve));
	net_reserve_lo_receive(skb);
	KUNIT_EXPECT_EQ(test, 1000, net_reserve_lo_recv(rx->sock));
	KUNIT_EXPECT_EQ(test, tx_usage, mem_reserve_usage(&net_tx_reserve));
	KUNIT_EXPECT_EQ(test, rx_failed, atomic_long_read(&net_skb_reserve.failed));

	/* the stuck queue drains: its charges go back to the TX reserve */
	while (n-- > 0)
		KUNIT_EXPECT_EQ(test, 1000, net_reserve_lo_recv(stuck->sock));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_tx_reserve));
}

/*
 * Each head allocator and copy, by direction: a head without
 * SKB_ALLOC_RX is a transmit head; one with it, a driver refill's
 * included, a receive head; a copy or expansion goes where its original
 * went, whatever skb->pfmemalloc says.
 */
static void skb_heads_keep_their_direction(struct kunit *test)
{
	struct sk_buff *tx, *rx, *frags, *copy;
	unsigned int noreclaim;
	int err;

	nr_test_begin(test);
	nr_test_udp_socket(test, RX_PORT, true);
	mr_test_force_emergency(test);
	noreclaim = memalloc_noreclaim_save();

	tx = alloc_skb(1000, GFP_ATOMIC);
	rx = __alloc_skb(1000, GFP_ATOMIC, SKB_ALLOC_RX, NUMA_NO_NODE);
	frags = __alloc_skb_with_frags(1000, PAGE_SIZE, 0, &err, GFP_ATOMIC,
				       SKB_ALLOC_RX);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	KUNIT_ASSERT_NOT_NULL(test, rx);
	KUNIT_ASSERT_NOT_NULL(test, frags);
	KUNIT_EXPECT_TRUE(test, head_on_tx(tx));
	KUNIT_EXPECT_TRUE(test, tx->pfmemalloc);
	KUNIT_EXPECT_GT(test, nr_test_head_charge(rx), 0L);
	KUNIT_EXPECT_FALSE(test, head_on_tx(rx));
	KUNIT_EXPECT_GT(test, nr_test_head_charge(frags), 0L);
	KUNIT_EXPECT_FALSE(test, head_on_tx(frags));
	KUNIT_EXPECT_EQ(test, nr_test_head_charge(tx), mem_reserve_usage(&net_tx_reserve));
	KUNIT_EXPECT_EQ(test, nr_test_head_charge(rx) + nr_test_head_charge(frags),
			mem_reserve_usage(&net_skb_reserve));
	kfree_skb(frags);

	/* skb_copy() asks for SKB_ALLOC_RX for both: both are pfmemalloc */
	copy = skb_copy(tx, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_TRUE(test, head_on_tx(copy));
	kfree_skb(copy);
	copy = skb_copy(rx, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_GT(test, nr_test_head_charge(copy), 0L);
	KUNIT_EXPECT_FALSE(test, head_on_tx(copy));
	kfree_skb(copy);
	/*
	 * A receive head charged without being pfmemalloc, as one the normal
	 * attempt got from a slab made from the reserves: no SKB_ALLOC_RX for
	 * its copy, which is a receive head all the same.
	 */
	rx->pfmemalloc = 0;
	copy = skb_copy(rx, GFP_ATOMIC);
	rx->pfmemalloc = 1;
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_GT(test, nr_test_head_charge(copy), 0L);
	KUNIT_EXPECT_FALSE(test, head_on_tx(copy));
	kfree_skb(copy);

	KUNIT_ASSERT_EQ(test, 0, pskb_expand_head(tx, 0, 2048, GFP_ATOMIC));
	KUNIT_EXPECT_TRUE(test, head_on_tx(tx));
	KUNIT_ASSERT_EQ(test, 0, pskb_expand_head(rx, 0, 2048, GFP_ATOMIC));
	KUNIT_EXPECT_GT(test, nr_test_head_charge(rx), 0L);
	KUNIT_EXPECT_FALSE(test, head_on_tx(rx));
	KUNIT_EXPECT_EQ(test, nr_test_head_charge(tx), mem_reserve_usage(&net_tx_reserve));
	KUNIT_EXPECT_EQ(test, nr_test_head_charge(rx), mem_reserve_usage(&net_skb_reserve));

	memalloc_noreclaim_restore(noreclaim);
	kfree_skb(tx);
	kfree_skb(rx);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_tx_reserve));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

static struct kunit_case net_reserve_skb_tx_cases[] = {
	KUNIT_CASE(skb_memalloc_send_charged_to_tx),
	KUNIT_CASE(skb_stuck_tx_does_not_stop_rx),
	KUNIT_CASE(skb_heads_keep_their_direction),
	{}
};

static struct kunit_suite net_reserve_skb_tx_suite = {
	.name = "net_reserve_skb_tx",
	.test_cases = net_reserve_skb_tx_cases,
};

kunit_test_suite(net_reserve_skb_tx_suite);

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: a memalloc TCP connection over lo, under a forced emergency, so
 * that every head its packets and its receive path make is charged. The
 * receive path's own heads (tcp_collapse()'s copies) are receive heads,
 * and a full TX reserve refuses a sender that may sleep instead of making
 * it wait with its socket locked.
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/net.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/sizes.h>
#include <linux/tcp.h>
#include <linux/uio.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/tcp.h>
#include "net_test_util.h"
#include "test_util.h"

#define TCP_PORT	7121

static unsigned long collapsed(void)
{
	return snmp_fold_field(init_net.mib.net_statistics, LINUX_MIB_TCPRCVCOLLAPSED);
}

/*
 * A receiver that does not read, sent small segments: past its receive
 * buffer, tcp_prune_queue() collapses its queue into new skbs. When that
 * runs under PF_MEMALLOC, their heads may use the reserves, and they are
 * receive heads: as transmit heads they were refused while a stuck
 * transmit queue held the TX reserve full.
 *
 * The receiver's socket is held while the segments come, so they wait in
 * its backlog, which release_sock() then processes in this task under
 * PF_MEMALLOC, as __sk_backlog_rcv() processes an emergency skb. (TCP
 * clears skb->pfmemalloc on what it sends, so lo's own receive softirq
 * never runs under PF_MEMALLOC.) The sender's socket is held meanwhile,
 * so the ACKs wait in its backlog and the segments stay clones of its
 * queue: they are not coalesced, and each keeps the overhead that makes
 * the queue worth collapsing.
 */
static void tcp_collapse_heads_charged_to_receive(struct kunit *test)
{
	const unsigned long before = collapsed();
	int i, made = 0, on_rx = 0, on_tx = 0;
	unsigned int noreclaim;
	struct nr_test_tcp_pair *tp;
	struct sk_buff *skb;

	nr_test_begin(test);
	tp = nr_test_tcp_pair(test, TCP_PORT, IPPROTO_TCP);
	/* the window it advertised stays open: a window never shrinks */
	sock_set_rcvbuf(tp->server->sk, 0);
	mr_test_force_emergency(test);

	/* held while the client's send locks the client: another subclass */
	lock_sock_nested(tp->server->sk, SINGLE_DEPTH_NESTING);
	for (i = 0; i < TCP_INIT_CWND; i++)
		if (nr_test_tcp_send(tp->client, 100) < 0)
			break;
	lock_sock(tp->client->sk);
	noreclaim = memalloc_noreclaim_save();
	release_sock(tp->server->sk);
	memalloc_noreclaim_restore(noreclaim);
	release_sock(tp->client->sk);
	KUNIT_ASSERT_GT_MSG(test, collapsed(), before,
			    "%d segments sent, none collapsed", i);

	/* what lo delivered are clones; the receiver made the rest */
	lock_sock(tp->server->sk);
	skb_queue_walk(&tp->server->sk->sk_receive_queue, skb) {
		if (skb->fclone != SKB_FCLONE_UNAVAILABLE)
			continue;
		made++;
		if (!nr_test_head_charge(skb))
			continue;
		if (skb_shinfo(skb)->flags & SKBFL_RESERVE_TX)
			on_tx++;
		else
			on_rx++;
	}
	release_sock(tp->server->sk);
	KUNIT_EXPECT_GT(test, made, 0);
	KUNIT_EXPECT_EQ(test, made, on_rx);
	KUNIT_EXPECT_EQ(test, 0, on_tx);
}

struct blocking_send {
	struct socket *sock;
	struct completion done;
	int ret;
};

static int blocking_send_fn(void *arg)
{
	struct blocking_send *s = arg;

	s->ret = nr_test_tcp_send(s->sock, 100);
	complete(&s->done);
	return 0;
}

/*
 * TCP charges its heads with the socket locked, where a wait for room
 * would wait for the ACKs that only the release of that lock processes:
 * a full TX reserve refuses a memalloc sender that may sleep at once,
 * and the send fails as it would for want of memory (-EAGAIN without
 * waiting). It runs in a kthread, so that a wait (the bug) does not hang
 * the case: the filler is given back after the timeout, which ends it.
 */
static void tcp_full_tx_refuses_sleeping_sender(struct kunit *test)
{
	struct nr_test_filler *filler;
	struct blocking_send *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	long waits, failed;
	unsigned long left;
	struct nr_test_tcp_pair *tp;

	KUNIT_ASSERT_NOT_NULL(test, s);
	nr_test_begin(test);
	tp = nr_test_tcp_pair(test, TCP_PORT, IPPROTO_TCP);
	s->sock = tp->client;
	KUNIT_ASSERT_TRUE(test, gfpflags_allow_blocking(s->sock->sk->sk_allocation));
	KUNIT_ASSERT_TRUE(test, s->sock->sk->sk_allocation & __GFP_MEMALLOC);
	filler = nr_test_fill(test, &net_tx_reserve, 0);
	mr_test_force_emergency(test);
	waits = atomic_long_read(&net_tx_reserve.waits);
	failed = atomic_long_read(&net_tx_reserve.failed);

	init_completion(&s->done);
	mr_test_killable_kthread(test, blocking_send_fn, s, "nr_tcp_send");
	left = wait_for_completion_timeout(&s->done, 10 * HZ);
	KUNIT_EXPECT_NE(test, 0UL, left);
	KUNIT_EXPECT_EQ(test, waits, atomic_long_read(&net_tx_reserve.waits));
	KUNIT_EXPECT_GT(test, atomic_long_read(&net_tx_reserve.failed), failed);
	if (!left) {
		nr_test_unfill(test, filler);
		mr_test_wait_for_kthread(test, &s->done);
	}
	KUNIT_EXPECT_EQ(test, -EAGAIN, s->ret);
}

static struct kunit_case net_reserve_tcp_cases[] = {
	KUNIT_CASE(tcp_collapse_heads_charged_to_receive),
	KUNIT_CASE(tcp_full_tx_refuses_sleeping_sender),
	{}
};

static struct kunit_suite net_reserve_tcp_suite = {
	.name = "net_reserve_tcp",
	.test_cases = net_reserve_tcp_cases,
};

kunit_test_suite(net_reserve_tcp_suite);

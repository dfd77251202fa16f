// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: kTLS's receive side on a memalloc connection. sunrpc runs over
 * TLS with its socket's sk_allocation, which carries __GFP_MEMALLOC, and
 * software decryption writes each record into a new skb allocated with
 * it: that skb is a receive head, and a full TX reserve must not refuse
 * it.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/net.h>
#include <linux/tcp.h>
#include <linux/tls.h>
#include <linux/uio.h>
#include <net/sock.h>
#include <net/tcp.h>
#include "net_test_util.h"
#include "test_util.h"

#define TLS_PORT	7131
#define RECORD_LEN	100

/* Read up to RECORD_LEN bytes of clear text without waiting. */
static int tls_recv(struct socket *sock, int flags)
{
	char buf[RECORD_LEN];
	struct msghdr msg = {};
	struct kvec vec = { .iov_base = buf, .iov_len = sizeof(buf) };

	return kernel_recvmsg(sock, &msg, &vec, 1, sizeof(buf), flags | MSG_DONTWAIT);
}

/*
 * A record waits at the receiver; with the TX reserve full, as a stuck
 * transmit queue holds it, and every allocation driven onto the reserves,
 * reading it decrypts into a new skb charged to SKB data. Peeked, the
 * clear text stays queued with its charge; read, it gives it back.
 * (Unconverted, the read fails, and kTLS aborts the session.)
 */
static void tls_decrypted_skb_charged_to_receive(struct kunit *test)
{
	struct nr_test_tcp_pair *tp;
	int i;

	nr_test_begin(test);
	tp = nr_test_tcp_pair(test, TLS_PORT, IPPROTO_TCP);
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->client, TLS_TX));
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->server, TLS_RX));
	KUNIT_ASSERT_EQ(test, RECORD_LEN, nr_test_tcp_send(tp->client, RECORD_LEN));
	/* lo delivers in the sender's softirq, unless a softirq thread does */
	for (i = 0; i < 50 && !tcp_inq(tp->server->sk); i++)
		msleep(20);
	KUNIT_ASSERT_GT(test, tcp_inq(tp->server->sk), 0);

	nr_test_fill(test, &net_tx_reserve, 0);
	mr_test_force_emergency(test);
	KUNIT_ASSERT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	KUNIT_EXPECT_EQ(test, RECORD_LEN, tls_recv(tp->server, MSG_PEEK));
	KUNIT_EXPECT_GT(test, mem_reserve_usage(&net_skb_reserve), 0L);
	KUNIT_EXPECT_EQ(test, RECORD_LEN, tls_recv(tp->server, 0));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

static struct kunit_case net_reserve_tls_cases[] = {
	KUNIT_CASE(tls_decrypted_skb_charged_to_receive),
	{}
};

static struct kunit_suite net_reserve_tls_suite = {
	.name = "net_reserve_tls",
	.test_cases = net_reserve_tls_cases,
};

kunit_test_suite(net_reserve_tls_suite);

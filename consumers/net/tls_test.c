// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: kTLS's receive side on a memalloc connection. kTLS allocates
 * with its socket's sk_allocation, which carries __GFP_MEMALLOC (sunrpc
 * over TLS 1.3, or a TLS 1.2 socket handed to nbd): software decryption
 * writes each record into a new skb allocated with it, and receive
 * offload (TLS 1.2 only in 6.12) copies each record the NIC decrypted
 * into one. That skb is a receive head, and a full TX reserve must not
 * refuse it.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/net.h>
#include <linux/tcp.h>
#include <linux/tls.h>
#include <linux/uio.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <net/tls.h>
#include "net_test_util.h"
#include "test_util.h"

#define TLS_PORT	7131
#define TLS_OFFLOAD_PORT	7132
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
 * reading it into a kvec, which is never zero-copy, takes it into a new
 * skb charged to SKB data. Peeked, that skb stays queued with its charge;
 * read, it gives it back. The premise: the record came marked decrypted
 * exactly when the connection is offloaded.
 */
static void expect_record_read_on_receive(struct kunit *test,
					  struct nr_test_tcp_pair *tp,
					  bool offloaded)
{
	struct sock *sk = tp->server->sk;
	bool decrypted;
	int i;

	KUNIT_ASSERT_EQ(test, RECORD_LEN, nr_test_tcp_send(tp->client, RECORD_LEN));
	/* lo delivers in the sender's softirq, unless a softirq thread does */
	for (i = 0; i < 50 && !tcp_inq(tp->server->sk); i++)
		msleep(20);
	KUNIT_ASSERT_GT(test, tcp_inq(tp->server->sk), 0);
	lock_sock(sk);
	decrypted = skb_is_decrypted(skb_peek(&sk->sk_receive_queue));
	release_sock(sk);
	KUNIT_ASSERT_EQ(test, offloaded, decrypted);

	nr_test_fill(test, &net_tx_reserve, 0);
	mr_test_force_emergency(test);
	KUNIT_ASSERT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	KUNIT_EXPECT_EQ(test, RECORD_LEN, tls_recv(tp->server, MSG_PEEK));
	KUNIT_EXPECT_GT(test, mem_reserve_usage(&net_skb_reserve), 0L);
	KUNIT_EXPECT_EQ(test, RECORD_LEN, tls_recv(tp->server, 0));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/*
 * Software kTLS decrypts the record into that new skb. (Unconverted, the
 * read fails, and kTLS aborts the session.)
 */
static void tls_decrypted_skb_charged_to_receive(struct kunit *test)
{
	struct nr_test_tcp_pair *tp;

	nr_test_begin(test);
	tp = nr_test_tcp_pair(test, TLS_PORT, IPPROTO_TCP);
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->client, TLS_TX));
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->server, TLS_RX));
	expect_record_read_on_receive(test, tp, false);
}

#if IS_ENABLED(CONFIG_TLS_DEVICE)
/*
 * With receive offload, a record the NIC decrypted is read as it came,
 * and a read that is not zero-copy (any read into a kvec) first takes it
 * out of the TCP queue into a copy, allocated with the socket's
 * sk_allocation (tls_strp_msg_detach()). lo, made to offload both ways,
 * delivers the record in clear and marked decrypted, as such a NIC would.
 * (With the copy unconverted, the read fails.)
 */
static void tls_offload_record_copy_charged_to_receive(struct kunit *test)
{
	struct nr_test_tcp_pair *tp;
	int tx_conf, rx_conf;

	nr_test_begin(test);
	nr_test_lo_tls_offload(test, NETIF_F_HW_TLS_TX | NETIF_F_HW_TLS_RX);
	tp = nr_test_tcp_pair(test, TLS_OFFLOAD_PORT, IPPROTO_TCP);
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->client, TLS_TX));
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->server, TLS_RX));
	/* premise: both ends offloaded, not software kTLS */
	tx_conf = tls_get_ctx(tp->client->sk)->tx_conf;
	rx_conf = tls_get_ctx(tp->server->sk)->rx_conf;
	KUNIT_ASSERT_EQ(test, TLS_HW, tx_conf);
	KUNIT_ASSERT_EQ(test, TLS_HW, rx_conf);
	expect_record_read_on_receive(test, tp, true);
}
#endif

static struct kunit_case net_reserve_tls_cases[] = {
	KUNIT_CASE(tls_decrypted_skb_charged_to_receive),
#if IS_ENABLED(CONFIG_TLS_DEVICE)
	KUNIT_CASE(tls_offload_record_copy_charged_to_receive),
#endif
	{}
};

static struct kunit_suite net_reserve_tls_suite = {
	.name = "net_reserve_tls",
	.test_cases = net_reserve_tls_cases,
};

kunit_test_suite(net_reserve_tls_suite);

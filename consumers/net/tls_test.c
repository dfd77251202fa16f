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
#define TLS_COPY_PORT	7133
#define TLS_OFFLOAD_COPY_PORT	7134
#define RECORD_LEN	100

/*
 * A full record, and a receive buffer whose first window (half of it)
 * takes a quarter of one: its start arrives alone, with the window shut.
 */
#define FULL_RECORD_LEN	TLS_MAX_PAYLOAD_SIZE
#define COPY_RCVBUF	4096
/* What the stream parser sizes its copy by: TLS 1.2, AES-GCM-128 */
#define FULL_RECORD_WIRE_LEN	(TLS_HEADER_SIZE + \
				 TLS_CIPHER_AES_GCM_128_IV_SIZE + \
				 FULL_RECORD_LEN + TLS_CIPHER_AES_GCM_128_TAG_SIZE)

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

/* Whether @sock's stream parser copies its record out of the TCP queue */
static bool tls_strp_copying(struct socket *sock)
{
	struct sock *sk = sock->sk;
	bool copying;

	lock_sock(sk);
	copying = tls_sw_ctx_rx(tls_get_ctx(sk))->strp.copy_mode;
	release_sock(sk);
	return copying;
}

/* Send FULL_RECORD_LEN bytes of @data as one record, without waiting */
static int tls_send_full_record(struct socket *sock, const u8 *data)
{
	struct kvec vec = { .iov_base = (void *)data, .iov_len = FULL_RECORD_LEN };
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };

	return kernel_sendmsg(sock, &msg, &vec, 1, FULL_RECORD_LEN);
}

/* Read the record @data was sent as, waiting up to 2 s for its rest */
static void expect_full_record(struct kunit *test, struct socket *sock,
			       const u8 *data)
{
	u8 *buf = kunit_kzalloc(test, FULL_RECORD_LEN, GFP_KERNEL);
	struct kvec vec = { .iov_len = FULL_RECORD_LEN };
	struct msghdr msg = {};
	int i, n = -EAGAIN;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	vec.iov_base = buf;
	for (i = 0; i < 100 && n == -EAGAIN; i++) {
		n = kernel_recvmsg(sock, &msg, &vec, 1, FULL_RECORD_LEN,
				   MSG_DONTWAIT);
		if (n == -EAGAIN)
			msleep(20);
	}
	KUNIT_ASSERT_EQ(test, FULL_RECORD_LEN, n);
	KUNIT_EXPECT_EQ(test, 0, memcmp(buf, data, FULL_RECORD_LEN));
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

/*
 * In copy mode, receive offload hands the reader the stream parser's
 * anchor, which holds the copied record, and leaves an empty skb in its
 * place for the next record (tls_strp_msg_detach()), allocated with the
 * socket's flags: a receive head, charged to SKB data until the socket
 * closes, and not refused while a stuck transmit queue holds the TX
 * reserve full. (With it unconverted, the read fails.)
 */
static void tls_offload_copy_mode_anchor_charged_to_receive(struct kunit *test)
{
	struct nr_test_tcp_pair *tp;
	struct sk_buff *anchor;
	int i, rx_conf, sent;
	bool copying = false;
	u8 *data;

	data = kunit_kmalloc(test, FULL_RECORD_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, data);
	for (i = 0; i < FULL_RECORD_LEN; i++)
		data[i] = i * 5;
	nr_test_begin(test);
	nr_test_lo_tls_offload(test, NETIF_F_HW_TLS_TX | NETIF_F_HW_TLS_RX);
	tp = nr_test_tcp_pair_rcvbuf(test, TLS_OFFLOAD_COPY_PORT, IPPROTO_TCP,
				     COPY_RCVBUF);
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->client, TLS_TX));
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->server, TLS_RX));
	rx_conf = tls_get_ctx(tp->server->sk)->rx_conf;
	KUNIT_ASSERT_EQ(test, TLS_HW, rx_conf);
	KUNIT_ASSERT_EQ(test, 0, nr_test_setsockopt(tp->client, SOL_SOCKET,
						    SO_SNDBUF, SZ_256K));

	sent = tls_send_full_record(tp->client, data);
	KUNIT_ASSERT_EQ(test, FULL_RECORD_LEN, sent);
	for (i = 0; !(copying = tls_strp_copying(tp->server)) && i < 50; i++)
		msleep(20);
	KUNIT_ASSERT_TRUE_MSG(test, copying, "the record did not arrive in parts");

	nr_test_fill(test, &net_tx_reserve, 0);
	mr_test_force_emergency(test);
	KUNIT_ASSERT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	expect_full_record(test, tp->server, data);
	lock_sock(tp->server->sk);
	anchor = tls_sw_ctx_rx(tls_get_ctx(tp->server->sk))->strp.anchor;
	KUNIT_EXPECT_GT(test, nr_test_head_charge(anchor), 0L);
	KUNIT_EXPECT_EQ(test, nr_test_head_charge(anchor),
			mem_reserve_usage(&net_skb_reserve));
	release_sock(tp->server->sk);
	nr_test_tcp_close(test, tp);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}
#endif

static const bool rx_pages_full[] = { false, true };

static void rx_pages_full_desc(const bool *full, char *desc)
{
	strscpy(desc, *full ? "RX pages full" : "RX pages with room",
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rx_pages_full, rx_pages_full, rx_pages_full_desc);

/*
 * A record that arrives in parts, while the window is shut or the receive
 * buffer under pressure, is copied out of the TCP queue into pages the
 * stream parser allocates with the socket's flags (copy mode), so that
 * the sender can go on: a memalloc socket's come from the reserves when
 * memory is short, and hold received data until the record has been read.
 * With memory exhausted for real, they are charged to "RX pages" until
 * the read frees them; with "RX pages" full, they are served uncounted,
 * as in mainline, and the record is read all the same.
 */
static void tls_copy_mode_pages_charged_until_read(struct kunit *test)
{
	const bool *full = test->param_value;
	long pages = DIV_ROUND_UP(FULL_RECORD_WIRE_LEN, PAGE_SIZE);
	struct mem_reserve *res = &net_rx_page_reserve;
	struct nr_test_tcp_pair *tp;
	long before, uncounted, usage;
	bool copying = false;
	int i, sent;
	u8 *data;

	data = kunit_kmalloc(test, FULL_RECORD_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, data);
	for (i = 0; i < FULL_RECORD_LEN; i++)
		data[i] = i * 7;
	nr_test_begin(test);
	tp = nr_test_tcp_pair_rcvbuf(test, TLS_COPY_PORT, IPPROTO_TCP,
				     COPY_RCVBUF);
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->client, TLS_TX));
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->server, TLS_RX));
	KUNIT_ASSERT_EQ(test, 0, nr_test_setsockopt(tp->client, SOL_SOCKET,
						    SO_SNDBUF, SZ_256K));
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(res));
	if (*full)
		nr_test_fill(test, res, 0);
	before = mem_reserve_usage(res);
	uncounted = atomic_long_read(&res->uncounted);

	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	sent = tls_send_full_record(tp->client, data);
	/* lo delivers in the sender's softirq, unless a softirq thread does */
	for (i = 0; sent > 0 && !(copying = tls_strp_copying(tp->server)) &&
	     i < 50; i++)
		msleep(20);
	usage = mem_reserve_usage(res);
	mr_test_give_back_memory(test);
	KUNIT_ASSERT_EQ(test, FULL_RECORD_LEN, sent);
	KUNIT_ASSERT_TRUE_MSG(test, copying, "the record did not arrive in parts");

	if (*full) {
		KUNIT_EXPECT_EQ(test, before, usage);
		KUNIT_EXPECT_EQ(test, uncounted + pages,
				atomic_long_read(&res->uncounted));
	} else {
		KUNIT_EXPECT_EQ(test, before + pages * PAGE_SIZE, usage);
	}
	expect_full_record(test, tp->server, data);
	KUNIT_EXPECT_FALSE(test, tls_strp_copying(tp->server));
	KUNIT_EXPECT_EQ(test, before, mem_reserve_usage(res));
}

static struct kunit_case net_reserve_tls_cases[] = {
	KUNIT_CASE(tls_decrypted_skb_charged_to_receive),
	KUNIT_CASE_PARAM(tls_copy_mode_pages_charged_until_read,
			 rx_pages_full_gen_params),
#if IS_ENABLED(CONFIG_TLS_DEVICE)
	KUNIT_CASE(tls_offload_record_copy_charged_to_receive),
	KUNIT_CASE(tls_offload_copy_mode_anchor_charged_to_receive),
#endif
	{}
};

static struct kunit_suite net_reserve_tls_suite = {
	.name = "net_reserve_tls",
	.test_cases = net_reserve_tls_cases,
};

kunit_test_suite(net_reserve_tls_suite);

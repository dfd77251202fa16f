// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: a memalloc socket's send pages from the reserves, on "TX pages".
 * Memory is exhausted for real, so that a send copies into a page of the
 * socket's own fragment that the reserves served. The invariants:
 * - such a page is charged once, when the socket takes it, and until it
 *   is freed, whichever reference goes last;
 * - once normal memory is back, the socket's next send replaces it;
 * - every refill of that fragment with the socket's flags is charged, not
 *   only sk_page_frag_refill()'s: TCP's and MPTCP's sends, TCP Fast
 *   Open's data in the SYN, and kTLS offload's records (over lo made to
 *   offload).
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/net.h>
#include <linux/sched/mm.h>
#include <linux/tcp.h>
#include <linux/tls.h>
#include <net/inet_sock.h>
#include <net/tcp.h>
#include <net/tls.h>
#include "net_test_util.h"
#include "test_util.h"

#define TX_PORT		7803
#define FASTOPEN_PORT	7804
#define TLS_OFFLOAD_PORT	7805

/* Read @len bytes from @sock, waiting up to ten seconds for them. */
static int tcp_read(struct socket *sock, int len)
{
	int got = 0, ret, i;

	for (i = 0; i < 500 && got < len; i++) {
		ret = net_reserve_lo_recv(sock);
		if (ret > 0)
			got += ret;
		else if (ret == -EAGAIN)
			msleep(20);
		else
			return ret;
	}
	return got;
}

/* Wait up to ten seconds for @page to be held by one user only. */
static bool page_held_once(struct page *page)
{
	int i;

	for (i = 0; i < 500 && page_ref_count(page) != 1; i++)
		msleep(20);
	return page_ref_count(page) == 1;
}

/*
 * The page of @pfrag, which a send under exhaustion copied into: from the
 * reserves, and charged once, whatever the sends' number (@usage, the
 * group's usage right after them, is its size). Its size in *@size.
 */
static struct page *tx_page_taken(struct kunit *test, struct page_frag *pfrag,
				  long usage, long *size)
{
	KUNIT_ASSERT_NOT_NULL(test, pfrag->page);
	KUNIT_ASSERT_TRUE(test, page_is_pfmemalloc(pfrag->page));
	*size = pfrag->size;
	KUNIT_EXPECT_EQ(test, *size, usage);
	return pfrag->page;
}

/*
 * @page, of @size bytes, charged, its sockets and skbs gone but the case's
 * reference: still charged once it is held by the case alone, given back
 * by the case's put.
 */
static void expect_charged_until_put(struct kunit *test, struct page *page,
				     long size)
{
	KUNIT_EXPECT_TRUE(test, page_held_once(page));
	KUNIT_EXPECT_EQ(test, size, mem_reserve_usage(&net_tx_page_reserve));
	put_page(page);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_tx_page_reserve));
}

static const int protocols[] = { IPPROTO_TCP, IPPROTO_MPTCP };

static void protocol_desc(const int *protocol, char *desc)
{
	strscpy(desc, *protocol == IPPROTO_MPTCP ? "MPTCP" : "TCP",
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(protocol, protocols, protocol_desc);

/*
 * A memalloc pair of the case's protocol, and two sends on its client
 * with memory exhausted for real, into the socket's own fragment, as
 * sunrpc's transport keeps it: the page they copied into, charged once,
 * its size in *@size.
 */
static struct page *tx_page_under_exhaustion(struct kunit *test,
					     struct nr_test_tcp_pair **tpp,
					     long *size)
{
	const int *protocol = test->param_value;
	struct nr_test_tcp_pair *tp;
	int sent, again;
	long usage;

	if (*protocol == IPPROTO_MPTCP && !IS_ENABLED(CONFIG_MPTCP))
		kunit_skip(test, "MPTCP not built");
	nr_test_begin(test);
	tp = nr_test_tcp_pair(test, TX_PORT, *protocol);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_tx_page_reserve));
	tp->client->sk->sk_use_task_frag = false;
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	sent = nr_test_tcp_send(tp->client, 1000);
	again = nr_test_tcp_send(tp->client, 1000);
	usage = mem_reserve_usage(&net_tx_page_reserve);
	mr_test_give_back_memory(test);

	KUNIT_ASSERT_EQ(test, 1000, sent);
	KUNIT_ASSERT_EQ(test, 1000, again);
	*tpp = tp;
	return tx_page_taken(test, &tp->client->sk->sk_frag, usage, size);
}

/*
 * A memalloc socket's send page from the reserves is charged once, when
 * the socket takes it, and until the page is freed: the charge follows
 * the page, not the socket. MPTCP refills its fragment on its own, and
 * keeps its data's descriptor in the page.
 */
static void tx_page_charged_until_freed(struct kunit *test)
{
	struct nr_test_tcp_pair *tp;
	struct page *page;
	long size;

	page = tx_page_under_exhaustion(test, &tp, &size);
	get_page(page);
	nr_test_tcp_close(test, tp);
	expect_charged_until_put(test, page, size);
}

/*
 * A socket reuses a page it holds alone for as long as it lives. Once
 * normal memory is back, its next send replaces a page from the
 * reserves, and the charge is given back with the old page.
 */
static void tx_page_replaced_once_memory_is_back(struct kunit *test)
{
	struct nr_test_tcp_pair *tp;
	struct page *page;
	long size;

	page = tx_page_under_exhaustion(test, &tp, &size);
	/* read at the peer (loopback delivers the sender's frags) and acked */
	KUNIT_ASSERT_EQ(test, 2000, tcp_read(tp->server, 2000));
	KUNIT_ASSERT_TRUE(test, page_held_once(page));

	KUNIT_ASSERT_EQ(test, 1000, nr_test_tcp_send(tp->client, 1000));
	KUNIT_EXPECT_PTR_NE(test, page, tp->client->sk->sk_frag.page);
	KUNIT_EXPECT_FALSE(test, page_is_pfmemalloc(tp->client->sk->sk_frag.page));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_tx_page_reserve));
}

/*
 * A TCP Fast Open client: a memalloc socket whose connect waits for its
 * first send (TCP_FASTOPEN_CONNECT) and needs no cookie, which puts that
 * send's data in the SYN. Its peer, a memalloc listener (so that a SYN
 * from the reserves is not dropped at it) and the socket it accepts, does
 * not take data in a SYN: the client sends it again once connected. Only
 * the client's page is under test.
 */
struct fastopen_conn {
	struct socket *listener;
	struct socket *client;
	struct socket *server;
};

static void fastopen_release(void *arg)
{
	struct fastopen_conn *c = arg;

	/* the accepted socket has the listener's flag, not its own count */
	if (c->server)
		sock_release(c->server);
	if (c->client)
		net_reserve_lo_close(c->client, true);
	if (c->listener)
		net_reserve_lo_close(c->listener, true);
	net_reserve_sync();
}

static struct fastopen_conn *fastopen_connect(struct kunit *test)
{
	struct sockaddr_in addr = net_reserve_lo_addr(FASTOPEN_PORT);
	struct fastopen_conn *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct socket *sock;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fastopen_release, c));
	KUNIT_ASSERT_EQ(test, 0, sock_create_kern(&init_net, PF_INET, SOCK_STREAM,
						  IPPROTO_TCP, &sock));
	sk_set_memalloc(sock->sk);
	c->listener = sock;
	KUNIT_ASSERT_EQ(test, 0, nr_test_setsockopt(sock, SOL_SOCKET,
						    SO_REUSEADDR, 1));
	KUNIT_ASSERT_EQ(test, 0, kernel_bind(sock, (struct sockaddr *)&addr,
					     sizeof(addr)));
	KUNIT_ASSERT_EQ(test, 0, kernel_listen(sock, 1));

	KUNIT_ASSERT_EQ(test, 0, sock_create_kern(&init_net, PF_INET, SOCK_STREAM,
						  IPPROTO_TCP, &sock));
	sk_set_memalloc(sock->sk);
	c->client = sock;
	net_reserve_sync();
	sock->sk->sk_use_task_frag = false;
	KUNIT_ASSERT_EQ(test, 0, nr_test_setsockopt(sock, SOL_TCP,
						    TCP_FASTOPEN_NO_COOKIE, 1));
	KUNIT_ASSERT_EQ(test, 0, nr_test_setsockopt(sock, SOL_TCP,
						    TCP_FASTOPEN_CONNECT, 1));
	KUNIT_ASSERT_EQ(test, 0, nr_test_setsockopt(sock, SOL_TCP, TCP_NODELAY, 1));
	KUNIT_ASSERT_EQ(test, 0, kernel_connect(sock, (struct sockaddr *)&addr,
						sizeof(addr), 0));
	/* premise: no SYN yet, the first send makes it */
	KUNIT_ASSERT_TRUE(test, inet_test_bit(DEFER_CONNECT, sock->sk));
	return c;
}

/*
 * TCP Fast Open's first send carries its data in the SYN:
 * tcp_send_syn_data() refills the socket's fragment itself, past
 * sk_page_frag_refill(). Under exhaustion that page comes from the
 * reserves: it is charged, until it is freed.
 */
static void tx_page_fastopen_syn_data_charged(struct kunit *test)
{
	struct fastopen_conn *c;
	struct page *page;
	int sent, syn_data;
	long usage, size;

	nr_test_begin(test);
	c = fastopen_connect(test);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_tx_page_reserve));
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	sent = nr_test_tcp_send(c->client, 1000);
	syn_data = tcp_sk(c->client->sk)->syn_data;
	usage = mem_reserve_usage(&net_tx_page_reserve);
	mr_test_give_back_memory(test);

	KUNIT_ASSERT_EQ(test, 1000, sent);
	/* premise: the data went in the SYN, not through a later send */
	KUNIT_ASSERT_TRUE(test, syn_data);
	page = tx_page_taken(test, &c->client->sk->sk_frag, usage, &size);

	KUNIT_ASSERT_EQ(test, 0, kernel_accept(c->listener, &c->server, 0));
	KUNIT_ASSERT_EQ(test, 1000, tcp_read(c->server, 1000));
	get_page(page);
	kunit_release_action(test, fastopen_release, c);
	expect_charged_until_put(test, page, size);
}

#if IS_ENABLED(CONFIG_TLS_DEVICE) && IS_BUILTIN(CONFIG_TLS)
static const bool tls_refills[] = { false, true };

static void tls_refill_desc(const bool *tag, char *desc)
{
	strscpy(desc, *tag ? "tag" : "header", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(tls_refill, tls_refills, tls_refill_desc);

/*
 * kTLS offload builds each record in the socket's own fragment, and
 * refills it past sk_page_frag_refill(): for the record's header when
 * the record opens, and for its tag when it closes with less than a tag's
 * room left. Under exhaustion, sent as a swapping task sends (PF_MEMALLOC,
 * as sunrpc's swap tasks run), the refill takes a page from the reserves
 * for a memalloc socket: it is charged, until it is freed. For the tag's
 * refill the socket starts with a page of normal memory that has room for
 * the header and the data, not for the tag, and that it cannot reuse from
 * its start (the case holds it too).
 */
static void tx_page_tls_offload_charged(struct kunit *test)
{
	const bool *tag = test->param_value;
	struct tls_prot_info *prot;
	struct nr_test_tcp_pair *tp;
	struct page *page, *planted = NULL;
	unsigned int noreclaim;
	long usage, size;
	int sent, tx_conf;
	struct sock *sk;

	nr_test_begin(test);
	nr_test_lo_tls_offload(test, NETIF_F_HW_TLS_TX);
	tp = nr_test_tcp_pair(test, TLS_OFFLOAD_PORT, IPPROTO_TCP);
	sk = tp->client->sk;
	sk->sk_use_task_frag = false;
	KUNIT_ASSERT_EQ(test, 0, nr_test_tls_on(tp->client, TLS_TX));
	/* premise: offloaded, not software kTLS */
	tx_conf = tls_get_ctx(sk)->tx_conf;
	KUNIT_ASSERT_EQ(test, TLS_HW, tx_conf);
	KUNIT_ASSERT_NULL(test, sk->sk_frag.page);
	prot = &tls_get_ctx(sk)->prot_info;
	if (*tag) {
		planted = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, planted);
		get_page(planted);
		lock_sock(sk);
		sk->sk_frag.page = planted;
		sk->sk_frag.size = PAGE_SIZE;
		sk->sk_frag.offset = PAGE_SIZE - prot->prepend_size - 100 -
				     prot->tag_size / 2;
		release_sock(sk);
	}

	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	noreclaim = memalloc_noreclaim_save();
	sent = nr_test_tcp_send(tp->client, 100);
	memalloc_noreclaim_restore(noreclaim);
	usage = mem_reserve_usage(&net_tx_page_reserve);
	mr_test_give_back_memory(test);
	/* the refills are done: the socket and its record hold the page now */
	if (planted)
		put_page(planted);

	KUNIT_ASSERT_EQ(test, 100, sent);
	page = tx_page_taken(test, &sk->sk_frag, usage, &size);
	if (planted) {
		/* the tag alone went in the new page */
		KUNIT_EXPECT_PTR_NE(test, planted, page);
		KUNIT_EXPECT_EQ(test, (u32)prot->tag_size, sk->sk_frag.offset);
	}
	get_page(page);
	nr_test_tcp_close(test, tp);
	expect_charged_until_put(test, page, size);
}
#endif

static struct kunit_case net_reserve_tx_pages_cases[] = {
	KUNIT_CASE_PARAM(tx_page_charged_until_freed, protocol_gen_params),
	KUNIT_CASE_PARAM(tx_page_replaced_once_memory_is_back, protocol_gen_params),
	KUNIT_CASE(tx_page_fastopen_syn_data_charged),
#if IS_ENABLED(CONFIG_TLS_DEVICE) && IS_BUILTIN(CONFIG_TLS)
	KUNIT_CASE_PARAM(tx_page_tls_offload_charged, tls_refill_gen_params),
#endif
	{}
};

static struct kunit_suite net_reserve_tx_pages_suite = {
	.name = "net_reserve_tx_pages",
	.test_cases = net_reserve_tx_pages_cases,
};

kunit_test_suite(net_reserve_tx_pages_suite);

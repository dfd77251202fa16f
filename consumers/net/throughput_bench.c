// SPDX-License-Identifier: GPL-2.0
/*
 * Network throughput with plain and with SOCK_MEMALLOC sockets, to compare
 * a kernel with the network reserve against pristine 6.12. This file and
 * loopback.c use mainline interfaces only, so scripts/bench.sh builds the
 * same code into both kernels, boots each under QEMU with two CPUs and
 * divides their figures.
 *
 * Four workloads on lo, one thread, each batch sent and then read back:
 * - udp-send: UDP datagrams sent by an unconnected socket: a route lookup,
 *   a send-side skb, the loopback transmit and the receive path;
 * - tcp-stream: a connected TCP pair over lo;
 * - tcp-own-frag: the same, its sender copying into the socket's own page
 *   fragment rather than the task's, as sunrpc, nbd, nvme-tcp and
 *   iscsi_tcp do: the refill a memalloc socket's send pages go through;
 * - udp-driver-rx: UDP datagrams built with netdev_alloc_skb() and handed
 *   to netif_rx(), as a NIC's driver does: the receive-head allocation
 *   that sk_memalloc_socks() switches to __GFP_MEMALLOC.
 * Each runs in rounds with plain sockets and with the same sockets marked
 * SOCK_MEMALLOC (so one memalloc socket exists and the network reserve,
 * if built, is connected); the median round of each is printed. Nothing
 * about speed is asserted, only that every byte sent arrived.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include "loopback.h"

/*
 * Rounds come in blocks: plain, SOCK_MEMALLOC, plain, SOCK_MEMALLOC, each
 * after a warm-up round. Alternating round by round would flip
 * memalloc_socks_key each time, and every flip patches code (a static
 * key), which under emulation throws away translated code and costs the
 * next round dearly.
 */
#define NB_BLOCKS	4
#define NB_BLOCK	5
#define NB_ROUNDS	(NB_BLOCKS / 2 * NB_BLOCK)
#define NB_ROUND_NS	(250 * NSEC_PER_MSEC)
#define NB_BATCH	32
#define NB_DGRAM	1400
#define NB_TCP_CHUNK	(32 * 1024)
#define NB_BUF		NB_TCP_CHUNK
#define NB_UDP_PORT	9201
#define NB_TCP_PORT	9202
/* a blocked send or receive here is a broken stack, not a slow one */
#define NB_TIMEOUT	(5 * HZ)

struct nb_ctx {
	struct socket *tx;	/* sends: the UDP sender or TCP client */
	struct socket *rx;	/* reads: the UDP receiver or accepted TCP socket */
	struct socket *listener;
	void *buf;
};

struct nb_workload {
	const char *name;
	int (*open)(struct nb_ctx *c);
	long (*batch)(struct nb_ctx *c);	/* bytes moved, or -errno */
};

static void nb_set_timeouts(struct socket *sock)
{
	WRITE_ONCE(sock->sk->sk_rcvtimeo, NB_TIMEOUT);
	WRITE_ONCE(sock->sk->sk_sndtimeo, NB_TIMEOUT);
}

/* Read @len bytes: @n datagrams of @len / @n bytes each, or a stream. */
static long nb_read(struct nb_ctx *c, int n, size_t len, int flags)
{
	long total = 0;
	int i, ret;

	for (i = 0; i < n; i++) {
		struct msghdr msg = {};
		struct kvec vec = { .iov_base = c->buf, .iov_len = NB_BUF };

		ret = kernel_recvmsg(c->rx, &msg, &vec, 1, len / n, flags);
		if (ret != len / n)
			return ret < 0 ? ret : -EIO;
		total += ret;
	}
	return total;
}

static int nb_udp_open(struct nb_ctx *c)
{
	c->rx = net_reserve_lo_socket(NB_UDP_PORT, false);
	if (IS_ERR(c->rx))
		return PTR_ERR(c->rx);
	nb_set_timeouts(c->rx);
	return sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, IPPROTO_UDP, &c->tx);
}

static long nb_udp_send_batch(struct nb_ctx *c)
{
	int i, ret;

	for (i = 0; i < NB_BATCH; i++) {
		ret = net_reserve_lo_sendto(c->tx, NB_UDP_PORT, c->buf, NB_DGRAM, 0);
		if (ret != NB_DGRAM)
			return ret < 0 ? ret : -EIO;
	}
	return nb_read(c, NB_BATCH, NB_BATCH * NB_DGRAM, 0);
}

static int nb_driver_open(struct nb_ctx *c)
{
	c->rx = net_reserve_lo_socket(NB_UDP_PORT, false);
	if (IS_ERR(c->rx))
		return PTR_ERR(c->rx);
	nb_set_timeouts(c->rx);
	return 0;
}

static long nb_driver_rx_batch(struct nb_ctx *c)
{
	struct sk_buff *skb;
	int i;

	for (i = 0; i < NB_BATCH; i++) {
		skb = net_reserve_lo_datagram(NET_RESERVE_LO_NETDEV_ALLOC_SKB,
					      NB_UDP_PORT, NB_DGRAM);
		if (!skb)
			return -ENOMEM;
		net_reserve_lo_receive(skb);
	}
	return nb_read(c, NB_BATCH, NB_BATCH * NB_DGRAM, 0);
}

static int nb_tcp_open(struct nb_ctx *c)
{
	struct sockaddr_in addr = net_reserve_lo_addr(NB_TCP_PORT);
	int err;

	err = sock_create_kern(&init_net, PF_INET, SOCK_STREAM, IPPROTO_TCP, &c->listener);
	if (err)
		return err;
	sock_set_reuseaddr(c->listener->sk);
	err = kernel_bind(c->listener, (struct sockaddr *)&addr, sizeof(addr));
	if (!err)
		err = kernel_listen(c->listener, 1);
	if (!err)
		err = sock_create_kern(&init_net, PF_INET, SOCK_STREAM, IPPROTO_TCP, &c->tx);
	if (!err)
		err = kernel_connect(c->tx, (struct sockaddr *)&addr, sizeof(addr), 0);
	if (!err)
		err = kernel_accept(c->listener, &c->rx, 0);
	if (err)
		return err;
	nb_set_timeouts(c->tx);
	nb_set_timeouts(c->rx);
	return 0;
}

static int nb_tcp_own_frag_open(struct nb_ctx *c)
{
	int err = nb_tcp_open(c);

	if (!err)
		c->tx->sk->sk_use_task_frag = false;
	return err;
}

static long nb_tcp_batch(struct nb_ctx *c)
{
	struct msghdr msg = {};
	struct kvec vec = { .iov_base = c->buf, .iov_len = NB_TCP_CHUNK };
	int ret;

	/* a chunk well inside the initial window: one thread cannot deadlock */
	ret = kernel_sendmsg(c->tx, &msg, &vec, 1, NB_TCP_CHUNK);
	if (ret != NB_TCP_CHUNK)
		return ret < 0 ? ret : -EIO;
	return nb_read(c, 1, NB_TCP_CHUNK, MSG_WAITALL);
}

static const struct nb_workload nb_workloads[] = {
	{ "udp-send-1400B", nb_udp_open, nb_udp_send_batch },
	{ "tcp-stream-32KiB", nb_tcp_open, nb_tcp_batch },
	{ "tcp-own-frag-32KiB", nb_tcp_own_frag_open, nb_tcp_batch },
	{ "udp-driver-rx-1400B", nb_driver_open, nb_driver_rx_batch },
};

static void nb_close(struct nb_ctx *c)
{
	if (!IS_ERR_OR_NULL(c->tx))
		sock_release(c->tx);
	if (!IS_ERR_OR_NULL(c->rx))
		sock_release(c->rx);
	if (!IS_ERR_OR_NULL(c->listener))
		sock_release(c->listener);
	c->tx = NULL;
	c->rx = NULL;
	c->listener = NULL;
}

/* Mark the measured sockets SOCK_MEMALLOC, or clear the mark. */
static void nb_memalloc(struct nb_ctx *c, bool on)
{
	struct socket *socks[] = { c->tx, c->rx };
	int i;

	for (i = 0; i < ARRAY_SIZE(socks); i++) {
		if (!socks[i])
			continue;
		if (on)
			sk_set_memalloc(socks[i]->sk);
		else
			sk_clear_memalloc(socks[i]->sk);
	}
}

/* One round: batches for NB_ROUND_NS; hundredths of MB/s, or -errno. */
static s64 nb_round(struct nb_ctx *c, const struct nb_workload *w)
{
	u64 start = ktime_get_ns(), elapsed, bytes = 0;
	long n;

	do {
		n = w->batch(c);
		if (n < 0)
			return n;
		bytes += n;
		cond_resched();
		elapsed = ktime_get_ns() - start;
	} while (elapsed < NB_ROUND_NS);
	/* bytes per ns times 1000 is MB/s */
	return div64_u64(bytes * 1000 * 100, elapsed);
}

static int nb_cmp(const void *a, const void *b)
{
	s64 x = *(const s64 *)a, y = *(const s64 *)b;

	return x < y ? -1 : x > y;
}

/* Median of the rounds, and their spread (max - min) in % of it. */
static void nb_summary(s64 *r, char *out, size_t len)
{
	s64 med, spread, whole;
	s32 hundredths;

	sort(r, NB_ROUNDS, sizeof(*r), nb_cmp, NULL);
	med = r[NB_ROUNDS / 2];
	spread = med ? div64_s64((r[NB_ROUNDS - 1] - r[0]) * 100, med) : 0;
	/* before the call that reads them: arguments have no set order */
	whole = div_s64_rem(med, 100, &hundredths);
	snprintf(out, len, "%7lld.%02d +-%2lld%%", whole, hundredths, spread / 2);
}

static void nb_workload_row(struct kunit *test, const struct nb_workload *w,
			    void *buf)
{
	s64 plain[NB_ROUNDS], memalloc[NB_ROUNDS], err;
	char p[32], m[32];
	struct nb_ctx c = { .buf = buf };
	int b, i;

	err = w->open(&c);
	if (err) {
		nb_close(&c);
		KUNIT_FAIL(test, "%s: setting up failed: %lld", w->name, err);
		return;
	}
	err = 0;
	for (b = 0; err >= 0 && b < NB_BLOCKS; b++) {
		bool on = b % 2;
		s64 *r = (on ? memalloc : plain) + b / 2 * NB_BLOCK;

		if (on)
			nb_memalloc(&c, true);
		err = nb_round(&c, w);	/* the warm-up: see NB_BLOCK */
		for (i = 0; err >= 0 && i < NB_BLOCK; i++) {
			r[i] = nb_round(&c, w);
			err = r[i];
		}
		if (on)
			nb_memalloc(&c, false);
	}
	nb_close(&c);
	if (err < 0) {
		KUNIT_FAIL(test, "%s: traffic failed: %lld", w->name, err);
		return;
	}
	nb_summary(plain, p, sizeof(p));
	nb_summary(memalloc, m, sizeof(m));
	kunit_info(test, "net_bench: %-20s %s  %s\n", w->name, p, m);
}

static void net_throughput_table(struct kunit *test)
{
	void *buf = kunit_kzalloc(test, NB_BUF, GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* lo up, and the loopback address routable for driver-built packets */
	KUNIT_ASSERT_EQ(test, 0, net_reserve_lo_up(&init_net));
	kunit_info(test, "net_bench: Linux %s, %u CPUs online, MB/s, median of %d rounds of %ld ms\n",
		   init_utsname()->release, num_online_cpus(), NB_ROUNDS,
		   NB_ROUND_NS / NSEC_PER_MSEC);
	kunit_info(test, "net_bench: %-20s %15s  %15s\n", "workload", "plain sockets",
		   "SOCK_MEMALLOC");
	for (i = 0; i < ARRAY_SIZE(nb_workloads); i++)
		nb_workload_row(test, &nb_workloads[i], buf);
}

static struct kunit_case net_throughput_cases[] = {
	KUNIT_CASE_SLOW(net_throughput_table),
	{}
};

static struct kunit_suite net_throughput_suite = {
	.name = "net_throughput_bench",
	.test_cases = net_throughput_cases,
};

kunit_test_suite(net_throughput_suite);

MODULE_DESCRIPTION("Network throughput with plain and SOCK_MEMALLOC sockets");
MODULE_LICENSE("GPL");

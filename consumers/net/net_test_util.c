// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for the network reserve KUnit suites: sockets closed and checks
 * made when a case ends, pass or fail.
 */
#include <kunit/resource.h>
#include <linux/inetdevice.h>
#include <linux/net.h>
#include <linux/rtnetlink.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sockptr.h>
#include <linux/sysctl.h>
#include <linux/tcp.h>
#include <linux/tls.h>
#include <linux/uio.h>
#include <linux/wait.h>
#include <net/hotdata.h>
#include <net/net_namespace.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/tls.h>
#include "net_test_util.h"
#include "test_util.h"

static const struct mem_reserve *const nr_test_groups[] = {
	&net_reserve_top, &net_tx_reserve, &net_tx_page_reserve,
	&net_neigh_reserve, &net_rx_reserve,
	&net_route_reserve[NET_RESERVE_IPV4], &net_route_reserve[NET_RESERVE_IPV6],
	&net_skb_reserve, &net_rx_page_reserve,
	&net_frag_reserve[NET_RESERVE_IPV4], &net_frag_reserve[NET_RESERVE_IPV6],
#if IS_ENABLED(CONFIG_SUNRPC_MEM_RESERVE)
	&rpc_swap_reserve, &rpc_task_reserve, &rpc_slot_reserve,
	&rpc_buffer_reserve,
#endif
#if IS_ENABLED(CONFIG_NFS_MEM_RESERVE)
	&nfs_swap_write_reserve,
#endif
};

/* What a case must leave as it found it. */
struct nr_test_state {
	struct kunit *test;
	long clamped[ARRAY_SIZE(nr_test_groups)];
	int route_localnet;
	int accept_local;
};

/*
 * Runs last, after the case's sockets are gone: the tree must be
 * disconnected again, every group back at zero without an uncharge that
 * went below it (the clamp repairs usage, so only the counter tells), and
 * lo's settings as they were.
 */
static void nr_test_end(void *arg)
{
	struct nr_test_state *st = arg;
	struct kunit *test = st->test;
	struct in_device *in_dev;
	int i;

	net_reserve_sync();
	rcu_barrier();
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(&net_reserve_top));
	for (i = 0; i < ARRAY_SIZE(nr_test_groups); i++) {
		const struct mem_reserve *res = nr_test_groups[i];

		KUNIT_EXPECT_EQ_MSG(test, 0L, mem_reserve_usage(res), "%s", res->name);
		KUNIT_EXPECT_EQ_MSG(test, st->clamped[i], atomic_long_read(&res->clamped),
				    "%s: uncharged more than was charged", res->name);
	}
	rtnl_lock();
	in_dev = __in_dev_get_rtnl(init_net.loopback_dev);
	if (in_dev) {
		IN_DEV_CONF_SET(in_dev, ROUTE_LOCALNET, st->route_localnet);
		IN_DEV_CONF_SET(in_dev, ACCEPT_LOCAL, st->accept_local);
	}
	rtnl_unlock();
	/* as devinet's sysctl does: no input route of the looser settings stays */
	rt_cache_flush(&init_net);
}

/* Start a case: lo up, and the end-of-case checks queued first. */
void nr_test_begin(struct kunit *test)
{
	struct nr_test_state *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	struct in_device *in_dev;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, st);
	st->test = test;
	for (i = 0; i < ARRAY_SIZE(nr_test_groups); i++)
		st->clamped[i] = atomic_long_read(&nr_test_groups[i]->clamped);
	rtnl_lock();
	in_dev = __in_dev_get_rtnl(init_net.loopback_dev);
	if (in_dev) {
		st->route_localnet = IN_DEV_CONF_GET(in_dev, ROUTE_LOCALNET);
		st->accept_local = IN_DEV_CONF_GET(in_dev, ACCEPT_LOCAL);
	}
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, nr_test_end, st));
	KUNIT_ASSERT_EQ(test, 0, net_reserve_lo_up(&init_net));
}

static void nr_test_release(void *arg)
{
	struct nr_test_socket *s = arg;

	net_reserve_lo_close(s->sock, s->memalloc);
	net_reserve_sync();
}

/* A loopback UDP socket on @port, closed when the case ends. */
struct nr_test_socket *nr_test_udp_socket(struct kunit *test, u16 port,
					  bool memalloc)
{
	struct nr_test_socket *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->sock = net_reserve_lo_socket(port, memalloc);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s->sock);
	net_reserve_sync();
	s->memalloc = memalloc;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, nr_test_release, s));
	return s;
}

/* Close a socket from nr_test_udp_socket() before the case ends. */
void nr_test_close_socket(struct kunit *test, struct nr_test_socket *s)
{
	kunit_release_action(test, nr_test_release, s);
}

/* Write @val to the net.mem_reserve knob @knob through its handler. */
int nr_test_write_knob(int *knob, long val)
{
	struct ctl_table table = {
		.data = knob,
		.maxlen = sizeof(int),
		.mode = 0644,
		.extra1 = SYSCTL_ZERO,
	};
	char buf[32];
	size_t len = snprintf(buf, sizeof(buf), "%ld", val);
	loff_t pos = 0;

	return net_reserve_sysctl(&table, 1, buf, &len, &pos);
}

struct nr_test_knob {
	int *knob;
	int val;
};

static void nr_test_restore_knob(void *arg)
{
	struct nr_test_knob *saved = arg;

	nr_test_write_knob(saved->knob, saved->val);
}

/* Write @knob's present value back through its handler when the case ends. */
void nr_test_save_knob(struct kunit *test, int *knob)
{
	struct nr_test_knob *saved = kunit_kzalloc(test, sizeof(*saved), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, saved);
	saved->knob = knob;
	saved->val = *knob;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, nr_test_restore_knob,
							   saved));
}

KUNIT_DEFINE_ACTION_WRAPPER(nr_test_consume_skb, consume_skb, struct sk_buff *);

/* Keep @skb until the case ends, pass or fail. */
void nr_test_hold_skb(struct kunit *test, struct sk_buff *skb)
{
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   nr_test_consume_skb,
							   skb));
}

/*
 * Objects a case may take to reach a slab made from the reserves: earlier
 * cases may leave many free in partial slabs.
 */
#define NR_TEST_TAKEN_MAX	16384

/* Room to take objects of @cache, for nr_test_take_to_slab(). */
struct nr_test_taken *nr_test_taken(struct kunit *test, struct kmem_cache *cache)
{
	struct nr_test_taken *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->cache = cache;
	t->objs = kunit_kcalloc(test, NR_TEST_TAKEN_MAX, sizeof(*t->objs),
				GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->objs);
	return t;
}

/*
 * Take objects with @gfp until one comes from a slab made from the
 * reserves, or with @reserve false from normal memory, which is then this
 * CPU's slab of the cache. The caller keeps bottom halves off from before
 * this call until it has allocated from that slab, so that nothing on
 * this CPU replaces or flushes it in between; with them off, PF_MEMALLOC
 * grants nothing (in_interrupt()), so @gfp asks for the reserves itself.
 * Any context.
 *
 * Return: true if an object came from such a slab.
 */
bool nr_test_take_to_slab(struct nr_test_taken *t, gfp_t gfp, bool reserve)
{
	void *obj;

	while (t->n < NR_TEST_TAKEN_MAX) {
		obj = kmem_cache_alloc(t->cache, gfp);
		if (!obj)
			return false;
		t->objs[t->n++] = obj;
		if (slab_obj_pfmemalloc(obj) == reserve)
			return true;
	}
	return false;
}

/* Free what nr_test_take_to_slab() took. */
void nr_test_give_back_taken(struct nr_test_taken *t)
{
	while (t->n > 0)
		kmem_cache_free(t->cache, t->objs[--t->n]);
}

/*
 * What an skb's head is charged to its group (TX or SKB data), the
 * sk_buff charged with it included, or 0.
 */
long nr_test_head_charge(const struct sk_buff *skb)
{
	long bytes;

	if (skb->head_frag || !(skb_shinfo(skb)->flags & SKBFL_RESERVE))
		return 0;
	bytes = net_reserve_skb_head_size(skb->head, skb_end_offset(skb));
	if (skb_shinfo(skb)->flags & SKBFL_RESERVE_SKB)
		bytes += kmem_cache_size(net_hotdata.skbuff_cache);
	return bytes;
}

static void nr_test_uncharge_filler(void *arg)
{
	struct nr_test_filler *filler = arg;

	mem_reserve_uncharge(filler->res, filler->bytes);
}

/*
 * Charge @res until @room bytes are left below its limit, as if others
 * held them; given back when the case ends, or by nr_test_unfill().
 */
struct nr_test_filler *nr_test_fill(struct kunit *test, struct mem_reserve *res,
				    long room)
{
	struct nr_test_filler *filler = kunit_kzalloc(test, sizeof(*filler), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, filler);
	filler->res = res;
	filler->bytes = mem_reserve_limit(res) - mem_reserve_usage(res) - room;
	KUNIT_ASSERT_GE(test, filler->bytes, 0L);
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(res, filler->bytes));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, nr_test_uncharge_filler,
							   filler));
	return filler;
}

/* Give a filler's bytes back before the case ends. */
void nr_test_unfill(struct kunit *test, struct nr_test_filler *filler)
{
	kunit_release_action(test, nr_test_uncharge_filler, filler);
}

static void nr_test_tcp_release(void *arg)
{
	struct nr_test_tcp_pair *tp = arg;

	if (tp->server)
		net_reserve_lo_close(tp->server, true);
	if (tp->client)
		net_reserve_lo_close(tp->client, true);
	net_reserve_sync();
}

/*
 * Set the int option @name of @level on @sock, as setsockopt() does: an
 * MPTCP socket passes it on to its subflows (SO_REUSEADDR, TCP_NODELAY).
 */
int nr_test_setsockopt(struct socket *sock, int level, int name, int val)
{
	return do_sock_setsockopt(sock, false, level, name, KERNEL_SOCKPTR(&val),
				  sizeof(val));
}

#if IS_BUILTIN(CONFIG_TLS)
/* Turn kTLS on for @dir (TLS_TX or TLS_RX) of TCP socket @sock, zero key. */
int nr_test_tls_on(struct socket *sock, int dir)
{
	struct tls12_crypto_info_aes_gcm_128 info = {
		.info.version = TLS_1_2_VERSION,
		.info.cipher_type = TLS_CIPHER_AES_GCM_128,
	};
	char ulp[] = "tls";
	int err;

	if (!inet_csk(sock->sk)->icsk_ulp_ops) {
		err = sock->ops->setsockopt(sock, SOL_TCP, TCP_ULP,
					    KERNEL_SOCKPTR(ulp), sizeof(ulp));
		if (err)
			return err;
	}
	return sock->ops->setsockopt(sock, SOL_TLS, dir, KERNEL_SOCKPTR(&info),
				     sizeof(info));
}
#endif

#if IS_ENABLED(CONFIG_TLS_DEVICE) && IS_BUILTIN(CONFIG_TLS)
/*
 * kTLS offload over lo: lo is given NETIF_F_HW_TLS_TX, NETIF_F_HW_TLS_RX or
 * both, and ops that take every connection and do nothing. A TLS socket
 * sending over it builds its records in its own fragment, as over a NIC
 * that offloads, and lo delivers them as they are, in clear and marked
 * decrypted (tls_validate_xmit_skb() lets them through to the device the
 * context names); one receiving over it takes such records for ones the
 * NIC decrypted. While the case runs, any kTLS socket over init_net's lo
 * is offloaded so. tls_device deletes each connection once its socket is
 * gone, a transmit one from a work item: the features go first, so that
 * no new connection comes, and lo gets its own ops back once every delete
 * has come (a late delete needs ours, which do nothing without the
 * features). No resync is ever asked for, but tls_device refuses receive
 * offload from a device without the op.
 */
static atomic_t lo_tls_conns = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(lo_tls_wq);

static int lo_tls_dev_add(struct net_device *netdev, struct sock *sk,
			  enum tls_offload_ctx_dir direction,
			  struct tls_crypto_info *crypto_info,
			  u32 start_offload_tcp_sn)
{
	atomic_inc(&lo_tls_conns);
	return 0;
}

static void lo_tls_dev_del(struct net_device *netdev, struct tls_context *ctx,
			   enum tls_offload_ctx_dir direction)
{
	if (atomic_dec_and_test(&lo_tls_conns))
		wake_up(&lo_tls_wq);
}

static int lo_tls_dev_resync(struct net_device *netdev, struct sock *sk,
			     u32 seq, u8 *rcd_sn,
			     enum tls_offload_ctx_dir direction)
{
	return 0;
}

static const struct tlsdev_ops lo_tlsdev_ops = {
	.tls_dev_add = lo_tls_dev_add,
	.tls_dev_del = lo_tls_dev_del,
	.tls_dev_resync = lo_tls_dev_resync,
};

struct lo_tls_saved {
	const struct tlsdev_ops *ops;
	netdev_features_t added;
};

static void lo_tls_restore(void *arg)
{
	struct net_device *lo = init_net.loopback_dev;
	struct lo_tls_saved *saved = arg;

	rtnl_lock();
	lo->features &= ~saved->added;
	rtnl_unlock();
	if (!wait_event_timeout(lo_tls_wq, !atomic_read(&lo_tls_conns), 10 * HZ))
		return;
	rtnl_lock();
	if (!atomic_read(&lo_tls_conns))
		lo->tlsdev_ops = saved->ops;
	rtnl_unlock();
}

/* Offload @features (NETIF_F_HW_TLS_TX, _RX) over lo until the case ends. */
void nr_test_lo_tls_offload(struct kunit *test, netdev_features_t features)
{
	struct lo_tls_saved *saved = kunit_kzalloc(test, sizeof(*saved), GFP_KERNEL);
	struct net_device *lo = init_net.loopback_dev;

	KUNIT_ASSERT_NOT_NULL(test, saved);
	rtnl_lock();
	saved->ops = lo->tlsdev_ops;
	saved->added = features & ~lo->features;
	lo->tlsdev_ops = &lo_tlsdev_ops;
	lo->features |= features;
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, lo_tls_restore,
							   saved));
}

#endif

/*
 * A loopback connection of two memalloc sockets of @protocol (IPPROTO_TCP,
 * or IPPROTO_MPTCP, which nbd takes as any stream socket): a client
 * connected to a listener on @port, and the socket the listener accepted.
 * Both are closed when the case ends. The client sends without delay
 * (TCP_NODELAY).
 */
struct nr_test_tcp_pair *nr_test_tcp_pair(struct kunit *test, u16 port,
					  int protocol)
{
	return nr_test_tcp_pair_rcvbuf(test, port, protocol, 0);
}

/*
 * nr_test_tcp_pair(), with the listener's SO_RCVBUF set to @rcvbuf unless
 * it is 0: the accepted socket inherits it, and its first window is sized
 * from it, so a send larger than that arrives in parts.
 */
struct nr_test_tcp_pair *nr_test_tcp_pair_rcvbuf(struct kunit *test, u16 port,
						 int protocol, int rcvbuf)
{
	struct sockaddr_in addr = net_reserve_lo_addr(port);
	struct nr_test_tcp_pair *tp = kunit_kzalloc(test, sizeof(*tp), GFP_KERNEL);
	struct socket *listener;
	int err;

	KUNIT_ASSERT_NOT_NULL(test, tp);
	KUNIT_ASSERT_EQ(test, 0, sock_create_kern(&init_net, PF_INET, SOCK_STREAM,
						  protocol, &listener));
	err = nr_test_setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, 1);
	if (!err && rcvbuf)
		err = nr_test_setsockopt(listener, SOL_SOCKET, SO_RCVBUF, rcvbuf);
	if (!err)
		err = kernel_bind(listener, (struct sockaddr *)&addr, sizeof(addr));
	if (!err)
		err = kernel_listen(listener, 1);
	if (!err)
		err = sock_create_kern(&init_net, PF_INET, SOCK_STREAM,
				       protocol, &tp->client);
	if (!err) {
		err = kernel_connect(tp->client, (struct sockaddr *)&addr,
				     sizeof(addr), 0);
		if (err) {
			sock_release(tp->client);
			tp->client = NULL;
		}
	}
	if (!err)
		err = kernel_accept(listener, &tp->server, 0);
	sock_release(listener);
	if (err && tp->client)
		sock_release(tp->client);
	KUNIT_ASSERT_EQ(test, 0, err);

	sk_set_memalloc(tp->client->sk);
	sk_set_memalloc(tp->server->sk);
	net_reserve_sync();
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, nr_test_tcp_release, tp));
	KUNIT_ASSERT_EQ(test, 0, nr_test_setsockopt(tp->client, SOL_TCP,
						    TCP_NODELAY, 1));
	return tp;
}

/* Close both ends of @tp before the case ends. */
void nr_test_tcp_close(struct kunit *test, struct nr_test_tcp_pair *tp)
{
	kunit_release_action(test, nr_test_tcp_release, tp);
}

/* Send @len (at most 1 KiB) bytes on @sock without waiting; the bytes sent, or -errno. */
int nr_test_tcp_send(struct socket *sock, size_t len)
{
	static const char buf[SZ_1K];
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	struct kvec vec = { .iov_base = (void *)buf, .iov_len = len };

	return kernel_sendmsg(sock, &msg, &vec, 1, len);
}

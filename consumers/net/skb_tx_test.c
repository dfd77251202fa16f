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
#include <linux/kthread.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <net/hotdata.h>
#include <net/sock.h>
#include "net_test_util.h"
#include "test_util.h"

#define RX_PORT		7111	/* reads what it is sent */
#define STUCK_PORT	7112	/* never reads: its queue holds what was sent */
#define SENDER_PORT	7113
#define SLEEPER_PORT	7114	/* sends with sk_allocation that may sleep */

/* Whether @skb's head is charged to the TX reserve. */
static bool head_on_tx(const struct sk_buff *skb)
{
	return nr_test_head_charge(skb) && (skb_shinfo(skb)->flags & SKBFL_RESERVE_TX);
}

/* A memalloc sender whose allocations do not sleep. */
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

/* A TX reserve of 16 KiB, for the case to fill. */
static void small_tx(struct kunit *test)
{
	nr_test_save_knob(test, &net_reserve_tx_kbytes);
	KUNIT_ASSERT_EQ(test, 0, nr_test_write_knob(&net_reserve_tx_kbytes, 16));
}

/*
 * Send from @sender to STUCK_PORT, which never reads, until the TX
 * reserve refuses a head: -ENOBUFS, with the reserve as full as one more
 * head of *@charge bytes allows. Returns the datagrams queued.
 */
static int fill_tx(struct kunit *test, struct socket *sender, long *charge)
{
	const long limit = mem_reserve_limit(&net_tx_reserve);
	long usage;
	int n, ret = 0;

	KUNIT_ASSERT_EQ(test, 1000, send_to(test, sender, STUCK_PORT));
	*charge = mem_reserve_usage(&net_tx_reserve);
	KUNIT_ASSERT_GE(test, *charge, (long)SZ_1K);
	/* past this many the limit did not hold */
	for (n = 1; n < limit / *charge + 16; n++) {
		ret = send_to(test, sender, STUCK_PORT);
		if (ret < 0)
			break;
	}
	KUNIT_EXPECT_EQ(test, -ENOBUFS, ret);
	usage = mem_reserve_usage(&net_tx_reserve);
	KUNIT_EXPECT_LE(test, usage, limit);
	KUNIT_EXPECT_GT(test, usage + *charge, limit);
	return n;
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
	long charge, tx_usage;
	int n;

	nr_test_begin(test);
	small_tx(test);
	rx = nr_test_udp_socket(test, RX_PORT, true);
	stuck = nr_test_udp_socket(test, STUCK_PORT, true);
	sender = atomic_sender(test);
	mr_test_force_emergency(test);

	n = fill_tx(test, sender, &charge);
	tx_usage = mem_reserve_usage(&net_tx_reserve);
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

struct sleeping_send {
	struct socket *sock;
	struct completion done;
	int ret;
};

static int sleeping_send_fn(void *arg)
{
	struct sleeping_send *s = arg;
	void *buf = kzalloc(1000, GFP_KERNEL);

	s->ret = buf ? net_reserve_lo_sendto(s->sock, STUCK_PORT, buf, 1000, 0) :
		       -ENOMEM;
	kfree(buf);
	complete(&s->done);
	return 0;
}

/*
 * A full TX reserve refuses a sender that may sleep at once, as it
 * refuses an atomic one. sunrpc's sockets allocate with GFP_NOIO, and TCP
 * charges its heads with the socket locked: a wait for room there would
 * wait for the ACKs that only the release of that lock processes. The
 * send runs in a kthread, so that a wait (the bug) ends when the stuck
 * queue drains instead of hanging the case.
 */
static void skb_full_tx_refuses_sleeping_sender(struct kunit *test)
{
	struct sleeping_send *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct nr_test_socket *stuck;
	long charge, waits, failed;
	unsigned long left;

	KUNIT_ASSERT_NOT_NULL(test, s);
	nr_test_begin(test);
	small_tx(test);
	stuck = nr_test_udp_socket(test, STUCK_PORT, true);
	s->sock = nr_test_udp_socket(test, SLEEPER_PORT, true)->sock;
	KUNIT_ASSERT_TRUE(test, gfpflags_allow_blocking(s->sock->sk->sk_allocation));
	KUNIT_ASSERT_TRUE(test, s->sock->sk->sk_allocation & __GFP_MEMALLOC);
	mr_test_force_emergency(test);
	fill_tx(test, atomic_sender(test), &charge);
	waits = atomic_long_read(&net_tx_reserve.waits);
	failed = atomic_long_read(&net_tx_reserve.failed);

	init_completion(&s->done);
	mr_test_killable_kthread(test, sleeping_send_fn, s, "nr_sleeping_send");
	left = wait_for_completion_timeout(&s->done, 10 * HZ);
	KUNIT_EXPECT_NE(test, 0UL, left);
	KUNIT_EXPECT_EQ(test, waits, atomic_long_read(&net_tx_reserve.waits));
	KUNIT_EXPECT_GT(test, atomic_long_read(&net_tx_reserve.failed), failed);

	/* give the room back, which ends the wait if there was one */
	while (net_reserve_lo_recv(stuck->sock) > 0)
		;
	if (!left)
		mr_test_wait_for_kthread(test, &s->done);
	KUNIT_EXPECT_EQ(test, -ENOBUFS, s->ret);
	while (net_reserve_lo_recv(stuck->sock) > 0)
		;
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

/*
 * strparser's message skb wraps the received skbs of a message in its
 * frag_list: a receive head, served under PF_MEMALLOC while the TX
 * reserve is full.
 */
static void skb_strparser_msg_charged_to_receive(struct kunit *test)
{
	struct sk_buff *first, *msg;
	unsigned int noreclaim;

	nr_test_begin(test);
	nr_test_udp_socket(test, RX_PORT, true);
	first = alloc_skb(1000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, first);
	skb_put(first, 1000);
	nr_test_fill(test, &net_tx_reserve, 0);
	mr_test_force_emergency(test);

	noreclaim = memalloc_noreclaim_save();
	msg = alloc_skb_for_msg(first);
	memalloc_noreclaim_restore(noreclaim);
	if (!msg) {
		kfree_skb(first);
		KUNIT_FAIL_AND_ABORT(test, "no message skb");
	}
	KUNIT_EXPECT_GT(test, nr_test_head_charge(msg), 0L);
	KUNIT_EXPECT_FALSE(test, head_on_tx(msg));
	kfree_skb(msg);		/* and first, on its frag_list */
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/*
 * A pair's direction, which of its skbs is freed first, and whether the
 * tree disconnects before the frees (the last memalloc socket gone): each
 * value of each in two of the four cases.
 */
struct fclone_case {
	bool rx;
	bool clone_first;
	bool disconnect;
};

static const struct fclone_case fclone_cases[] = {
	{ false, false, false }, { false, true, true },
	{ true, false, true }, { true, true, false },
};

static void fclone_case_desc(const struct fclone_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s, %s freed first%s",
		 c->rx ? "receive" : "transmit", c->clone_first ? "clone" : "original",
		 c->disconnect ? ", tree disconnected" : "");
}

KUNIT_ARRAY_PARAM(fclone_case, fclone_cases, fclone_case_desc);

/*
 * Under real exhaustion, an fclone pair from a slab made from the
 * reserves, its head from them too, with a memalloc socket's flags: a
 * transmit pair, as TCP allocates for what it sends, or a receive one, as
 * an fclone copy of a receive skb is. The pair is charged to its
 * head's group, beside the head, and keeps its charge while either of its
 * skbs lives, whichever goes first; freed while a plain clone still holds
 * the head, it gives back its own charge and not the head's. A charge
 * outlives the tree's connection, and is given back once all the same.
 */
static void skb_fclone_charged_until_pair_freed(struct kunit *test)
{
	const struct fclone_case *c = test->param_value;
	struct mem_reserve *res = c->rx ? &net_skb_reserve : &net_tx_reserve;
	struct mem_reserve *other = c->rx ? &net_tx_reserve : &net_skb_reserve;
	struct kmem_cache *cache = net_hotdata.skbuff_fclone_cache;
	struct nr_test_taken *taken = nr_test_taken(test, cache);
	const gfp_t gfp = GFP_ATOMIC | __GFP_MEMALLOC;
	const long pair = kmem_cache_size(cache);
	struct sk_buff *skb, *companion, *plain, *first;
	long head, usage, between, head_only, after, plain_charge;
	struct nr_test_socket *memalloc;
	bool pair_reserve, premises;
	int n;

	nr_test_begin(test);
	memalloc = nr_test_udp_socket(test, RX_PORT, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(res));
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);

	/*
	 * One CPU, whose fclone slab is made from the reserves, and a head
	 * the reserves serve, with a memalloc socket's flags: pairs are
	 * taken until one comes from a new slab, with bottom halves off so
	 * that nothing on this CPU replaces that slab before __alloc_skb()
	 * takes from it.
	 */
	mr_test_force_emergency(test);
	local_bh_disable();
	nr_test_take_to_slab(taken, gfp, true);
	skb = __alloc_skb(1000, gfp, SKB_ALLOC_FCLONE |
			  (c->rx ? SKB_ALLOC_RX : 0), NUMA_NO_NODE);
	usage = mem_reserve_usage(res);
	local_bh_enable();
	mr_test_give_back_memory(test);
	n = taken->n;
	nr_test_give_back_taken(taken);
	KUNIT_ASSERT_NOT_NULL(test, skb);

	/*
	 * The companion shares the pair; a second clone, the companion
	 * busy, is a plain sk_buff holding the head. Read, then freed,
	 * before anything is asserted.
	 */
	pair_reserve = slab_obj_pfmemalloc(skb);
	head = nr_test_head_charge(skb);
	companion = skb_clone(skb, GFP_KERNEL);
	plain = skb_clone(skb, GFP_KERNEL);
	premises = companion && companion->fclone == SKB_FCLONE_CLONE && plain;
	/*
	 * The plain clone asks for the reserves too (its skb is pfmemalloc):
	 * if this CPU's sk_buff slab is still one made from them, a transmit
	 * skb's clone is charged on its own (skb_clone_charged_until_freed).
	 */
	plain_charge = plain && plain->fclone == SKB_FCLONE_RESERVE_TX ?
		       kmem_cache_size(net_hotdata.skbuff_cache) : 0;
	if (c->disconnect) {
		nr_test_close_socket(test, memalloc);
		premises &= !mem_reserve_connected(res);
	}
	first = c->clone_first ? companion : skb;
	kfree_skb(first);
	between = mem_reserve_usage(res);
	kfree_skb(first == skb ? companion : skb);
	head_only = mem_reserve_usage(res);
	kfree_skb(plain);
	after = mem_reserve_usage(res);

	/* the premises: both from the reserves, the clones as said */
	KUNIT_ASSERT_TRUE_MSG(test, pair_reserve,
			      "%d pairs taken, none from the reserves", n);
	KUNIT_ASSERT_GT(test, head, 0L);
	KUNIT_ASSERT_TRUE(test, premises);
	KUNIT_EXPECT_TRUE(test, !c->rx || !plain_charge);
	KUNIT_EXPECT_EQ(test, head + pair, usage);
	KUNIT_EXPECT_EQ(test, head + pair + plain_charge, between);
	KUNIT_EXPECT_EQ(test, head + plain_charge, head_only);
	KUNIT_EXPECT_EQ(test, 0L, after);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(other));
}

/* How a case frees its clone: each path a plain sk_buff may take. */
enum clone_free {
	CLONE_KFREE_SKB,	/* kfree_skbmem() */
	CLONE_NAPI_CONSUME,	/* recycled into the CPU's NAPI cache */
	CLONE_LIST,		/* bulk-freed with its list */
	CLONE_STOLEN_NAPI,	/* its head stolen, by GRO */
	CLONE_STOLEN_PARTIAL,	/* its head stolen, by TCP's coalescing */
};

/*
 * A clone's direction, how it is freed, which goes first, whether the
 * tree disconnects before the frees; and, for a transmit clone, whether
 * it comes from normal memory, or from the reserves with the TX reserve
 * full.
 */
struct clone_case {
	bool rx;
	enum clone_free how;
	bool clone_first;
	bool disconnect;
	bool normal;
	bool full;
};

static const struct clone_case clone_cases[] = {
	{ false, CLONE_KFREE_SKB, false, false },
	{ false, CLONE_NAPI_CONSUME, true, true },
	{ false, CLONE_LIST, false, true },
	{ false, CLONE_LIST, true, false },
	{ true, CLONE_KFREE_SKB, true, false },
	{ true, CLONE_NAPI_CONSUME, false, true },
	{ false, CLONE_STOLEN_NAPI, true, true },
	{ false, CLONE_STOLEN_PARTIAL, true, false },
	{ false, CLONE_KFREE_SKB, true, false, .normal = true },
	{ false, CLONE_NAPI_CONSUME, false, false, .full = true },
};

static void clone_case_desc(const struct clone_case *c, char *desc)
{
	static const char * const how[] = {
		[CLONE_KFREE_SKB] = "kfree_skb",
		[CLONE_NAPI_CONSUME] = "napi_consume_skb",
		[CLONE_LIST] = "kfree_skb_list",
		[CLONE_STOLEN_NAPI] = "napi_skb_free_stolen_head",
		[CLONE_STOLEN_PARTIAL] = "kfree_skb_partial",
	};

	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s%s%s, by %s, %s freed first%s",
		 c->rx ? "receive" : "transmit",
		 c->normal ? ", normal memory" : "",
		 c->full ? ", TX reserve full" : "", how[c->how],
		 c->clone_first ? "clone" : "original",
		 c->disconnect ? ", tree disconnected" : "");
}

KUNIT_ARRAY_PARAM(clone_case, clone_cases, clone_case_desc);

static void free_clone(struct sk_buff *clone, enum clone_free how)
{
	switch (how) {
	case CLONE_KFREE_SKB:
		kfree_skb(clone);
		break;
	case CLONE_NAPI_CONSUME:
		local_bh_disable();
		napi_consume_skb(clone, NAPI_POLL_WEIGHT);
		local_bh_enable();
		break;
	case CLONE_LIST:
		kfree_skb_list(clone);
		break;
	case CLONE_STOLEN_NAPI:
	case CLONE_STOLEN_PARTIAL:
		/*
		 * A head stolen into another skb goes with that skb: the
		 * clone's reference to it is handed over, here to the
		 * original, which still holds one.
		 */
		atomic_dec(&skb_shinfo(clone)->dataref);
		if (how == CLONE_STOLEN_PARTIAL) {
			kfree_skb_partial(clone, true);
			break;
		}
		local_bh_disable();
		napi_skb_free_stolen_head(clone);
		local_bh_enable();
		break;
	}
}

/*
 * A plain clone of an skb whose head the reserves served, with
 * GFP_ATOMIC, as a packet tap's copy of a memalloc socket's send is
 * made. Under real exhaustion, from a slab made from the reserves, a
 * transmit skb's clone is charged to the TX reserve on its own, beside
 * its head, for as long as it lives, on every path that frees it,
 * whether it goes before the original or after, and once the tree is
 * disconnected too. A receive skb's clone is not counted, and leaves the
 * TX reserve alone. Nor is a clone from normal memory, or one the full
 * TX reserve has no room for, which is served and counted "uncounted".
 */
static void skb_clone_charged_until_freed(struct kunit *test)
{
	const struct clone_case *c = test->param_value;
	struct mem_reserve *res = c->rx ? &net_skb_reserve : &net_tx_reserve;
	struct mem_reserve *other = c->rx ? &net_tx_reserve : &net_skb_reserve;
	struct kmem_cache *cache = net_hotdata.skbuff_cache;
	struct nr_test_taken *taken = nr_test_taken(test, cache);
	const gfp_t gfp = GFP_ATOMIC | __GFP_MEMALLOC;
	const long uncounted = atomic_long_read(&res->uncounted);
	const bool charged = !c->rx && !c->normal && !c->full;
	const long clone_charge = charged ? kmem_cache_size(cache) : 0;
	struct nr_test_filler *filler = NULL;
	long head, usage, between, after;
	struct nr_test_socket *memalloc;
	bool from_slab, premises;
	struct sk_buff *skb, *clone;
	u8 fclone;
	int n;

	/* a stolen head goes to the original: the clone must go first */
	KUNIT_ASSERT_TRUE(test, c->how < CLONE_STOLEN_NAPI || c->clone_first);
	nr_test_begin(test);
	memalloc = nr_test_udp_socket(test, RX_PORT, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(res));
	if (!c->normal)
		KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	mr_test_force_emergency(test);
	skb = __alloc_skb(1000, gfp, c->rx ? SKB_ALLOC_RX : 0, NUMA_NO_NODE);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	head = nr_test_head_charge(skb);
	if (c->full)
		filler = nr_test_fill(test, res, 0);

	/*
	 * One CPU, sk_buffs taken until one comes from a new slab of the
	 * kind the case wants, with bottom halves off so that nothing on
	 * this CPU replaces that slab before skb_clone() takes from it.
	 */
	local_bh_disable();
	nr_test_take_to_slab(taken, gfp, !c->normal);
	clone = skb_clone(skb, GFP_ATOMIC);
	usage = mem_reserve_usage(res);
	local_bh_enable();
	mr_test_give_back_memory(test);
	n = taken->n;
	nr_test_give_back_taken(taken);
	if (!clone)
		kfree_skb(skb);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	if (filler)
		nr_test_unfill(test, filler);

	/* read, then freed, before anything is asserted */
	from_slab = slab_obj_pfmemalloc(clone) == !c->normal;
	fclone = clone->fclone;
	premises = true;
	if (c->disconnect) {
		nr_test_close_socket(test, memalloc);
		premises = !mem_reserve_connected(res);
	}
	if (c->clone_first)
		free_clone(clone, c->how);
	else
		kfree_skb(skb);
	between = mem_reserve_usage(res);
	if (c->clone_first)
		kfree_skb(skb);
	else
		free_clone(clone, c->how);
	after = mem_reserve_usage(res);

	/* the premises: the head charged, the clone from the slab wanted */
	KUNIT_ASSERT_TRUE_MSG(test, from_slab,
			      "%d sk_buffs taken, the clone not from the slab wanted", n);
	KUNIT_ASSERT_GT(test, head, 0L);
	KUNIT_ASSERT_TRUE(test, premises);
	KUNIT_EXPECT_EQ(test, charged ? SKB_FCLONE_RESERVE_TX : SKB_FCLONE_UNAVAILABLE,
			fclone);
	if (c->full)
		KUNIT_EXPECT_EQ(test, mem_reserve_limit(res), usage);
	else
		KUNIT_EXPECT_EQ(test, head + clone_charge, usage);
	KUNIT_EXPECT_EQ(test, uncounted + (c->full ? 1 : 0),
			atomic_long_read(&res->uncounted));
	/* the clone holds the head; without the clone, the head is left */
	KUNIT_EXPECT_EQ(test, c->clone_first ? head : head + clone_charge, between);
	KUNIT_EXPECT_EQ(test, 0L, after);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(other));
}

static struct kunit_case net_reserve_skb_tx_cases[] = {
	KUNIT_CASE(skb_memalloc_send_charged_to_tx),
	KUNIT_CASE(skb_stuck_tx_does_not_stop_rx),
	KUNIT_CASE(skb_full_tx_refuses_sleeping_sender),
	KUNIT_CASE(skb_heads_keep_their_direction),
	KUNIT_CASE(skb_strparser_msg_charged_to_receive),
	KUNIT_CASE_PARAM(skb_fclone_charged_until_pair_freed, fclone_case_gen_params),
	KUNIT_CASE_PARAM(skb_clone_charged_until_freed, clone_case_gen_params),
	{}
};

static struct kunit_suite net_reserve_skb_tx_suite = {
	.name = "net_reserve_skb_tx",
	.test_cases = net_reserve_skb_tx_cases,
};

kunit_test_suite(net_reserve_skb_tx_suite);

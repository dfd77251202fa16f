// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: IPv4 fragment queues on the fragment cache reserve. Emergency
 * fragments are charged while they wait, and every charge comes back when
 * the datagram is reassembled or its queue times out.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/sched/mm.h>
#include <linux/sizes.h>
#include <linux/sysctl.h>
#include <linux/udp.h>
#include <linux/user_namespace.h>
#include <linux/workqueue.h>
#include <net/inet_frag.h>
#include <net/ip.h>
#include <trace/events/skb.h>
#include <net/net_namespace.h>
#include "net_test_util.h"
#include "test_util.h"

#define MEMALLOC_PORT	7201
#define FIRST_LEN	512	/* IP payload of the first fragment; 8-aligned */
#define DATAGRAM_LEN	900	/* UDP length of the whole datagram */

static struct mem_reserve *frag4 = &net_frag_reserve[NET_RESERVE_IPV4];
static struct mem_reserve *frag6 = &net_frag_reserve[NET_RESERVE_IPV6];

/* The first or the second fragment of datagram @id, in @net, over IPv6 or not. */
static struct sk_buff *fragment_in(struct kunit *test, struct net *net,
				   bool ipv6, bool first, u16 id)
{
	struct net_reserve_lo_pkt p = {
		.net = net,
		.ipv6 = ipv6,
		.alloc = NET_RESERVE_LO_NETDEV_ALLOC_SKB,
		.dport = MEMALLOC_PORT,
		.len = first ? FIRST_LEN : DATAGRAM_LEN - FIRST_LEN,
		.frag_off = first ? 0 : FIRST_LEN,
		.more_frags = first,
		.id = id,
		.udp_len = DATAGRAM_LEN,
	};
	struct sk_buff *skb = net_reserve_lo_build(&p);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_TRUE(test, skb->pfmemalloc);
	return skb;
}

static struct sk_buff *fragment(struct kunit *test, bool first, u16 id)
{
	return fragment_in(test, NULL, false, first, id);
}

static void frag_emergency_datagram_reassembled(struct kunit *test)
{
	struct nr_test_socket *memalloc;
	struct sk_buff *first;
	long queued;

	nr_test_begin(test);
	memalloc = nr_test_udp_socket(test, MEMALLOC_PORT, true);
	mr_test_force_emergency(test);

	first = fragment(test, true, 1);
	queued = first->truesize;
	net_reserve_lo_receive(first);
	/* the queue and the fragment it holds */
	KUNIT_EXPECT_GE(test, mem_reserve_usage(frag4), queued);
	KUNIT_EXPECT_LE(test, mem_reserve_usage(frag4), mem_reserve_limit(frag4));
	queued = mem_reserve_usage(frag4);

	/* a duplicate is dropped, and what it was charged given back */
	net_reserve_lo_receive(fragment(test, true, 1));
	KUNIT_EXPECT_EQ(test, queued, mem_reserve_usage(frag4));

	net_reserve_lo_receive(fragment(test, false, 1));
	rcu_barrier();		/* the queue is freed by RCU */
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(frag4));
	KUNIT_EXPECT_EQ(test, DATAGRAM_LEN - (int)sizeof(struct udphdr),
			net_reserve_lo_recv(memalloc->sock));
}

/* The drop reason of one skb, read from the kfree_skb tracepoint. */
static struct sk_buff *drop_watched;
static enum skb_drop_reason drop_reason;

static void watch_kfree_skb(void *data, struct sk_buff *skb, void *location,
			    enum skb_drop_reason reason, struct sock *rx_sk)
{
	if (skb == READ_ONCE(drop_watched))
		WRITE_ONCE(drop_reason, reason);
}

static void unwatch_kfree_skb(void *unused)
{
	unregister_trace_kfree_skb(watch_kfree_skb, NULL);
	tracepoint_synchronize_unregister();
}

/*
 * A fragment the group has no room for is dropped for lack of memory, not
 * as a duplicate, and its queue stays: the same fragment, once there is
 * room, completes the datagram.
 */
static void frag_refused_for_room_dropped_nomem(struct kunit *test)
{
	struct nr_test_filler *filler;
	struct nr_test_socket *memalloc;
	enum skb_drop_reason reason;
	struct sk_buff *second;

	nr_test_begin(test);
	memalloc = nr_test_udp_socket(test, MEMALLOC_PORT, true);
	KUNIT_ASSERT_EQ(test, 0, register_trace_kfree_skb(watch_kfree_skb, NULL));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, unwatch_kfree_skb, NULL));
	mr_test_force_emergency(test);

	net_reserve_lo_receive(fragment(test, true, 2));
	KUNIT_ASSERT_GT(test, mem_reserve_usage(frag4), 0L);

	/* the group full but for one byte */
	filler = nr_test_fill(test, frag4, 1);

	second = fragment(test, false, 2);
	WRITE_ONCE(drop_reason, SKB_NOT_DROPPED_YET);
	WRITE_ONCE(drop_watched, second);
	net_reserve_lo_receive(second);
	WRITE_ONCE(drop_watched, NULL);
	reason = READ_ONCE(drop_reason);
	KUNIT_EXPECT_EQ(test, SKB_DROP_REASON_NOMEM, reason);
	KUNIT_EXPECT_GT(test, mem_reserve_usage(frag4), filler->bytes);

	nr_test_unfill(test, filler);
	net_reserve_lo_receive(fragment(test, false, 2));
	rcu_barrier();		/* the queue is freed by RCU */
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(frag4));
	KUNIT_EXPECT_EQ(test, DATAGRAM_LEN - (int)sizeof(struct udphdr),
			net_reserve_lo_recv(memalloc->sock));
}

/*
 * Move the last @len bytes of @skb's head into an skb on its frag_list, as
 * a first fragment comes that is itself a reassembled datagram (a
 * tunnel's inner fragment).
 */
static void move_tail_to_frag_list(struct kunit *test, struct sk_buff *skb,
				   unsigned int len)
{
	struct sk_buff *tail = alloc_skb(len, GFP_KERNEL);

	if (!tail) {
		kfree_skb(skb);
		KUNIT_FAIL_AND_ABORT(test, "no memory for the frag_list");
	}
	skb_put_data(tail, skb_tail_pointer(skb) - len, len);
	__skb_trim(skb, skb->len - len);
	skb_shinfo(skb)->frag_list = tail;
	skb->len += len;
	skb->data_len += len;
	skb->truesize += tail->truesize;
}

/*
 * A first fragment from normal memory, that @prepare gave what makes
 * reassembly allocate a new skb for it, is queued; then, with the TX
 * reserve full, as a stuck transmit queue holds it, the emergency second
 * fragment completes the datagram. What reassembly allocated meanwhile is
 * a receive head: the datagram is delivered, charged to SKB data.
 */
static void reassemble_with_tx_full(struct kunit *test, u16 id,
				    void (*prepare)(struct kunit *test,
						    struct sk_buff *first))
{
	const long tx_failed = atomic_long_read(&net_tx_reserve.failed);
	struct net_reserve_lo_pkt p = {
		.alloc = NET_RESERVE_LO_NETDEV_ALLOC_SKB,
		.dport = MEMALLOC_PORT,
		.len = FIRST_LEN,
		.more_frags = true,
		.id = id,
		.udp_len = DATAGRAM_LEN,
	};
	struct nr_test_socket *memalloc;
	struct sk_buff *first, *second;
	long second_charge;

	nr_test_begin(test);
	memalloc = nr_test_udp_socket(test, MEMALLOC_PORT, true);
	first = net_reserve_lo_build(&p);
	KUNIT_ASSERT_NOT_NULL(test, first);
	KUNIT_EXPECT_FALSE(test, first->pfmemalloc);
	prepare(test, first);
	net_reserve_lo_receive(first);

	nr_test_fill(test, &net_tx_reserve, 0);
	mr_test_force_emergency(test);
	second = fragment(test, false, id);
	second_charge = nr_test_head_charge(second);
	KUNIT_EXPECT_GT(test, second_charge, 0L);
	net_reserve_lo_receive(second);

	/* queued at the socket: the second fragment and the new skb */
	KUNIT_EXPECT_GT(test, mem_reserve_usage(&net_skb_reserve), second_charge);
	KUNIT_EXPECT_EQ(test, tx_failed, atomic_long_read(&net_tx_reserve.failed));
	KUNIT_EXPECT_EQ(test, DATAGRAM_LEN - (int)sizeof(struct udphdr),
			net_reserve_lo_recv(memalloc->sock));
	rcu_barrier();		/* the queue is freed by RCU */
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(frag4));
}

/*
 * Half the first fragment's data on a frag_list, as a first fragment that
 * is itself a reassembled datagram (a tunnel's inner fragment) has it:
 * reassembly splits the list off into an skb of its own.
 */
static void give_frag_list(struct kunit *test, struct sk_buff *first)
{
	move_tail_to_frag_list(test, first, FIRST_LEN / 2);
}

static void frag_reassembly_split_charged_to_receive(struct kunit *test)
{
	reassemble_with_tx_full(test, 4, give_frag_list);
}

/*
 * Another user shares the first fragment, as a packet socket's clone
 * does: reassembly gives it a head of its own.
 */
static void share_first(struct kunit *test, struct sk_buff *first)
{
	struct sk_buff *shared = skb_clone(first, GFP_KERNEL);

	if (!shared) {
		kfree_skb(first);
		KUNIT_FAIL_AND_ABORT(test, "no memory for the clone");
	}
	nr_test_hold_skb(test, shared);
}

static void frag_reassembly_unclone_charged_to_receive(struct kunit *test)
{
	reassemble_with_tx_full(test, 5, share_first);
}

/* A datagram sent in two fragments */
#define OUT_FIRST_LEN		96
#define OUT_DATAGRAM_LEN	200

/* A fragment of datagram @id that a local socket sends, from normal memory. */
static struct sk_buff *fragment_out(struct kunit *test, bool first, u16 id)
{
	struct net_reserve_lo_pkt p = {
		.alloc = NET_RESERVE_LO_NETDEV_ALLOC_SKB,
		.dport = MEMALLOC_PORT,
		.len = first ? OUT_FIRST_LEN : OUT_DATAGRAM_LEN - OUT_FIRST_LEN,
		.frag_off = first ? 0 : OUT_FIRST_LEN,
		.more_frags = first,
		.id = id,
		.udp_len = OUT_DATAGRAM_LEN,
	};
	struct sk_buff *skb = net_reserve_lo_build(&p);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_FALSE(test, skb->pfmemalloc);
	skb_reset_network_header(skb);
	return skb;
}

struct out_defrag {
	struct work_struct work;
	struct completion done;
	struct sk_buff *skb;
	int err;
};

/*
 * What conntrack's LOCAL_OUT hook does with a fragment, ip_defrag(), from
 * a softirq that processes an emergency skb (PF_MEMALLOC, as
 * __netif_receive_skb() sets it), as for a reply sent from there: there the
 * reassembly's allocations may use the reserves. From a task, with bottom
 * halves off, they may not.
 */
static void defrag_on_output_fn(struct work_struct *work)
{
	struct out_defrag *d = container_of(work, struct out_defrag, work);
	unsigned int noreclaim = memalloc_noreclaim_save();

	rcu_read_lock();
	d->err = ip_defrag(&init_net, d->skb, IP_DEFRAG_CONNTRACK_OUT);
	rcu_read_unlock();
	memalloc_noreclaim_restore(noreclaim);
	complete(&d->done);
}

static int defrag_on_output(struct sk_buff *skb)
{
	struct out_defrag d = { .skb = skb };

	INIT_WORK_ONSTACK(&d.work, defrag_on_output_fn);
	init_completion(&d.done);
	queue_work(system_bh_wq, &d.work);
	wait_for_completion(&d.done);
	destroy_work_on_stack(&d.work);
	return d.err;
}

struct out_reasm_case {
	const char *name;
	u16 id;			/* the datagram's, one queue per param */
	/*
	 * The last fragment completes the datagram, as when a sender's
	 * fragments come in order: reassembly takes its socket away before
	 * it allocates. Else the first one does, and keeps it.
	 */
	bool last_completes;
	/* gives the first fragment what makes reassembly allocate */
	void (*prepare)(struct kunit *test, struct sk_buff *first);
	/* the skb reassembly allocated, in the datagram it returns */
	struct sk_buff *(*made)(struct sk_buff *reasm);
};

static void give_small_frag_list(struct kunit *test, struct sk_buff *first)
{
	move_tail_to_frag_list(test, first, OUT_FIRST_LEN / 2);
}

static struct sk_buff *split_made(struct sk_buff *reasm)
{
	return skb_shinfo(reasm)->frag_list;
}

static struct sk_buff *unclone_made(struct sk_buff *reasm)
{
	return reasm;
}

static const struct out_reasm_case out_reasm_cases[] = {
	{ "split, first completes", 6, false, give_small_frag_list, split_made },
	{ "split, last completes", 7, true, give_small_frag_list, split_made },
	{ "unclone, first completes", 8, false, share_first, unclone_made },
	{ "unclone, last completes", 9, true, share_first, unclone_made },
};

static void out_reasm_desc(const struct out_reasm_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(out_reasm, out_reasm_cases, out_reasm_desc);

/*
 * A datagram a local socket sends in fragments, reassembled on output as
 * conntrack's LOCAL_OUT hook does, is on its way out: what reassembly
 * allocates for it (a split-off frag_list's skb, a shared first
 * fragment's own head) goes to the TX reserve, not to SKB data, whose
 * room is for receive. The first fragment came with normal memory, so
 * its head says nothing of the direction; the fragment that completes
 * the datagram is owned by its socket's send buffer. Completed by the last
 * fragment, reassembly clones that one too, which a head from normal
 * memory leaves uncharged.
 */
static void frag_output_reassembly_charged_to_transmit(struct kunit *test)
{
	const struct out_reasm_case *c = test->param_value;
	struct nr_test_socket *sender;
	struct sk_buff *first, *last, *done, *made;
	long tx, rx, charge;
	bool made_tx;
	int err;

	nr_test_begin(test);
	sender = nr_test_udp_socket(test, MEMALLOC_PORT, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_tx_reserve));

	first = fragment_out(test, true, c->id);
	c->prepare(test, first);
	last = fragment_out(test, false, c->id);
	done = c->last_completes ? last : first;
	KUNIT_ASSERT_EQ(test, -EINPROGRESS,
			defrag_on_output(c->last_completes ? first : last));
	skb_set_owner_w(done, sender->sock->sk);

	mr_test_force_emergency(test);
	err = defrag_on_output(done);
	tx = mem_reserve_usage(&net_tx_reserve);
	rx = mem_reserve_usage(&net_skb_reserve);
	KUNIT_ASSERT_EQ(test, 0, err);
	made = c->made(done);
	charge = nr_test_head_charge(made);
	made_tx = skb_shinfo(made)->flags & SKBFL_RESERVE_TX;
	kfree_skb(done);

	KUNIT_EXPECT_GT(test, charge, 0L);
	KUNIT_EXPECT_TRUE(test, made_tx);
	KUNIT_EXPECT_GE(test, tx, charge);
	KUNIT_EXPECT_EQ(test, 0L, rx);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_tx_reserve));
	rcu_barrier();		/* the queue is freed by RCU */
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(frag4));
}

static const bool families[] = { false, true };

static void family_desc(const bool *ipv6, char *desc)
{
	strscpy(desc, *ipv6 ? "IPv6" : "IPv4", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(family, families, family_desc);

struct saved_timeout {
	struct fqdir *fqdir;
	int timeout;
};

static void restore_timeout(void *arg)
{
	struct saved_timeout *saved = arg;

	saved->fqdir->timeout = saved->timeout;
}

/* A lone first fragment: its queue times out and gives everything back. */
static void frag_timed_out_queue_gives_back(struct kunit *test)
{
	const bool *ipv6 = test->param_value;
	struct mem_reserve *res = *ipv6 ? frag6 : frag4;
	struct saved_timeout *saved = kunit_kzalloc(test, sizeof(*saved), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, saved);
	nr_test_begin(test);
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	saved->fqdir = *ipv6 ? init_net.ipv6.fqdir : init_net.ipv4.fqdir;
	saved->timeout = saved->fqdir->timeout;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, restore_timeout,
							   saved));
	saved->fqdir->timeout = HZ / 20;
	mr_test_force_emergency(test);

	net_reserve_lo_receive(fragment_in(test, NULL, *ipv6, true, 2));
	KUNIT_EXPECT_GT(test, mem_reserve_usage(res), 0L);
	msleep(300);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * A namespace going away writes high_thresh = 0 and flushes its queues
 * from work items: whatever its fragments were charged comes back, and
 * the group's size, which only init_net sets, stays.
 */
static void frag_netns_teardown_gives_back(struct kunit *test)
{
	long limit = mem_reserve_limit(frag4);
	struct net *net;
	int i;

	nr_test_begin(test);
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	net = copy_net_ns(CLONE_NEWNET, &init_user_ns, &init_net);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, net);
	if (net_reserve_lo_up(net)) {
		put_net(net);
		KUNIT_FAIL(test, "cannot bring up lo in the new namespace");
		return;
	}
	mr_test_force_emergency(test);
	net_reserve_lo_receive(fragment_in(test, net, false, true, 3));
	KUNIT_EXPECT_GT(test, mem_reserve_usage(frag4), 0L);

	put_net(net);
	/* cleanup_net(), then the fqdir's work, then RCU: poll for it */
	for (i = 0; i < 100 && mem_reserve_usage(frag4); i++) {
		msleep(50);
		rcu_barrier();
	}
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(frag4));
	KUNIT_EXPECT_EQ(test, limit, mem_reserve_limit(frag4));
}

/* Write @val to init_net's ipfrag_high_thresh through its handler. */
static int write_high_thresh(unsigned long val)
{
	struct fqdir *fqdir = init_net.ipv4.fqdir;
	struct ctl_table table = {
		.procname = "ipfrag_high_thresh",
		.data = &fqdir->high_thresh,
		.maxlen = sizeof(unsigned long),
		.mode = 0644,
		.extra1 = &fqdir->low_thresh,
	};
	char buf[32];
	size_t len = snprintf(buf, sizeof(buf), "%lu", val);
	loff_t pos = 0;

	return inet_frag_high_thresh_sysctl(&table, 1, buf, &len, &pos);
}

static void restore_high_thresh(void *arg)
{
	write_high_thresh((unsigned long)arg);
}

static void frag_high_thresh_resizes_group(struct kunit *test)
{
	struct fqdir *fqdir = init_net.ipv4.fqdir;
	unsigned long old = fqdir->high_thresh;
	long root;

	nr_test_begin(test);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, restore_high_thresh,
							   (void *)old));
	KUNIT_EXPECT_EQ(test, (long)old, frag4->own_limit);

	KUNIT_EXPECT_EQ(test, 0, write_high_thresh(old + SZ_1M));
	KUNIT_EXPECT_EQ(test, (long)old + SZ_1M, fqdir->high_thresh);
	KUNIT_EXPECT_EQ(test, (long)old + SZ_1M, frag4->own_limit);

	/* connected, a size the watermarks cannot hold: refused, kept */
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	root = mem_reserve_pages(&mem_reserve_root);
	KUNIT_EXPECT_EQ(test, -ENOMEM,
			write_high_thresh(mr_test_kmalloc_bytes_past_watermark(test)));
	KUNIT_EXPECT_EQ(test, (long)old + SZ_1M, fqdir->high_thresh);
	KUNIT_EXPECT_EQ(test, (long)old + SZ_1M, frag4->own_limit);
	KUNIT_EXPECT_EQ(test, root, mem_reserve_pages(&mem_reserve_root));
}

/* Each protocol's queue cache is named to its group, for the root to hold. */
static void frag_queue_cache_named(struct kunit *test)
{
	const bool *ipv6 = test->param_value;
	struct fqdir *fqdir = *ipv6 ? init_net.ipv6.fqdir : init_net.ipv4.fqdir;
	struct mem_reserve *res = *ipv6 ? frag6 : frag4;

	KUNIT_ASSERT_NOT_NULL(test, fqdir);
	KUNIT_EXPECT_PTR_EQ(test, res, fqdir->f->reserve);
	KUNIT_EXPECT_PTR_EQ(test, fqdir->f->frags_cachep, res->extra_caches[0]);
	KUNIT_EXPECT_GT(test, res->extra_cpu_slab_pages[0], 0L);
}

static void frags_fini_action(void *f)
{
	inet_frags_fini(f);
}

/*
 * A protocol whose init fails after inet_frags_init() (IPv6's, when a
 * later step of inet6_init() fails) destroys its queue cache, and a later
 * load creates a new one: the group, connected, gives back what it held
 * for the old cache and its size, and names the new one. A group still
 * sized would refuse it (-EBUSY). (The test cache may be merged into an
 * existing one, so its per-CPU slabs may be held already: the root is
 * only checked to come back where it was.)
 */
static void frag_queue_cache_renamed_after_fini(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "fragments", &mem_reserve_root);
	struct inet_frags *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	long root = mem_reserve_pages(&mem_reserve_root);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->qsize = 64;
	f->frags_cache_name = "nr_test_frags";
	f->reserve = res;
	for (i = 0; i < 2; i++) {
		KUNIT_ASSERT_EQ(test, 0, inet_frags_init(f));
		KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, frags_fini_action, f));
		KUNIT_EXPECT_PTR_EQ(test, f->frags_cachep, res->extra_caches[0]);
		/* as the pernet init sizes it */
		KUNIT_EXPECT_EQ(test, 0, mem_reserve_kmalloc_set(res, SZ_64K));
		KUNIT_EXPECT_EQ(test, (long)SZ_64K, res->own_limit);
		KUNIT_EXPECT_GT(test, mem_reserve_pages(&mem_reserve_root), root);

		kunit_release_action(test, frags_fini_action, f);
		KUNIT_EXPECT_NULL(test, res->extra_caches[0]);
		KUNIT_EXPECT_NULL(test, res->extra_caches[1]);
		KUNIT_EXPECT_EQ(test, 0L, res->own_limit);
		KUNIT_EXPECT_EQ(test, root, mem_reserve_pages(&mem_reserve_root));
	}
}

static struct kunit_case net_reserve_frag_cases[] = {
	KUNIT_CASE(frag_emergency_datagram_reassembled),
	KUNIT_CASE(frag_refused_for_room_dropped_nomem),
	KUNIT_CASE(frag_reassembly_split_charged_to_receive),
	KUNIT_CASE(frag_reassembly_unclone_charged_to_receive),
	KUNIT_CASE_PARAM(frag_output_reassembly_charged_to_transmit,
			 out_reasm_gen_params),
	KUNIT_CASE_PARAM_ATTR(frag_timed_out_queue_gives_back, family_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_SLOW(frag_netns_teardown_gives_back),
	KUNIT_CASE(frag_high_thresh_resizes_group),
	KUNIT_CASE_PARAM(frag_queue_cache_named, family_gen_params),
	KUNIT_CASE(frag_queue_cache_renamed_after_fini),
	{}
};

static struct kunit_suite net_reserve_frag_suite = {
	.name = "net_reserve_frag",
	.test_cases = net_reserve_frag_cases,
};

kunit_test_suite(net_reserve_frag_suite);

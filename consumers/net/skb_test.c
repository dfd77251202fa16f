// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: receive skb heads on the SKB data reserve. Packets are built with
 * the driver allocators under a forced emergency, so that their heads are
 * charged, and received on kernel UDP sockets through the real stack.
 */
#include <kunit/test.h>
#include <linux/sched/mm.h>
#include <linux/sizes.h>
#include <linux/skbuff.h>
#include <net/hotdata.h>
#include <net/net_namespace.h>
#include "net_test_util.h"
#include "test_util.h"

#define MEMALLOC_PORT	7101
#define NORMAL_PORT	7102

static const enum net_reserve_lo_alloc allocs[] = {
	NET_RESERVE_LO_NETDEV_ALLOC_SKB,
	NET_RESERVE_LO_NAPI_ALLOC_SKB,
};

static void alloc_desc(const enum net_reserve_lo_alloc *a, char *desc)
{
	strscpy(desc, *a == NET_RESERVE_LO_NETDEV_ALLOC_SKB ? "netdev_alloc_skb" :
		"napi_alloc_skb", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(alloc, allocs, alloc_desc);

/* A memalloc socket and a normal one, and a forced emergency. */
static struct nr_test_socket *setup(struct kunit *test,
				    struct nr_test_socket **normal)
{
	struct nr_test_socket *memalloc;

	nr_test_begin(test);
	memalloc = nr_test_udp_socket(test, MEMALLOC_PORT, true);
	if (normal)
		*normal = nr_test_udp_socket(test, NORMAL_PORT, false);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_skb_reserve));
	mr_test_force_emergency(test);
	return memalloc;
}

/*
 * An emergency datagram of @payload bytes for @port: charged, pfmemalloc,
 * a slab head. 200 bytes fit a small head; 1000 would have been a page
 * fragment but for the emergency.
 */
static struct sk_buff *emergency_skb(struct kunit *test,
				     enum net_reserve_lo_alloc alloc, u16 port,
				     unsigned int payload)
{
	long usage = mem_reserve_usage(&net_skb_reserve);
	struct sk_buff *skb = net_reserve_lo_datagram(alloc, port, payload);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_TRUE(test, skb->pfmemalloc);
	KUNIT_EXPECT_FALSE(test, skb->head_frag);
	KUNIT_EXPECT_GT(test, nr_test_head_charge(skb), 0L);
	KUNIT_EXPECT_EQ(test, usage + nr_test_head_charge(skb),
			mem_reserve_usage(&net_skb_reserve));
	return skb;
}

static void skb_emergency_delivered_to_memalloc_socket(struct kunit *test)
{
	const enum net_reserve_lo_alloc *alloc = test->param_value;
	struct nr_test_socket *memalloc = setup(test, NULL);
	struct sk_buff *skb = emergency_skb(test, *alloc, MEMALLOC_PORT, 200);
	long charge = nr_test_head_charge(skb);

	net_reserve_lo_receive(skb);
	/* queued at the socket, still charged */
	KUNIT_EXPECT_EQ(test, charge, mem_reserve_usage(&net_skb_reserve));
	KUNIT_EXPECT_EQ(test, 200, net_reserve_lo_recv(memalloc->sock));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

static void skb_emergency_dropped_at_normal_socket(struct kunit *test)
{
	const enum net_reserve_lo_alloc *alloc = test->param_value;
	struct nr_test_socket *normal;
	struct sk_buff *skb;

	setup(test, &normal);
	skb = emergency_skb(test, *alloc, NORMAL_PORT, 1000);
	net_reserve_lo_receive(skb);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	KUNIT_EXPECT_EQ(test, -EAGAIN, net_reserve_lo_recv(normal->sock));
}

/* Small heads a case may hold to reach a slab made from the reserves */
#define SMALL_HEADS_MAX		1024

/*
 * An ordinary socket's datagram whose head SLUB's fast path hands out of a
 * slab made from the reserves, under real exhaustion: the head allocation
 * is entitled (__netdev_alloc_skb() adds __GFP_MEMALLOC while a memalloc
 * socket exists) and its first attempt succeeds, so mainline neither
 * marks the head pfmemalloc nor drops it at the socket. Here it is
 * charged, as reserve memory, but delivered all the same.
 */
static void skb_normal_head_from_reserve_slab_delivered(struct kunit *test)
{
	struct kmem_cache *small = net_hotdata.skb_small_head_cache;
	void **held = kunit_kcalloc(test, SMALL_HEADS_MAX, sizeof(*held),
				    GFP_KERNEL);
	struct nr_test_socket *normal;
	unsigned int noreclaim;
	struct sk_buff *skb;
	long charge;
	int i, n;

	KUNIT_ASSERT_NOT_NULL(test, held);
	nr_test_begin(test);
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	normal = nr_test_udp_socket(test, NORMAL_PORT, false);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_skb_reserve));
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);

	/*
	 * On one CPU: take small heads with PF_MEMALLOC until one comes from
	 * a new slab made from the reserves, which is then this CPU's slab.
	 */
	migrate_disable();
	noreclaim = memalloc_noreclaim_save();
	for (n = 0; n < SMALL_HEADS_MAX; n++) {
		held[n] = kmem_cache_alloc(small, GFP_ATOMIC);
		if (!held[n] || slab_obj_pfmemalloc(held[n]))
			break;
	}
	memalloc_noreclaim_restore(noreclaim);
	skb = net_reserve_lo_datagram(NET_RESERVE_LO_NETDEV_ALLOC_SKB,
				      NORMAL_PORT, 200);
	migrate_enable();
	mr_test_give_back_memory(test);
	for (i = 0; i < n; i++)
		kmem_cache_free(small, held[i]);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* the premise: a small head, from a slab made from the reserves */
	KUNIT_ASSERT_TRUE(test, n < SMALL_HEADS_MAX && held[n]);
	KUNIT_ASSERT_FALSE(test, skb->head_frag);
	KUNIT_ASSERT_TRUE(test, slab_obj_pfmemalloc(skb->head));
	KUNIT_EXPECT_FALSE(test, skb->pfmemalloc);
	/*
	 * reserve memory all the same: counted while the group has room, with
	 * its sk_buff if that came from a slab made from the reserves too
	 */
	charge = nr_test_head_charge(skb);
	KUNIT_EXPECT_EQ(test, (long)kmem_cache_size(small) +
			(slab_obj_pfmemalloc(skb) ?
			 (long)kmem_cache_size(net_hotdata.skbuff_cache) : 0L),
			charge);
	KUNIT_EXPECT_EQ(test, charge, mem_reserve_usage(&net_skb_reserve));
	net_reserve_lo_receive(skb);
	KUNIT_EXPECT_EQ(test, 200, net_reserve_lo_recv(normal->sock));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	kmem_cache_free(small, held[n]);
}

/*
 * Under real exhaustion, an emergency receive skb whose sk_buff, like its
 * head, comes from the reserves, from a slab made from them: the sk_buff
 * is charged with the head, and both come back at the free.
 */
static void skb_struct_charged_with_head(struct kunit *test)
{
	struct kmem_cache *cache = net_hotdata.skbuff_cache;
	struct nr_test_taken *taken = nr_test_taken(test, cache);
	bool struct_reserve, head_reserve, marked;
	struct sk_buff *skb;
	long charge, usage;
	size_t head;
	int n;

	nr_test_begin(test);
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_skb_reserve));
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);

	/*
	 * One CPU, whose sk_buff slab is made from the reserves; the head's
	 * normal attempt fails, wherever its kmalloc slab has room. Bottom
	 * halves off, and with them preemption: no softirq or other task on
	 * this CPU may replace or flush that slab in between. With them off,
	 * PF_MEMALLOC grants nothing (in_interrupt()): the sk_buffs ask for
	 * the reserves themselves, as __alloc_skb() does for a receive head
	 * while a memalloc socket exists.
	 */
	mr_test_force_emergency(test);
	local_bh_disable();
	nr_test_take_to_slab(taken, GFP_ATOMIC | __GFP_MEMALLOC, true);
	skb = __alloc_skb(1000, GFP_ATOMIC, SKB_ALLOC_RX, NUMA_NO_NODE);
	local_bh_enable();
	usage = mem_reserve_usage(&net_skb_reserve);
	mr_test_give_back_memory(test);
	n = taken->n;
	nr_test_give_back_taken(taken);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* read, then freed, before anything is asserted of it */
	charge = nr_test_head_charge(skb);
	struct_reserve = slab_obj_pfmemalloc(skb);
	head_reserve = skb->pfmemalloc;
	marked = skb_shinfo(skb)->flags & SKBFL_RESERVE_SKB;
	head = ksize(skb->head);
	kfree_skb(skb);

	/* the premises: both from the reserves */
	KUNIT_ASSERT_TRUE_MSG(test, struct_reserve,
			      "%d sk_buffs taken, none from the reserves", n);
	KUNIT_ASSERT_TRUE(test, head_reserve);
	KUNIT_EXPECT_TRUE(test, marked);
	KUNIT_EXPECT_EQ(test, (long)(head + kmem_cache_size(cache)), charge);
	KUNIT_EXPECT_EQ(test, charge, usage);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/*
 * With normal memory a driver's receive head is a page fragment, as in
 * mainline, memalloc socket or not: uncharged, not pfmemalloc, delivered.
 */
static void skb_driver_heads_stay_fragments(struct kunit *test)
{
	const enum net_reserve_lo_alloc *alloc = test->param_value;
	struct nr_test_socket *normal;
	struct sk_buff *skb;

	nr_test_begin(test);
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	normal = nr_test_udp_socket(test, NORMAL_PORT, false);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_skb_reserve));

	skb = net_reserve_lo_datagram(*alloc, NORMAL_PORT, 1000);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_TRUE(test, skb->head_frag);
	KUNIT_EXPECT_FALSE(test, skb->pfmemalloc);
	KUNIT_EXPECT_EQ(test, 0L, nr_test_head_charge(skb));
	net_reserve_lo_receive(skb);
	KUNIT_EXPECT_EQ(test, 1000, net_reserve_lo_recv(normal->sock));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/* More than one fragment cache page holds of 1000-byte datagrams */
#define DRIVER_HEADS		64

/*
 * Under real exhaustion, with a memalloc socket, no driver head is a
 * fragment of a page from the reserves, which nothing could uncharge:
 * each is a fragment of normal memory (what the cache held already) or a
 * slab head, charged when it is reserve memory; once the cache and the
 * slabs run dry the heads go on coming, charged.
 */
static void skb_driver_heads_under_exhaustion(struct kunit *test)
{
	const enum net_reserve_lo_alloc *alloc = test->param_value;
	struct sk_buff_head held;
	unsigned int noreclaim;
	struct sk_buff *skb;
	long charged = 0;
	int n;

	nr_test_begin(test);
	nr_test_udp_socket(test, MEMALLOC_PORT, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_skb_reserve));
	__skb_queue_head_init(&held);
	/* one CPU's caches; napi_alloc_skb()'s struct cache filled first */
	migrate_disable();
	kfree_skb(net_reserve_lo_datagram(*alloc, MEMALLOC_PORT, 1000));
	if (mr_test_exhaust_memory(test, GFP_ATOMIC) <= 0) {
		migrate_enable();
		KUNIT_FAIL_AND_ABORT(test, "nothing to exhaust");
	}
	/*
	 * PF_MEMALLOC, so that __build_skb()'s GFP_ATOMIC sk_buff structs,
	 * allocated outside the bottom-half section, come from the reserves
	 * as the heads may: the case is about the heads.
	 */
	noreclaim = memalloc_noreclaim_save();
	for (n = 0; n < DRIVER_HEADS; n++) {
		skb = net_reserve_lo_datagram(*alloc, MEMALLOC_PORT, 1000);
		if (!skb)
			break;
		__skb_queue_tail(&held, skb);
		if (skb->head_frag) {
			KUNIT_EXPECT_FALSE(test, skb->pfmemalloc);
			KUNIT_EXPECT_EQ(test, 0L, nr_test_head_charge(skb));
			continue;
		}
		/* a slab head: charged exactly when it is reserve memory */
		KUNIT_EXPECT_EQ(test, slab_obj_pfmemalloc(skb->head),
				nr_test_head_charge(skb) > 0);
		if (skb->pfmemalloc)
			KUNIT_EXPECT_GT(test, nr_test_head_charge(skb), 0L);
		charged += nr_test_head_charge(skb);
	}
	memalloc_noreclaim_restore(noreclaim);
	migrate_enable();
	/*
	 * napi_alloc_skb() takes its sk_buff structs from the NAPI cache,
	 * with bottom halves off, where PF_MEMALLOC gives no reserves: past
	 * what the cache held they run out, as in mainline.
	 */
	KUNIT_EXPECT_GT(test, n, 0);
	if (*alloc == NET_RESERVE_LO_NETDEV_ALLOC_SKB) {
		KUNIT_EXPECT_EQ(test, DRIVER_HEADS, n);
		KUNIT_EXPECT_GT(test, charged, 0L);
	}
	KUNIT_EXPECT_EQ(test, charged, mem_reserve_usage(&net_skb_reserve));
	__skb_queue_purge(&held);
	mr_test_give_back_memory(test);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/* netdev_alloc_skb() as from a hard interrupt: the netdev fragment cache */
static struct sk_buff *irq_driver_skb(void)
{
	unsigned long irqflags;
	struct sk_buff *skb;

	local_irq_save(irqflags);
	skb = netdev_alloc_skb(init_net.loopback_dev, 1000);
	local_irq_restore(irqflags);
	return skb;
}

/*
 * A fragment cache may hold a page from the reserves that another user
 * put there: here a PF_MEMALLOC allocation under real exhaustion before
 * any memalloc socket existed, which mainline serves so. Once a memalloc
 * socket exists no receive head is cut from that page, which nothing
 * could uncharge: the head is a slab head, charged if it is reserve
 * memory, and the fragment goes back.
 */
static void skb_reserve_page_fragment_replaced(struct kunit *test)
{
	struct sk_buff_head held;
	struct sk_buff *skb = NULL;
	bool planted, normal, charged;
	unsigned int noreclaim;
	int n;

	nr_test_begin(test);
	KUNIT_ASSERT_FALSE(test, sk_memalloc_socks());
	__skb_queue_head_init(&held);
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	migrate_disable();
	noreclaim = memalloc_noreclaim_save();
	/* use up the cache's page until it refills from the reserves */
	for (n = 0; n < DRIVER_HEADS; n++) {
		skb = irq_driver_skb();
		if (!skb)
			break;
		__skb_queue_tail(&held, skb);
		if (skb->head_frag && skb->pfmemalloc)
			break;
	}
	memalloc_noreclaim_restore(noreclaim);
	planted = skb && skb->head_frag && skb->pfmemalloc;
	if (planted) {
		nr_test_udp_socket(test, MEMALLOC_PORT, true);
		/* kswapd, woken by the raised watermarks, may bring it back */
		normal = mem_reserve_normal_memory();
		skb = irq_driver_skb();
		normal |= mem_reserve_normal_memory();
		KUNIT_EXPECT_NOT_NULL(test, skb);
		if (skb) {
			__skb_queue_tail(&held, skb);
			KUNIT_EXPECT_FALSE(test, skb->head_frag);
			/*
			 * A slab's free object may serve it: charged if it is
			 * reserve memory, while memory is short; never if not.
			 */
			charged = nr_test_head_charge(skb) > 0;
			KUNIT_EXPECT_TRUE(test, !charged || slab_obj_pfmemalloc(skb->head));
			if (!normal)
				KUNIT_EXPECT_EQ(test, slab_obj_pfmemalloc(skb->head),
						charged);
		}
	}
	migrate_enable();
	__skb_queue_purge(&held);
	mr_test_give_back_memory(test);
	KUNIT_EXPECT_TRUE(test, planted);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/* Usage never passes the limit; at the limit the allocations fail. */
static void skb_usage_bounded_by_limit(struct kunit *test)
{
	const long limit = mem_reserve_limit(&net_skb_reserve);
	const long failed = atomic_long_read(&net_skb_reserve.failed);
	struct sk_buff_head held;
	struct sk_buff *skb;
	long n;

	setup(test, NULL);
	__skb_queue_head_init(&held);
	KUNIT_ASSERT_GT(test, limit, 0L);
	/* each takes at least 1 KiB: past this the limit did not hold */
	for (n = 0; n < limit / SZ_1K + 16; n++) {
		skb = net_reserve_lo_datagram(NET_RESERVE_LO_NETDEV_ALLOC_SKB,
					      MEMALLOC_PORT, 1000);
		if (!skb)
			break;
		__skb_queue_tail(&held, skb);
		if (mem_reserve_usage(&net_skb_reserve) > limit)
			break;
	}
	KUNIT_EXPECT_NULL(test, skb);
	KUNIT_ASSERT_FALSE(test, skb_queue_empty(&held));
	KUNIT_EXPECT_LE(test, mem_reserve_usage(&net_skb_reserve), limit);
	KUNIT_EXPECT_GT(test, mem_reserve_usage(&net_skb_reserve) +
			nr_test_head_charge(skb_peek(&held)), limit);
	KUNIT_EXPECT_GT(test, atomic_long_read(&net_skb_reserve.failed), failed);
	__skb_queue_purge(&held);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/* A clone shares the head: one charge, given back by the last free. */
static void skb_clone_keeps_one_charge(struct kunit *test)
{
	struct sk_buff *skb, *clone;
	long charge;

	setup(test, NULL);
	skb = emergency_skb(test, NET_RESERVE_LO_NETDEV_ALLOC_SKB, MEMALLOC_PORT,
			    1000);
	charge = nr_test_head_charge(skb);
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_EXPECT_EQ(test, charge, mem_reserve_usage(&net_skb_reserve));
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, charge, mem_reserve_usage(&net_skb_reserve));
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/*
 * pskb_expand_head() moves the head: the new one is charged if it came
 * from the reserves, the old one is uncharged when it is really freed,
 * which for a cloned skb is when the clone goes.
 */
static void skb_expand_head_moves_the_charge(struct kunit *test)
{
	struct sk_buff *skb, *clone;
	long old, new;

	setup(test, NULL);
	skb = emergency_skb(test, NET_RESERVE_LO_NETDEV_ALLOC_SKB, MEMALLOC_PORT,
			    1000);
	old = nr_test_head_charge(skb);

	/* still in an emergency: the new head is charged, the old one not */
	KUNIT_ASSERT_EQ(test, 0, pskb_expand_head(skb, 0, 2048, GFP_ATOMIC));
	new = nr_test_head_charge(skb);
	KUNIT_EXPECT_GT(test, new, old);
	KUNIT_EXPECT_EQ(test, new, mem_reserve_usage(&net_skb_reserve));

	/* a clone keeps the old head, and its charge, alive */
	clone = skb_clone(skb, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	mem_reserve_force_emergency(false);
	KUNIT_ASSERT_EQ(test, 0, pskb_expand_head(skb, 0, 0, GFP_ATOMIC));
	KUNIT_EXPECT_EQ(test, 0L, nr_test_head_charge(skb));
	KUNIT_EXPECT_EQ(test, new, mem_reserve_usage(&net_skb_reserve));
	kfree_skb(clone);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

/*
 * Coalescing, as GRO and TCP do: emergency heads are slab heads, which
 * cannot be stolen. Without tailroom in @to, coalescing is refused (the
 * head is locked); with it, @from's data is copied and its head freed
 * and uncharged here. pskb_extract() goes through the carve helpers,
 * which reallocate heads.
 */
static void skb_coalesce_and_carve_leave_no_charge(struct kunit *test)
{
	struct sk_buff *to, *from, *part;
	bool stolen;
	int delta;

	setup(test, NULL);
	to = emergency_skb(test, NET_RESERVE_LO_NAPI_ALLOC_SKB, MEMALLOC_PORT, 200);
	from = emergency_skb(test, NET_RESERVE_LO_NETDEV_ALLOC_SKB, MEMALLOC_PORT,
			     1000);
	KUNIT_ASSERT_GT(test, (int)from->len, skb_tailroom(to));
	KUNIT_EXPECT_FALSE(test, skb_try_coalesce(to, from, &stolen, &delta));
	KUNIT_ASSERT_EQ(test, 0, pskb_expand_head(to, 0, from->len, GFP_ATOMIC));
	KUNIT_ASSERT_TRUE(test, skb_try_coalesce(to, from, &stolen, &delta));
	KUNIT_EXPECT_FALSE(test, stolen);
	kfree_skb_partial(from, stolen);
	KUNIT_EXPECT_EQ(test, nr_test_head_charge(to),
			mem_reserve_usage(&net_skb_reserve));

	part = pskb_extract(to, 20, 100, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, part);
	KUNIT_EXPECT_EQ(test, nr_test_head_charge(to) + nr_test_head_charge(part),
			mem_reserve_usage(&net_skb_reserve));
	kfree_skb(part);
	kfree_skb(to);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_skb_reserve));
}

static struct kunit_case net_reserve_skb_cases[] = {
	KUNIT_CASE_PARAM(skb_emergency_delivered_to_memalloc_socket, alloc_gen_params),
	KUNIT_CASE_PARAM(skb_emergency_dropped_at_normal_socket, alloc_gen_params),
	KUNIT_CASE(skb_normal_head_from_reserve_slab_delivered),
	KUNIT_CASE(skb_struct_charged_with_head),
	KUNIT_CASE_PARAM(skb_driver_heads_stay_fragments, alloc_gen_params),
	KUNIT_CASE_PARAM(skb_driver_heads_under_exhaustion, alloc_gen_params),
	KUNIT_CASE(skb_reserve_page_fragment_replaced),
	KUNIT_CASE(skb_usage_bounded_by_limit),
	KUNIT_CASE(skb_clone_keeps_one_charge),
	KUNIT_CASE(skb_expand_head_moves_the_charge),
	KUNIT_CASE(skb_coalesce_and_carve_leave_no_charge),
	{}
};

static struct kunit_suite net_reserve_skb_suite = {
	.name = "net_reserve_skb",
	.test_cases = net_reserve_skb_cases,
};

kunit_test_suite(net_reserve_skb_suite);

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: receive pages from the reserves on "RX pages". Memory is
 * exhausted for real, so that dev_alloc_pages() gets its pages from the
 * reserves, as a driver's ring refill does under pressure. The invariants:
 * - a page from the reserves is charged until it is freed, however its
 *   last reference goes (the driver, an skb, an skb its frag moved to);
 * - the group's usage never passes its limit, and a full group does not
 *   refuse the page: it is served uncounted, as in mainline;
 * - while the tree is not connected, the page is served, as in mainline,
 *   and not counted; a page charged before the tree disconnects stays
 *   charged until its free, which gives the charge back once;
 * - a page from normal memory is not charged;
 * - the frags of receive skbs are receive pages, those of transmit skbs
 *   are not.
 */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include "net_test_util.h"
#include "test_util.h"

#define MEMALLOC_PORT	7801

enum rx_page_end {
	RX_PAGE_PUT,		/* the driver drops it */
	RX_PAGE_SKB_FRAG,	/* in an skb's frags, freed with the skb */
	RX_PAGE_COALESCED,	/* moved to another skb's frags first */
	RX_PAGE_BUILD_SKB,	/* the head of an skb built around it */
};

static const enum rx_page_end rx_page_ends[] = {
	RX_PAGE_PUT, RX_PAGE_SKB_FRAG, RX_PAGE_COALESCED, RX_PAGE_BUILD_SKB,
};

static void rx_page_end_desc(const enum rx_page_end *end, char *desc)
{
	static const char *const names[] = {
		[RX_PAGE_PUT] = "put_page",
		[RX_PAGE_SKB_FRAG] = "skb frag",
		[RX_PAGE_COALESCED] = "coalesced into another skb",
		[RX_PAGE_BUILD_SKB] = "build_skb head",
	};

	strscpy(desc, names[*end], KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rx_page_end, rx_page_ends, rx_page_end_desc);

/*
 * dev_alloc_pages(@order) with memory exhausted for real, which the
 * reserves must serve; the group's usage right after it in *@usage. The
 * memory is back on return.
 */
static struct page *rx_page_under_exhaustion(struct kunit *test,
					     unsigned int order, long *usage)
{
	struct page *page;

	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	page = dev_alloc_pages(order);
	*usage = mem_reserve_usage(&net_rx_page_reserve);
	mr_test_give_back_memory(test);
	KUNIT_ASSERT_NOT_NULL(test, page);
	if (!page_is_pfmemalloc(page)) {
		__free_pages(page, order);
		KUNIT_FAIL_AND_ABORT(test, "memory exhausted, page not from the reserves");
	}
	return page;
}

/* A case with a memalloc socket, so that "RX pages" is connected */
static struct nr_test_socket *rx_pages_begin(struct kunit *test)
{
	struct nr_test_socket *s;

	nr_test_begin(test);
	s = nr_test_udp_socket(test, MEMALLOC_PORT, true);
	KUNIT_ASSERT_TRUE(test, mem_reserve_connected(&net_rx_page_reserve));
	return s;
}

/* An skb with @page as its only frag, from normal memory */
static struct sk_buff *skb_with_frag(struct kunit *test, struct page *page,
				     unsigned int order)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);

	if (!skb)
		__free_pages(page, order);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_add_rx_frag(skb, 0, page, 0, 1000, PAGE_SIZE << order);
	return skb;
}

static void rx_page_charged_until_freed(struct kunit *test)
{
	const enum rx_page_end *end = test->param_value;
	unsigned int order = *end == RX_PAGE_SKB_FRAG ? 1 : 0;
	long size = PAGE_SIZE << order, usage;
	struct sk_buff *skb, *to;
	struct page *page;
	bool stolen;
	int delta;

	rx_pages_begin(test);
	page = rx_page_under_exhaustion(test, order, &usage);
	KUNIT_EXPECT_EQ(test, size, usage);

	switch (*end) {
	case RX_PAGE_PUT:
		put_page(page);
		break;
	case RX_PAGE_SKB_FRAG:
		skb = skb_with_frag(test, page, order);
		KUNIT_EXPECT_TRUE(test, skb->pfmemalloc);
		kfree_skb(skb);
		break;
	case RX_PAGE_COALESCED:
		skb = skb_with_frag(test, page, order);
		to = alloc_skb(128, GFP_KERNEL);
		if (!to)
			kfree_skb(skb);
		KUNIT_ASSERT_NOT_NULL(test, to);
		skb_put_zero(to, 10);
		to->pfmemalloc = skb->pfmemalloc;
		if (!skb_try_coalesce(to, skb, &stolen, &delta)) {
			kfree_skb(to);
			kfree_skb(skb);
			KUNIT_FAIL(test, "the frag did not move");
			break;
		}
		kfree_skb_partial(skb, stolen);
		/* the skb it came in is gone; the page is not, nor its charge */
		KUNIT_EXPECT_EQ(test, size, mem_reserve_usage(&net_rx_page_reserve));
		kfree_skb(to);
		break;
	case RX_PAGE_BUILD_SKB:
		skb = build_skb(page_address(page), size);
		if (!skb)
			__free_pages(page, order);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_TRUE(test, skb->pfmemalloc);
		kfree_skb(skb);
		break;
	}
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_rx_page_reserve));
}

/*
 * The group full: the page is still served, uncounted, as in mainline (a
 * failed refill would drop packets), and its free gives nothing back.
 * With room again, the next one is charged.
 */
static void rx_page_served_uncounted_when_full(struct kunit *test)
{
	long failed = atomic_long_read(&net_rx_page_reserve.failed);
	long uncounted = atomic_long_read(&net_rx_page_reserve.uncounted);
	struct nr_test_filler *filler;
	struct page *page;
	long usage, limit;

	rx_pages_begin(test);
	filler = nr_test_fill(test, &net_rx_page_reserve, 0);
	limit = mem_reserve_limit(&net_rx_page_reserve);

	page = rx_page_under_exhaustion(test, 0, &usage);
	put_page(page);
	KUNIT_EXPECT_EQ(test, limit, usage);
	KUNIT_EXPECT_EQ(test, limit, mem_reserve_usage(&net_rx_page_reserve));
	/* served anyway: no one was refused */
	KUNIT_EXPECT_EQ(test, failed,
			atomic_long_read(&net_rx_page_reserve.failed));
	/*
	 * But taken past the bound, and counted so: once, as the kernel
	 * has no NIC whose ring could refill meanwhile (-nodefaults).
	 */
	KUNIT_EXPECT_EQ(test, uncounted + 1,
			atomic_long_read(&net_rx_page_reserve.uncounted));

	nr_test_unfill(test, filler);
	page = rx_page_under_exhaustion(test, 0, &usage);
	KUNIT_EXPECT_EQ(test, (long)PAGE_SIZE, usage);
	put_page(page);
}

/*
 * The frags of an skb __alloc_skb_with_frags() makes: a receive skb's
 * (a driver's refill, SKB_ALLOC_RX) are receive pages, charged until
 * freed; a transmit skb's are not.
 */
static void rx_page_receive_frags_charged(struct kunit *test)
{
	bool rx = *(const bool *)test->param_value;
	long usage, pages;
	struct sk_buff *skb;
	bool reserve;
	int err;

	rx_pages_begin(test);
	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	skb = __alloc_skb_with_frags(0, 2 * PAGE_SIZE, 0, &err,
				     net_rx_refill_gfp(GFP_ATOMIC),
				     rx ? net_rx_refill_skb_flags() : 0);
	usage = mem_reserve_usage(&net_rx_page_reserve);
	mr_test_give_back_memory(test);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	pages = skb_shinfo(skb)->nr_frags;
	reserve = pages && page_is_pfmemalloc(skb_frag_page(&skb_shinfo(skb)->frags[0]));
	kfree_skb(skb);

	KUNIT_ASSERT_EQ(test, 2L, pages);
	KUNIT_ASSERT_TRUE(test, reserve);
	KUNIT_EXPECT_EQ(test, rx ? pages * PAGE_SIZE : 0L, usage);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_rx_page_reserve));
}

static const bool directions[] = { true, false };

static void direction_desc(const bool *rx, char *desc)
{
	strscpy(desc, *rx ? "receive skb" : "transmit skb", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(direction, directions, direction_desc);

/*
 * No memalloc socket, so the tree is not connected: the page is served
 * from the reserves as mainline serves it, and not counted (a ring may
 * keep it until long after the tree connects).
 */
static void rx_page_served_while_disconnected(struct kunit *test)
{
	struct page *page;
	long usage;

	nr_test_begin(test);
	KUNIT_ASSERT_FALSE(test, mem_reserve_connected(&net_rx_page_reserve));
	page = rx_page_under_exhaustion(test, 0, &usage);
	KUNIT_EXPECT_EQ(test, 0L, usage);
	put_page(page);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_rx_page_reserve));
}

/*
 * A charged page outlives the tree's connection: the last memalloc socket
 * goes and the tree disconnects with the page still in a ring, then the
 * page is freed, before or after a new memalloc socket connects the tree
 * again. Its charge stays counted while it lives and its free gives back
 * exactly that, once (an uncharge past zero is clamped, which the case's
 * end checks), to the group and its ancestors.
 */
static void rx_page_charge_outlives_disconnect(struct kunit *test)
{
	bool reconnect = *(const bool *)test->param_value;
	long top = mem_reserve_usage(&net_reserve_top), usage;
	struct nr_test_socket *s;
	struct page *page;

	s = rx_pages_begin(test);
	page = rx_page_under_exhaustion(test, 0, &usage);
	KUNIT_EXPECT_EQ(test, (long)PAGE_SIZE, usage);

	nr_test_close_socket(test, s);
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(&net_reserve_top));
	KUNIT_EXPECT_EQ(test, (long)PAGE_SIZE,
			mem_reserve_usage(&net_rx_page_reserve));
	KUNIT_EXPECT_EQ(test, top + (long)PAGE_SIZE,
			mem_reserve_usage(&net_reserve_top));
	if (reconnect) {
		nr_test_udp_socket(test, MEMALLOC_PORT, true);
		KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));
		KUNIT_EXPECT_EQ(test, (long)PAGE_SIZE,
				mem_reserve_usage(&net_rx_page_reserve));
		KUNIT_EXPECT_EQ(test, top + (long)PAGE_SIZE,
				mem_reserve_usage(&net_reserve_top));
	}
	put_page(page);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_rx_page_reserve));
	KUNIT_EXPECT_EQ(test, top, mem_reserve_usage(&net_reserve_top));
}

static const bool reconnects[] = { false, true };

static void reconnect_desc(const bool *reconnect, char *desc)
{
	strscpy(desc, *reconnect ? "freed after the tree reconnects" :
		"freed while disconnected", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(reconnect, reconnects, reconnect_desc);

/* With normal memory a receive page is what mainline gives: uncharged. */
static void rx_page_normal_memory_uncharged(struct kunit *test)
{
	struct page *page;

	rx_pages_begin(test);
	page = dev_alloc_page();
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_FALSE(test, page_is_pfmemalloc(page));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&net_rx_page_reserve));
	put_page(page);
}

static struct kunit_case net_reserve_pages_cases[] = {
	KUNIT_CASE_PARAM(rx_page_charged_until_freed, rx_page_end_gen_params),
	KUNIT_CASE(rx_page_served_uncounted_when_full),
	KUNIT_CASE_PARAM(rx_page_receive_frags_charged, direction_gen_params),
	KUNIT_CASE(rx_page_served_while_disconnected),
	KUNIT_CASE_PARAM(rx_page_charge_outlives_disconnect, reconnect_gen_params),
	KUNIT_CASE(rx_page_normal_memory_uncharged),
	{}
};

static struct kunit_suite net_reserve_pages_suite = {
	.name = "net_reserve_pages",
	.test_cases = net_reserve_pages_cases,
};

kunit_test_suite(net_reserve_pages_suite);

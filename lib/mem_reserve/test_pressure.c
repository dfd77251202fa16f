// SPDX-License-Identifier: GPL-2.0
/*
 * Real memory exhaustion for KUnit cases: take every page an allocation
 * with given flags can have, and give it all back when the case ends. It
 * uses nothing of mem_reserve, so that the suites of a kernel built
 * without it exhaust memory the same way.
 */
#include <kunit/resource.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/spinlock.h>
#include "test_pressure.h"

/*
 * Memory a case holds to exhaust the machine. Blocks of every order, the
 * order in page->private, newest (smallest) first.
 */
struct mr_test_hoard {
	spinlock_t lock;		/* protects pages */
	struct list_head pages;
	struct notifier_block oom_nb;
	unsigned long donated;		/* pages given back to the OOM path */
};

/* Free up to @max pages of the hoard, smallest blocks first. */
static unsigned long mr_test_hoard_free(struct mr_test_hoard *h,
					unsigned long max)
{
	unsigned long freed = 0;
	unsigned int order;
	struct page *page;

	spin_lock(&h->lock);
	while (freed < max && !list_empty(&h->pages)) {
		page = list_first_entry(&h->pages, struct page, lru);
		list_del(&page->lru);
		order = page_private(page);
		set_page_private(page, 0);
		__free_pages(page, order);
		freed += 1UL << order;
	}
	spin_unlock(&h->lock);
	return freed;
}

/*
 * On SMP, kernel threads allocate with GFP_KERNEL while a case holds the
 * machine exhausted, and with no user process to kill the OOM killer
 * would panic. Before it looks for a victim it asks the OOM notifiers:
 * give it a little of the hoard, so the kernel goes on and the case with
 * it. The cases assert on their own allocations, not on this margin.
 */
static int mr_test_hoard_oom(struct notifier_block *nb, unsigned long unused,
			     void *freed)
{
	struct mr_test_hoard *h = container_of(nb, struct mr_test_hoard, oom_nb);
	unsigned long n = mr_test_hoard_free(h, 64);

	h->donated += n;
	*(unsigned long *)freed += n;
	return NOTIFY_OK;
}

/* The hoard of the running case, for mr_test_give_back_memory() */
static struct mr_test_hoard *mr_test_current_hoard;

static void mr_test_hoard_release(void *arg)
{
	struct mr_test_hoard *h = arg;

	unregister_oom_notifier(&h->oom_nb);
	mr_test_hoard_free(h, ULONG_MAX);
	if (mr_test_current_hoard == h)
		mr_test_current_hoard = NULL;
}

/*
 * Allocate with @gfp until that fails, leaving the zones at the watermark
 * @gfp stops at: blocks of the largest order first, so that even an
 * emulated SMP guest gets there in a moment, then single pages. The per-CPU
 * lists refill from the buddy lists in batches past the watermark check,
 * so they are drained back until an allocation fails right after a drain:
 * what is left free is then in the buddy lists, usable at any order. The
 * memory is freed when the case ends. Returns how many pages were taken.
 */
long mr_test_exhaust_memory(struct kunit *test, gfp_t gfp)
{
	struct mr_test_hoard *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	bool drained = false;
	struct page *page;
	int order = MAX_PAGE_ORDER;
	long n = 0;

	KUNIT_ASSERT_NOT_NULL(test, h);
	spin_lock_init(&h->lock);
	INIT_LIST_HEAD(&h->pages);
	h->oom_nb.notifier_call = mr_test_hoard_oom;
	KUNIT_ASSERT_EQ(test, 0, register_oom_notifier(&h->oom_nb));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mr_test_hoard_release,
							   h));
	for (;;) {
		page = alloc_pages(gfp | __GFP_NORETRY | __GFP_NOWARN, order);
		if (!page) {
			if (order) {
				order--;
				continue;
			}
			if (drained)
				break;
			drain_all_pages(NULL);
			drained = true;
			continue;
		}
		drained = false;
		set_page_private(page, order);
		spin_lock(&h->lock);
		list_add(&page->lru, &h->pages);
		spin_unlock(&h->lock);
		n += 1L << order;
		cond_resched();
	}
	mr_test_current_hoard = h;
	return n;
}

/*
 * End the exhaustion of mr_test_exhaust_memory() before the case ends:
 * a failed expectation needs memory to be reported, so the cases that
 * check under exhaustion give the memory back first.
 */
void mr_test_give_back_memory(struct kunit *test)
{
	if (mr_test_current_hoard)
		kunit_release_action(test, mr_test_hoard_release,
				     mr_test_current_hoard);
}


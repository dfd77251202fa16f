// SPDX-License-Identifier: GPL-2.0
/*
 * Pages charged until the page allocator frees them.
 *
 * A network driver's receive page goes into an skb, may be stolen into
 * another skb's frags, and is freed by whoever drops the last reference:
 * no caller can say when to uncharge it. So the free does.
 *
 * The page records its own charge. The page allocator marks a page it
 * served from the reserves pfmemalloc by writing BIT(1) into
 * page->lru.next, a word the page's owner does not use while the page is
 * in flight as a network buffer. mem_reserve_charge_page() writes the
 * charged group's address beside that bit (a group is aligned, and bit 0
 * stays clear, as the word is compound_head for a tail page), so
 * page_is_pfmemalloc() still holds. free_pages_prepare() calls
 * mem_reserve_page_free(), which finds the group there and uncharges it.
 * No lock and no table: a free costs a static branch and a test of the
 * mark, and only pfmemalloc pages read the address.
 *
 * An address is believed only if it is one of the few groups registered
 * for page charges (mem_reserve_page_charging()): an owner that wrote
 * over page->lru, with bit 1 set, must not make the free uncharge
 * anything. Such a page loses its charge, which stays counted; a group
 * destroyed with pages still charged is forgotten first, so their frees
 * touch nothing.
 */
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <asm/sections.h>
#include <trace/events/mem_reserve.h>
#include "internal.h"

#define MEM_RESERVE_PAGE_MARK		BIT(1)
#define MEM_RESERVE_PAGE_GROUPS		4

DEFINE_STATIC_KEY_FALSE(mem_reserve_page_free_key);

/* The groups a mark may name; written under mem_reserve_mutex. */
static struct mem_reserve *mem_reserve_page_groups[MEM_RESERVE_PAGE_GROUPS];

/* Whether @res may be charged for pages; readers hold the RCU read lock. */
static bool mem_reserve_page_group(const struct mem_reserve *res)
{
	int i;

	for (i = 0; i < MEM_RESERVE_PAGE_GROUPS; i++)
		if (READ_ONCE(mem_reserve_page_groups[i]) == res)
			return true;
	return false;
}

/**
 * mem_reserve_page_charging - let a group be charged for pages until their free
 * @res: the group
 *
 * Call before @res is connected, from the path that connects it: from
 * then on every page free in the system tests the pfmemalloc mark. @res
 * must be static data of the kernel itself, never freed, since the pages
 * charged to it name it until they are freed; mem_reserve_destroy()
 * forgets it (and gives back, with a warning, what its pages still hold).
 * A group is registered once. Process context; may sleep.
 *
 * Return: 0; -EINVAL if @res is not the kernel's static data, -ENOSPC if
 * four groups are registered already.
 */
int mem_reserve_page_charging(struct mem_reserve *res)
{
	int i, err = -ENOSPC;

	BUILD_BUG_ON(__alignof__(struct mem_reserve) <= MEM_RESERVE_PAGE_MARK);
	/*
	 * A mark outlives its group if a page does; a group at the same
	 * address later would take that page's uncharge. The kernel's own
	 * data is never another group's.
	 */
	if (WARN_ON_ONCE(!is_kernel_core_data((unsigned long)res)))
		return -EINVAL;
	mem_reserve_lock();
	if (mem_reserve_page_group(res)) {
		err = 0;
		goto unlock;
	}
	for (i = 0; i < MEM_RESERVE_PAGE_GROUPS; i++) {
		if (!mem_reserve_page_groups[i]) {
			/* before any page is charged: its free must look */
			static_branch_enable_cpuslocked(&mem_reserve_page_free_key);
			WRITE_ONCE(mem_reserve_page_groups[i], res);
			err = 0;
			break;
		}
	}
unlock:
	mem_reserve_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(mem_reserve_page_charging);

/*
 * Forget @res, from mem_reserve_destroy() with mem_reserve_mutex held: the
 * frees of pages still marked for it read the mark but leave @res alone,
 * once the grace period the destroy waits for has passed.
 */
void mem_reserve_page_group_forget(struct mem_reserve *res)
{
	int i;

	lockdep_assert_held(&mem_reserve_mutex);
	for (i = 0; i < MEM_RESERVE_PAGE_GROUPS; i++)
		if (mem_reserve_page_groups[i] == res)
			WRITE_ONCE(mem_reserve_page_groups[i], NULL);
}

/**
 * mem_reserve_charge_page - charge pages from the reserves until their free
 * @res: the group to charge, registered with mem_reserve_page_charging();
 *	the pages are not charged to a group that is not
 * @page: the first page of an allocation, which page_is_pfmemalloc()
 *	says the reserves served
 * @order: the allocation's order; a compound page if more than 0
 * @caller: the address the charge is traced to
 *
 * For pages whose user cannot tell where they will be freed: the page
 * allocator's free gives the charge back (mem_reserve_page_free()), on
 * whatever path the last reference goes, if the pages keep their
 * pfmemalloc mark (page->lru) until then. The bytes are charged while
 * @res has room, as mem_reserve_try_charge() charges them: a group
 * without room counts no refusal, since the caller uses the pages anyway,
 * but one use served uncounted. Pages not from the reserves, and pages
 * for a group that is not connected, which bounds nothing, are not
 * charged. Any context.
 *
 * Return: false if @res is connected and has no room: nothing is
 * charged, and the caller uses the pages uncounted, as @res counts them
 * ("uncounted" in debugfs). True otherwise.
 */
bool mem_reserve_charge_page(struct mem_reserve *res, struct page *page,
			     unsigned int order, unsigned long caller)
{
	long bytes = PAGE_SIZE << order;

	/* not from the reserves, or marked already */
	if (READ_ONCE(page->lru.next) != (void *)MEM_RESERVE_PAGE_MARK)
		return true;
	/*
	 * Not counted while disconnected: a ring keeps its pages for as long
	 * as it likes, and what it holds when the group connects would hold
	 * back every charge below the group's ancestors.
	 */
	if (!mem_reserve_connected(res))
		return true;
	/* not registered (mem_reserve_page_charging() failed): not charged */
	if (!mem_reserve_page_group(res))
		return true;
	/* the free's order must be the charge's: a page split would not be */
	if (WARN_ON_ONCE(order && !PageHead(page)))
		return true;
	if (!mem_reserve_try_charge(res, bytes))
		return false;
	WRITE_ONCE(page->lru.next,
		   (void *)((unsigned long)res | MEM_RESERVE_PAGE_MARK));
	trace_mem_reserve_emerg_alloc(res, page, bytes, caller);
	return true;
}
EXPORT_SYMBOL_GPL(mem_reserve_charge_page);

/*
 * The free of a pfmemalloc page (mem_reserve_page_free()): give back its
 * charge if it has one. Called by the page allocator, in any context but
 * NMI, with the compound order, which is the order charged.
 */
void __mem_reserve_page_free(struct page *page, unsigned int order)
{
	unsigned long mark = (unsigned long)READ_ONCE(page->lru.next);
	struct mem_reserve *res = (void *)(mark & ~(MEM_RESERVE_PAGE_MARK | 1UL));

	if (!res)
		return;
	rcu_read_lock();
	if (mem_reserve_page_group(res)) {
		trace_mem_reserve_emerg_free(res, page, PAGE_SIZE << order,
					     _RET_IP_);
		mem_reserve_uncharge_deferred(res, PAGE_SIZE << order);
	}
	rcu_read_unlock();
}

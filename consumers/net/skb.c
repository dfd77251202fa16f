// SPDX-License-Identifier: GPL-2.0
/*
 * skb heads charged to the network groups: receive heads to the SKB data
 * reserve, transmit heads to the TX reserve. skbuff.c allocates them
 * through the framework's wrappers and marks them SKBFL_RESERVE (and
 * SKBFL_RESERVE_TX); the free of the last reference comes here to give
 * the charge back to the group the mark names.
 */
#include <linux/slab.h>
#include <net/hotdata.h>
#include <trace/events/mem_reserve.h>
#include "internal.h"

/**
 * net_reserve_skb_head_size - what a charged skb head was charged
 * @head: the head
 * @end_offset: where its skb_shared_info lies
 *
 * A small head is an object of the small-head cache, charged that cache's
 * object size; skbuff.c keeps its end offset at the one value no kmalloc
 * head can have (SKB_SMALL_HEAD_HEADROOM), which is how it is told apart.
 * Any other head is a kmalloc object, charged its ksize(). Telling them
 * apart matters where the cache pads its objects past their size, so
 * that ksize() of a small head is more than it was charged.
 *
 * Return: the bytes to uncharge.
 */
size_t net_reserve_skb_head_size(const void *head, unsigned int end_offset)
{
	struct kmem_cache *small = net_hotdata.skb_small_head_cache;

	if (end_offset == SKB_WITH_OVERHEAD(kmem_cache_size(small)))
		return kmem_cache_size(small);
	return ksize(head);
}
EXPORT_SYMBOL_GPL(net_reserve_skb_head_size);

/**
 * __net_reserve_skb_head_free - free a charged skb head and uncharge it
 * @head: the head
 * @end_offset: where its skb_shared_info lies
 *
 * Call net_reserve_skb_head_free(). Frees first, so the memory is back
 * before a waiter's charge can succeed. Any context.
 */
void __net_reserve_skb_head_free(void *head, unsigned int end_offset)
{
	const struct skb_shared_info *shinfo = head + end_offset;
	struct mem_reserve *res = net_reserve_skb_group(shinfo->flags & SKBFL_RESERVE_TX);
	size_t bytes = net_reserve_skb_head_size(head, end_offset);

	trace_mem_reserve_emerg_free(res, head, bytes, _RET_IP_);
	kfree(head);
	mem_reserve_uncharge(res, bytes);
}
EXPORT_SYMBOL_GPL(__net_reserve_skb_head_free);

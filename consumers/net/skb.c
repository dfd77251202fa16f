// SPDX-License-Identifier: GPL-2.0
/*
 * skb heads charged to the network groups: receive heads to the SKB data
 * reserve, transmit heads to the TX reserve. skbuff.c allocates them
 * through the framework's wrappers and marks them SKBFL_RESERVE (and
 * SKBFL_RESERVE_TX, and SKBFL_RESERVE_SKB for the sk_buff charged with
 * the head); the free of the last reference comes here to give the
 * charge back to the group the mark names. An fclone pair from the
 * reserves is charged to its head's group on its own, until the pair is
 * freed, and so is a transmit skb's clone, to the TX reserve.
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

	if (shinfo->flags & SKBFL_RESERVE_SKB)
		bytes += kmem_cache_size(net_hotdata.skbuff_cache);
	trace_mem_reserve_emerg_free(res, head, bytes, _RET_IP_);
	kfree(head);
	mem_reserve_uncharge(res, bytes);
}
EXPORT_SYMBOL_GPL(__net_reserve_skb_head_free);

/*
 * Charge @obj, an object of @s that __alloc_skb() or skb_clone() allocated
 * with the flags of a head charged as @reserve says, to the head's group,
 * if it lies in a slab made from the reserves and the group has room (a
 * group that is not connected has none, and counts nothing). Any context.
 */
static bool net_reserve_skb_charge_beside(const void *obj, struct kmem_cache *s,
					  u8 reserve, unsigned long caller)
{
	struct mem_reserve *res;
	long bytes;

	if (!slab_obj_pfmemalloc(obj))
		return false;
	res = net_reserve_skb_group(reserve & SKBFL_RESERVE_TX);
	bytes = kmem_cache_size(s);
	if (!mem_reserve_try_charge(res, bytes))
		return false;
	trace_mem_reserve_emerg_alloc(res, (void *)obj, bytes, caller);
	return true;
}

/**
 * __net_reserve_skb_struct_mark - charge a new skb's sk_buff with its head
 * @skb: the skb __alloc_skb() made
 * @flags: the SKB_ALLOC_* flags it was made with
 * @reserve: the SKBFL_RESERVE* bits of its head, which was charged
 *
 * Call net_reserve_skb_struct_mark(). An skb whose head was charged was
 * allocated by an entitled caller, its sk_buff with the same flags as the
 * head. If that sk_buff lies in a slab made from the reserves it is
 * reserve memory as much as the head, and is charged with it, to the
 * head's group while the group has room, and given back with the head.
 * Without room it stays uncounted, as the head's own normal attempt would
 * (it was served already); in a group that is not connected, which bounds
 * nothing, it is not counted either. Not an fclone pair, which the head's
 * free could not tell from a plain sk_buff: a pair is charged on its own
 * (__net_reserve_skb_fclone_mark()), and so is a transmit skb's clone
 * (__net_reserve_skb_clone_mark()). An sk_buff that outlives its head (a
 * new head from pskb_expand_head()) is not counted. Any context.
 *
 * Return: @reserve, with SKBFL_RESERVE_SKB if the sk_buff was charged.
 */
u8 __net_reserve_skb_struct_mark(const struct sk_buff *skb, int flags,
				 u8 reserve)
{
	if ((flags & SKB_ALLOC_FCLONE) ||
	    !net_reserve_skb_charge_beside(skb, net_hotdata.skbuff_cache, reserve,
					   _RET_IP_))
		return reserve;
	return reserve | SKBFL_RESERVE_SKB;
}
EXPORT_SYMBOL_GPL(__net_reserve_skb_struct_mark);

/**
 * __net_reserve_skb_fclone_mark - charge a new fclone pair with its head
 * @fclones: the pair __alloc_skb() made
 * @reserve: the SKBFL_RESERVE* bits of its first skb's head, charged
 *
 * Call net_reserve_skb_fclone_mark(). A pair in a slab made from the
 * reserves is reserve memory as much as its head, allocated with the same
 * flags, and is charged to the head's group while the group has room;
 * without room, or in a group that is not connected, it stays uncounted,
 * as a plain sk_buff does (__net_reserve_skb_struct_mark()). Any context.
 *
 * Return: the SKBFL_RESERVE* bits of the group charged, or 0.
 */
u8 __net_reserve_skb_fclone_mark(const struct sk_buff_fclones *fclones,
				 u8 reserve)
{
	if (!net_reserve_skb_charge_beside(fclones, net_hotdata.skbuff_fclone_cache,
					   reserve, _RET_IP_))
		return 0;
	return reserve & (SKBFL_RESERVE | SKBFL_RESERVE_TX);
}

/**
 * __net_reserve_skb_free_beside - free an object charged on its own
 * @s: its cache
 * @obj: an fclone pair, both of its skbs gone, or a clone marked
 *	SKB_FCLONE_RESERVE_TX, released
 * @reserve: the SKBFL_RESERVE* bits of the group it is charged to
 *
 * Call net_reserve_skb_fclone_free() or net_reserve_skb_clone_free(): the
 * other side of net_reserve_skb_charge_beside(). Frees first, so the
 * memory is back before a waiter's charge can succeed. Any context.
 */
void __net_reserve_skb_free_beside(struct kmem_cache *s, void *obj, u8 reserve)
{
	struct mem_reserve *res = net_reserve_skb_group(reserve & SKBFL_RESERVE_TX);
	long bytes = kmem_cache_size(s);

	trace_mem_reserve_emerg_free(res, obj, bytes, _RET_IP_);
	kmem_cache_free(s, obj);
	mem_reserve_uncharge(res, bytes);
}

/**
 * __net_reserve_skb_clone_mark - charge a transmit skb's clone
 * @n: the clone, from skbuff_cache
 *
 * Call net_reserve_skb_clone_mark(). A clone in a slab made from the
 * reserves is reserve memory as much as the head it shares, and is
 * charged to the TX reserve while it has room; without room, or with the
 * TX reserve not connected, it stays uncounted, as an sk_buff does
 * (__net_reserve_skb_struct_mark()). Any context.
 *
 * Return: true if @n was charged.
 */
bool __net_reserve_skb_clone_mark(const struct sk_buff *n)
{
	return net_reserve_skb_charge_beside(n, net_hotdata.skbuff_cache,
					     SKBFL_RESERVE | SKBFL_RESERVE_TX,
					     _RET_IP_);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 22-skb-fclones.cocci: a file converted in part, its pair
 * charged but not given back: the free is converted, nothing is added
 * twice. Report mode lists the free.
 */
#include <linux/skbuff.h>
#include <net/hotdata.h>
#include <net/net_reserve.h>

struct sk_buff_fclones {
	struct sk_buff	skb1;

	struct sk_buff	skb2;

	refcount_t	fclone_ref;
	/* the SKBFL_RESERVE* bits of a pair charged to a network group */
	u8 reserve;
};

struct sk_buff *__alloc_skb(unsigned int size, gfp_t gfp_mask,
			    int flags, int node)
{
	u8 head_reserve;
	struct kmem_cache *cache;
	struct sk_buff *skb;
	bool pfmemalloc;
	u8 *data;

	cache = (flags & SKB_ALLOC_FCLONE)
		? net_hotdata.skbuff_fclone_cache : net_hotdata.skbuff_cache;
	skb = kmem_cache_alloc_node(cache, gfp_mask & ~GFP_DMA, node);
	if (unlikely(!skb))
		return NULL;
	data = skb_kmalloc_reserve(&size, gfp_mask, node,
				   net_reserve_skb_alloc_tx(flags),
				   &pfmemalloc, &head_reserve);
	if (unlikely(!data))
		goto nodata;
	__build_skb_around(skb, data, size);
	skb->pfmemalloc = pfmemalloc;
	head_reserve = net_reserve_skb_struct_mark(skb, flags, head_reserve);
	net_reserve_skb_head_mark(skb_shinfo(skb), head_reserve);

	if (flags & SKB_ALLOC_FCLONE) {
		struct sk_buff_fclones *fclones;

		fclones = container_of(skb, struct sk_buff_fclones, skb1);

		skb->fclone = SKB_FCLONE_ORIG;
		refcount_set(&fclones->fclone_ref, 1);
		fclones->reserve = net_reserve_skb_fclone_mark(fclones);
	}

	return skb;

nodata:
	kmem_cache_free(cache, skb);
	return NULL;
}

static void kfree_skbmem(struct sk_buff *skb)
{
	struct sk_buff_fclones *fclones;

	switch (skb->fclone) {
	case SKB_FCLONE_UNAVAILABLE:
		kmem_cache_free(net_hotdata.skbuff_cache, skb);
		return;

	case SKB_FCLONE_ORIG:
		fclones = container_of(skb, struct sk_buff_fclones, skb1);
		if (refcount_read(&fclones->fclone_ref) == 1)
			goto fastpath;
		break;

	default: /* SKB_FCLONE_CLONE */
		fclones = container_of(skb, struct sk_buff_fclones, skb2);
		break;
	}
	if (!refcount_dec_and_test(&fclones->fclone_ref))
		return;
fastpath:
	kmem_cache_free(net_hotdata.skbuff_fclone_cache, fclones);
}

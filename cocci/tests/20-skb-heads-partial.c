// SPDX-License-Identifier: GPL-2.0
/* Input for 20-skb-heads.cocci: converted in part; the rest is finished, once. */
#include <linux/skbuff.h>
#include <net/sock.h>
#include <net/net_reserve.h>

static void *skb_kmalloc_reserve(unsigned int *size, gfp_t flags, int node,
				 bool tx, bool *pfmemalloc, u8 *reserve)
{
	bool ret_pfmemalloc = false;
	bool head_charged = false;
	size_t obj_size = SKB_HEAD_ALIGN(*size);
	void *obj;

	if (obj_size <= SMALL_HEAD) {
		obj = net_reserve_skb_cache_alloc(small_head_cache, flags,
						  node, tx, &ret_pfmemalloc,
						  &head_charged);
		*size = SMALL_HEAD;
		goto out;
	}

	*size = obj_size = kmalloc_size_roundup(obj_size);
	obj = net_reserve_skb_kmalloc(obj_size, flags, node, tx,
				      &ret_pfmemalloc, &head_charged);
out:
	if (pfmemalloc)
		*pfmemalloc = ret_pfmemalloc;
	*reserve = net_reserve_skb_head_flags(head_charged, tx);
	return obj;
}

struct sk_buff *alloc_skb_head(unsigned int size, gfp_t gfp_mask, int flags,
			       int node)
{
	u8 head_reserve;
	struct sk_buff *skb = new_skb_struct(gfp_mask);
	bool pfmemalloc;
	u8 *data;

	data = skb_kmalloc_reserve(&size, gfp_mask, node,
				   net_reserve_skb_alloc_tx(flags),
				   &pfmemalloc, &head_reserve);
	if (!data)
		return NULL;
	build_skb_around(skb, data, size);
	skb->pfmemalloc = pfmemalloc;
	net_reserve_skb_head_mark(skb_shinfo(skb), head_reserve);
	return skb;
}

struct sk_buff *rx_alloc_skb(struct net_device *dev, unsigned int len,
			     gfp_t gfp_mask)
{
	struct page_frag_cache *nc;
	struct sk_buff *skb;
	bool pfmemalloc;
	void *data;

	if (len <= SMALL_HEAD || len > PAGE_SIZE ||
	    (gfp_mask & (__GFP_DIRECT_RECLAIM | GFP_DMA))) {
		skb = __alloc_skb(len, gfp_mask, SKB_ALLOC_RX, NUMA_NO_NODE);
		if (!skb)
			goto skb_fail;
		goto skb_success;
	}
	len = SKB_HEAD_ALIGN(len);
	if (sk_memalloc_socks())
		gfp_mask |= __GFP_MEMALLOC;
	if (in_hardirq()) {
		nc = this_cpu_ptr(&netdev_alloc_cache);
		data = page_frag_alloc(nc, len,
				       net_reserve_frag_gfp(gfp_mask));
		pfmemalloc = nc->pfmemalloc;
	} else {
		nc = this_cpu_ptr(&napi_alloc_cache.page);
		data = page_frag_alloc(nc, len,
				       net_reserve_frag_gfp(gfp_mask));
		pfmemalloc = nc->pfmemalloc;
	}
	if (unlikely(!data))
		return NULL;
	skb = __build_skb(data, len);
	if (pfmemalloc)
		skb->pfmemalloc = 1;
skb_success:
	skb->dev = dev;
skb_fail:
	return skb;
}

struct sk_buff *napi_rx_alloc_skb(struct napi_struct *napi, unsigned int len)
{
	gfp_t gfp = GFP_ATOMIC | __GFP_NOWARN;
	struct napi_alloc_cache *nc = this_cpu_ptr(&napi_alloc_cache);
	struct sk_buff *skb;
	bool pfmemalloc;
	void *data;

	if (len > PAGE_SIZE || (gfp & (__GFP_DIRECT_RECLAIM | GFP_DMA))) {
		skb = __alloc_skb(len, gfp, SKB_ALLOC_RX | SKB_ALLOC_NAPI,
				  NUMA_NO_NODE);
		if (!skb)
			goto fail;
		goto done;
	}
	len = SZ_1K;
	data = page_frag_alloc_1k(&nc->page_small, net_reserve_frag_gfp(gfp));
	pfmemalloc = NAPI_SMALL_PAGE_PFMEMALLOC(nc->page_small);
	if (net_reserve_frag_head_needs_slab(data, pfmemalloc, len)) {
		skb = net_reserve_skb_slab_head(data, SKB_WITH_OVERHEAD(len),
						gfp,
						SKB_ALLOC_RX | SKB_ALLOC_NAPI);
		if (!skb)
			goto fail;
		goto done;
	}
	if (unlikely(!data))
		return NULL;
	skb = __napi_build_skb(data, len);
	skb->pfmemalloc = pfmemalloc;
done:
	skb->dev = napi->dev;
fail:
	return skb;
}

/* the same test, with nothing to fall back on: not converted */
struct sk_buff *no_frag_head(unsigned int len, gfp_t gfp_mask)
{
	struct sk_buff *skb;
	void *data;

	if (len > PAGE_SIZE || (gfp_mask & (__GFP_DIRECT_RECLAIM | GFP_DMA)))
		return NULL;
	data = kmalloc(len, gfp_mask);
	if (unlikely(!data))
		return NULL;
	return build_skb(data, len);
}

static void skb_kfree_head(void *head, unsigned int end_offset)
{
	kfree(head);
}

int expand_head(struct sk_buff *skb, unsigned int size, gfp_t gfp_mask)
{
	u8 head_reserve;
	u8 *data;

	data = skb_kmalloc_reserve(&size, gfp_mask, NUMA_NO_NODE,
				   net_reserve_skb_tx(skb), NULL,
				   &head_reserve);
	if (!data)
		return -ENOMEM;
	size = SKB_WITH_OVERHEAD(size);
	memcpy((struct skb_shared_info *)(data + size), skb_shinfo(skb),
	       sizeof(struct skb_shared_info));
	net_reserve_skb_head_mark((struct skb_shared_info *)(data + size),
				  head_reserve);
	if (orphan_frags(skb)) {
		skb_kfree_head(data, size);
		return -ENOMEM;
	}
	replace_head(skb, data, size);
	return 0;
}

/**
 * pskb_expand_head - reallocate header of &sk_buff
 * @skb: buffer to reallocate
 * @nhead: room to add at head
 * @ntail: room to add at tail
 * @gfp_mask: allocation priority
 *
 * Return: 0, or -ENOMEM.
 */

int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail,
		     gfp_t gfp_mask)
{
	u8 head_reserve;
	unsigned int size = skb_end_offset(skb) + nhead + ntail;
	u8 *data;

	if (skb_pfmemalloc(skb))
		gfp_mask |= __GFP_MEMALLOC;

	data = skb_kmalloc_reserve(&size, gfp_mask, NUMA_NO_NODE,
				   net_reserve_skb_tx(skb), NULL,
				   &head_reserve);
	if (!data)
		return -ENOMEM;
	size = SKB_WITH_OVERHEAD(size);
	memcpy((struct skb_shared_info *)(data + size), skb_shinfo(skb),
	       sizeof(struct skb_shared_info));
	net_reserve_skb_head_mark((struct skb_shared_info *)(data + size),
				  head_reserve);
	replace_head(skb, data, size);
	return 0;
}
EXPORT_SYMBOL(pskb_expand_head);

static inline int skb_alloc_rx_flag(const struct sk_buff *skb)
{
	if (skb_pfmemalloc(skb))
		return SKB_ALLOC_RX;
	return 0;
}

/**
 * alloc_skb_with_frags - allocate skb with page frags
 *
 * @header_len: size of linear part
 * @data_len: needed length in frags
 * @order: max page order desired.
 * @errcode: pointer to error code if any
 * @gfp_mask: allocation mask
 *
 * This can be used to allocate a paged skb, given a maximal order for frags.
 */
struct sk_buff *alloc_skb_with_frags(unsigned long header_len,
				     unsigned long data_len, int order,
				     int *errcode, gfp_t gfp_mask)
{
	return __alloc_skb_with_frags(header_len, data_len, order, errcode,
				      gfp_mask, 0);
}
EXPORT_SYMBOL(alloc_skb_with_frags);

/**
 * __alloc_skb_with_frags - allocate skb with page frags, with head flags
 * @header_len: size of linear part
 * @data_len: needed length in frags
 * @order: max page order desired
 * @errcode: pointer to error code if any
 * @gfp_mask: allocation mask
 * @flags: __alloc_skb() flags for the head: SKB_ALLOC_RX for a driver's
 *	receive refill, SKB_ALLOC_RESERVE_RX for a copy of received data,
 *	either of which makes it a receive head; alloc_skb_with_frags()
 *	passes none, a transmit head when it comes from the reserves
 *
 * Return: the skb, or NULL with *@errcode set.
 */
struct sk_buff *__alloc_skb_with_frags(unsigned long header_len,
				       unsigned long data_len, int order,
				       int *errcode, gfp_t gfp_mask,
				       int flags)
{
	unsigned long chunk;
	struct sk_buff *skb;
	struct page *page;
	int nr_frags = 0;

	*errcode = -ENOBUFS;
	skb = __alloc_skb(header_len, gfp_mask, flags, NUMA_NO_NODE);
	if (!skb)
		return NULL;
	while (data_len) {
		page = alloc_page(gfp_mask);
		if (!page)
			goto failure;
		chunk = min_t(unsigned long, data_len, PAGE_SIZE << order);
		skb_fill_page_desc(skb, nr_frags, page, 0, chunk);
		nr_frags++;
		data_len -= chunk;
	}
	return skb;

failure:
	kfree_skb(skb);
	return NULL;
}
EXPORT_SYMBOL(__alloc_skb_with_frags);

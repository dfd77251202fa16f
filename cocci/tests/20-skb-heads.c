// SPDX-License-Identifier: GPL-2.0
/* Input for 20-skb-heads.cocci: the shapes it converts in skbuff.c. */
#include <linux/skbuff.h>
#include <net/sock.h>

static void *kmalloc_reserve(unsigned int *size, gfp_t flags, int node,
			     bool *pfmemalloc)
{
	bool ret_pfmemalloc = false;
	size_t obj_size = SKB_HEAD_ALIGN(*size);
	void *obj;

	if (obj_size <= SMALL_HEAD) {
		obj = kmem_cache_alloc_node(small_head_cache,
					    flags | __GFP_NOMEMALLOC | __GFP_NOWARN,
					    node);
		*size = SMALL_HEAD;
		if (obj || !(gfp_pfmemalloc_allowed(flags)))
			goto out;
		ret_pfmemalloc = true;
		obj = kmem_cache_alloc_node(small_head_cache, flags, node);
		goto out;
	}

	*size = obj_size = kmalloc_size_roundup(obj_size);
	obj = kmalloc_node_track_caller(obj_size,
					flags | __GFP_NOMEMALLOC | __GFP_NOWARN,
					node);
	if (obj || !(gfp_pfmemalloc_allowed(flags)))
		goto out;
	ret_pfmemalloc = true;
	obj = kmalloc_node_track_caller(obj_size, flags, node);
out:
	if (pfmemalloc)
		*pfmemalloc = ret_pfmemalloc;
	return obj;
}

struct sk_buff *alloc_skb_head(unsigned int size, gfp_t gfp_mask, int flags,
			       int node)
{
	struct sk_buff *skb = new_skb_struct(gfp_mask);
	bool pfmemalloc;
	u8 *data;

	data = kmalloc_reserve(&size, gfp_mask, node, &pfmemalloc);
	if (!data)
		return NULL;
	build_skb_around(skb, data, size);
	skb->pfmemalloc = pfmemalloc;
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
		data = page_frag_alloc(nc, len, gfp_mask);
		pfmemalloc = nc->pfmemalloc;
	} else {
		nc = this_cpu_ptr(&napi_alloc_cache.page);
		data = page_frag_alloc(nc, len, gfp_mask);
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
	data = page_frag_alloc_1k(&nc->page_small, gfp);
	pfmemalloc = NAPI_SMALL_PAGE_PFMEMALLOC(nc->page_small);
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
	u8 *data;

	data = kmalloc_reserve(&size, gfp_mask, NUMA_NO_NODE, NULL);
	if (!data)
		return -ENOMEM;
	size = SKB_WITH_OVERHEAD(size);
	memcpy((struct skb_shared_info *)(data + size), skb_shinfo(skb),
	       sizeof(struct skb_shared_info));
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
	unsigned int size = skb_end_offset(skb) + nhead + ntail;
	u8 *data;

	if (skb_pfmemalloc(skb))
		gfp_mask |= __GFP_MEMALLOC;

	data = kmalloc_reserve(&size, gfp_mask, NUMA_NO_NODE, NULL);
	if (!data)
		return -ENOMEM;
	size = SKB_WITH_OVERHEAD(size);
	memcpy((struct skb_shared_info *)(data + size), skb_shinfo(skb),
	       sizeof(struct skb_shared_info));
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
				     unsigned long data_len,
				     int order,
				     int *errcode,
				     gfp_t gfp_mask)
{
	unsigned long chunk;
	struct sk_buff *skb;
	struct page *page;
	int nr_frags = 0;

	*errcode = -ENOBUFS;
	skb = alloc_skb(header_len, gfp_mask);
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
EXPORT_SYMBOL(alloc_skb_with_frags);

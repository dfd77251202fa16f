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

struct sk_buff *rx_alloc_skb(unsigned int len, gfp_t gfp_mask)
{
	struct sk_buff *skb;

	if (len <= SMALL_HEAD || len > PAGE_SIZE ||
	    (gfp_mask & (__GFP_DIRECT_RECLAIM | GFP_DMA))) {
		skb = __alloc_skb(len, gfp_mask, SKB_ALLOC_RX, NUMA_NO_NODE);
		return skb;
	}
	return build_frag_skb(len, gfp_mask);
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

static inline int skb_alloc_rx_flag(const struct sk_buff *skb)
{
	if (skb_pfmemalloc(skb))
		return SKB_ALLOC_RX;
	return 0;
}

struct sk_buff *alloc_skb_with_frags(unsigned long header_len,
				     unsigned long data_len,
				     int order,
				     int *errcode,
				     gfp_t gfp_mask)
{
	struct sk_buff *skb;

	*errcode = -ENOBUFS;
	skb = alloc_skb(header_len, gfp_mask);
	if (!skb)
		return NULL;
	if (data_len && add_frags(skb, data_len, order, gfp_mask)) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}
EXPORT_SYMBOL(alloc_skb_with_frags);

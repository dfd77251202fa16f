// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 23-skb-clones.cocci: kfree_skb_list()'s bulk free, which
 * sends any fclone value but SKB_FCLONE_UNAVAILABLE to __kfree_skb()
 * first, and a variant that does not: patch mode leaves both alone,
 * report mode lists the second.
 */
#include <linux/skbuff.h>
#include <net/hotdata.h>
#include <net/net_reserve.h>

static void kfree_skb_add_bulk(struct sk_buff *skb,
			       struct skb_free_array *sa,
			       enum skb_drop_reason reason)
{
	/* if SKB is a clone, don't handle this case */
	if (unlikely(skb->fclone != SKB_FCLONE_UNAVAILABLE)) {
		__kfree_skb(skb);
		return;
	}

	skb_release_all(skb, reason);
	sa->skb_array[sa->skb_count++] = skb;

	if (unlikely(sa->skb_count == KFREE_SKB_BULK_SIZE)) {
		kmem_cache_free_bulk(net_hotdata.skbuff_cache, KFREE_SKB_BULK_SIZE,
				     sa->skb_array);
		sa->skb_count = 0;
	}
}

static void kfree_skb_add_bulk_untested(struct sk_buff *skb,
					struct skb_free_array *sa,
					enum skb_drop_reason reason)
{
	skb_release_all(skb, reason);
	sa->skb_array[sa->skb_count++] = skb;

	if (unlikely(sa->skb_count == KFREE_SKB_BULK_SIZE)) {
		kmem_cache_free_bulk(net_hotdata.skbuff_cache, KFREE_SKB_BULK_SIZE,
				     sa->skb_array);
		sa->skb_count = 0;
	}
}

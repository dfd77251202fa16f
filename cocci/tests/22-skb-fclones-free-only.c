// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 22-skb-fclones.cocci: a file that frees pairs but does not
 * make them, so does not charge them: its free is left alone, since it
 * would read a byte no one set. Report mode lists it.
 */
#include <linux/skbuff.h>
#include <net/hotdata.h>
#include <net/net_reserve.h>

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

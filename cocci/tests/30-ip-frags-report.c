// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 30-ip-frags.cocci's report, context and org modes: a
 * reassembly engine of its own, as nf_conntrack's, with no reserve group,
 * and the queue allocation of pristine inet_fragment.c. Patch mode, tied
 * to ip4_frags and ip6_frags, leaves both alone.
 */
#include <net/inet_frag.h>

static struct inet_frags other_frags;

static struct inet_frag_queue *other_frag_alloc(struct inet_frags *f)
{
	return kmem_cache_zalloc(f->frags_cachep, GFP_ATOMIC);
}

int other_frags_init(void)
{
	other_frags.qsize = sizeof(struct inet_frag_queue);
	return inet_frags_init(&other_frags);
}

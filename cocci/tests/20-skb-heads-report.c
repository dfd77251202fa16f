// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 20-skb-heads.cocci's report, context and org modes: an
 * open-coded "without the reserves, then with" fallback of another
 * subsystem, a candidate for the wrappers. Patch mode, tied to skbuff.c's
 * kmalloc_reserve(), leaves it alone.
 */
#include <linux/slab.h>

void *other_alloc(size_t size, gfp_t flags, bool *pfmemalloc)
{
	void *obj = kmalloc(size, flags | __GFP_NOMEMALLOC | __GFP_NOWARN);

	*pfmemalloc = false;
	if (obj || !gfp_pfmemalloc_allowed(flags))
		return obj;
	*pfmemalloc = true;
	return kmalloc(size, flags);
}

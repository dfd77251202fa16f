// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 70-sunrpc-swap.cocci's report, context and org modes: what an
 * RPC task allocates with its own mask, as rpc_malloc(), auth_unix and
 * xprtsock do; the wrapper call is not listed. Patch mode, tied to the
 * functions it converts, leaves them alone.
 */
#include <linux/slab.h>
#include <linux/sunrpc/sched.h>
#include <linux/sunrpc/xdr.h>

void *other_buffer(size_t size, struct kmem_cache *slab,
		   struct mem_reserve *reserve, bool *emerg)
{
	gfp_t gfp = rpc_task_gfp_mask();
	void *buf;

	if (size <= 2048)
		buf = kmem_cache_alloc_reserve(slab, gfp, NUMA_NO_NODE, reserve,
					       emerg);
	else
		buf = kmalloc(size, gfp);
	return buf;
}

void *other_cred(void)
{
	return kmalloc(64, rpc_task_gfp_mask());
}

int other_bvec(struct xdr_buf *buf)
{
	return xdr_alloc_bvec(buf, rpc_task_gfp_mask());
}

// SPDX-License-Identifier: GPL-2.0-only
/// Bound what swap over NFS takes from the emergency reserves: swapon on
/// an NFS file reserves for its RPC client and keeps the network reserve
/// connected until swapoff, and the call and reply buffers of swapper
/// tasks are charged to the RPC buffer reserve.
///
/// rpc_clnt_swap_activate() reserves before it enables swap on the
/// client's transports, and fails (so swapon fails) if the reserve cannot
/// be had. Mainline leaves cl_swapper raised when the transports refuse,
/// after which every later swapon skips activation; the converted code
/// drops it again. rpc_clnt_swap_deactivate() gives the reserve back after
/// the transports.
///
/// rpc_malloc() allocates through the reserve wrappers: a swapper task's
/// emergency buffer is charged, any other task gets what mainline gives
/// it. struct rpc_buffer records the group a buffer was charged to, which
/// rpc_free() uncharges instead of returning the buffer to the mempool.
/// The field goes first so that data[] keeps its alignment.
//
// Files: net/sunrpc/sunrpc.h net/sunrpc/clnt.c net/sunrpc/sched.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

@has_include depends on patch@
@@
#include <net/net_reserve.h>

@buffer depends on patch@
@@
struct rpc_buffer {
+	/* the group it was charged to, or NULL */
+	struct mem_reserve	*reserve;
	size_t len;
	...
};

@converted_activate@
@@
rpc_reserve_swap_enable()

@activate depends on patch && !converted_activate@
identifier clnt, cb;
@@
 if (atomic_inc_return(&clnt->cl_swapper) == 1)
-	return rpc_clnt_iterate_for_each_xprt(clnt, cb, NULL);
+{
+	int err = rpc_reserve_swap_enable();
+
+	if (!err) {
+		err = rpc_clnt_iterate_for_each_xprt(clnt, cb, NULL);
+		if (err)
+			rpc_reserve_swap_disable();
+	}
+	if (err)
+		atomic_dec(&clnt->cl_swapper);
+	return err;
+}

@deactivate depends on patch && !converted_activate@
identifier clnt, cb;
@@
 if (atomic_dec_if_positive(&clnt->cl_swapper) == 0)
-	rpc_clnt_iterate_for_each_xprt(clnt, cb, NULL);
+{
+	rpc_clnt_iterate_for_each_xprt(clnt, cb, NULL);
+	rpc_reserve_swap_disable();
+}

@converted_malloc@
@@
rpc_reserve_buffer_group(...)

@malloc depends on patch && !converted_malloc exists@
identifier task, buf, gfp, size;
@@
 int rpc_malloc(struct rpc_task *task)
 {
 ...
 gfp_t gfp = rpc_task_gfp_mask();
+struct mem_reserve *reserve =
+	rpc_reserve_buffer_group(RPC_IS_SWAPPER(task));
+bool emerg;
 ...
 buf->len = size;
+buf->reserve = emerg ? reserve : NULL;
 ...
 }

@malloc_calls depends on malloc@
identifier malloc.buf, malloc.gfp;
expression slab, size;
@@
 int rpc_malloc(...)
 {
 <...
(
-buf = kmem_cache_alloc(slab, gfp);
+buf = kmem_cache_alloc_reserve(slab, gfp, NUMA_NO_NODE, reserve, &emerg);
|
-buf = kmalloc(size, gfp);
+buf = kmalloc_reserve(size, gfp, NUMA_NO_NODE, reserve, &emerg);
)
 ...>
 }

@free depends on patch && malloc@
identifier task, buf, size, pool;
@@
 void rpc_free(struct rpc_task *task)
 {
 ...
 size = buf->len;
+if (buf->reserve) {
+	if (size <= RPC_BUFFER_MAXSIZE)
+		kmem_cache_free_reserve(rpc_buffer_slabp, buf, buf->reserve,
+					true);
+	else
+		kfree_reserve(buf, buf->reserve, true);
+	return;
+}
 if (size <= RPC_BUFFER_MAXSIZE)
 	mempool_free(buf, pool);
 else
 	kfree(buf);
 }

@include depends on patch && (activate || malloc) && !has_include@
@@
#include <linux/sunrpc/clnt.h>
+#include <net/net_reserve.h>

// SPDX-License-Identifier: GPL-2.0-only
/// Bound what swap over NFS takes from the emergency reserves: swapon on
/// an NFS file reserves for its RPC client and keeps the network reserve
/// connected until swapoff, and the tasks, request slots and buffers of
/// swap writes are charged to the sunrpc groups.
///
/// rpc_clnt_swap_activate() reserves before it enables swap on the
/// client's transports, and fails (so swapon fails) if the reserve cannot
/// be had. Activation and deactivation are serialised, and cl_swapper is
/// raised only once activation succeeded: in mainline a failed activation
/// left it raised, after which every later swapon skipped activation, and
/// a second swapon racing the first could return before the transports
/// were enabled. rpc_clnt_swap_deactivate() gives the reserve back after
/// the transports.
///
/// The allocations take the reserve wrappers with the group of a swapper
/// (for slots: of a swap-enabled transport), and no group otherwise, which
/// gets what mainline gives. Each charged object records its group in the
/// request or task (rq_reserve, rq_buffer_reserve, tk_reserve); struct
/// rpc_buffer is left as it is. A charged task or buffer is freed with
/// its group instead of going to the mempool. sunrpc tells the groups
/// which caches its tasks and buffers come from once it has made them,
/// and before it destroys them. A request slot is kept or
/// handed on exactly as in mainline, so its charge ends when it is
/// released. A swapper's task allocation runs in reclaim, where mainline
/// never sleeps: there it does not wait for room either
/// (rpc_reserve_task_gfp()), and takes the mempool when refused.
//
// Files: include/linux/sunrpc/xprt.h include/linux/sunrpc/sched.h net/sunrpc/clnt.c net/sunrpc/sched.c net/sunrpc/xprt.c
// Confidence: High
// Options: --no-includes --max-width 84

virtual patch
virtual context
virtual org
virtual report

@has_include depends on patch@
@@
#include <net/net_reserve.h>

// The records, once per struct.

@has_rq_reserve depends on patch@
@@
struct rpc_rqst {
	...
	struct mem_reserve *rq_reserve;
	...
};

@rqst_fields depends on patch && !has_rq_reserve@
@@
struct rpc_rqst {
	...
+	/* the groups this slot and its buffer were charged to, or NULL */
+	struct mem_reserve	*rq_reserve;
+	struct mem_reserve	*rq_buffer_reserve;
};

@has_tk_reserve depends on patch@
@@
struct rpc_task {
	...
	struct mem_reserve *tk_reserve;
	...
};

@task_field depends on patch && !has_tk_reserve@
@@
struct rpc_task {
	...
+	/* the group this task was charged to, or NULL */
+	struct mem_reserve	*tk_reserve;
};

// Swapon and swapoff.

@converted_activate@
@@
rpc_reserve_swap_enable()

@activate depends on patch && !converted_activate@
identifier clnt, cb;
declarer name DEFINE_MUTEX;
@@
+static DEFINE_MUTEX(rpc_swap_mutex);
+
 int
 rpc_clnt_swap_activate(struct rpc_clnt *clnt)
 {
+	int err = 0;
+
 	while (clnt != clnt->cl_parent)
 		clnt = clnt->cl_parent;
-	if (atomic_inc_return(&clnt->cl_swapper) == 1)
-		return rpc_clnt_iterate_for_each_xprt(clnt, cb, NULL);
-	return 0;
+	mutex_lock(&rpc_swap_mutex);
+	if (atomic_read(&clnt->cl_swapper) == 0) {
+		err = rpc_reserve_swap_enable();
+		if (!err) {
+			err = rpc_clnt_iterate_for_each_xprt(clnt, cb, NULL);
+			if (err)
+				rpc_reserve_swap_disable();
+		}
+	}
+	if (!err)
+		atomic_inc(&clnt->cl_swapper);
+	mutex_unlock(&rpc_swap_mutex);
+	return err;
 }

@deactivate depends on patch && activate@
identifier clnt, cb;
@@
 void
 rpc_clnt_swap_deactivate(struct rpc_clnt *clnt)
 {
+	bool last;
+
 	while (clnt != clnt->cl_parent)
 		clnt = clnt->cl_parent;
-	if (atomic_dec_if_positive(&clnt->cl_swapper) == 0)
+	mutex_lock(&rpc_swap_mutex);
+	last = atomic_dec_if_positive(&clnt->cl_swapper) == 0;
+	if (last)
 		rpc_clnt_iterate_for_each_xprt(clnt, cb, NULL);
+	if (last)
+		rpc_reserve_swap_disable();
+	mutex_unlock(&rpc_swap_mutex);
 }

// Request slots.

@converted_slot@
@@
rpc_reserve_slot_zalloc(...)

@slot_alloc depends on patch && !converted_slot exists@
identifier xprt, req;
symbol out;
@@
 struct rpc_rqst *xprt_dynamic_alloc_slot(struct rpc_xprt *xprt)
 {
 struct rpc_rqst *req = ...;
+struct mem_reserve *charged;
 ...
-req = kzalloc(sizeof(*req), rpc_task_gfp_mask());
+req = rpc_reserve_slot_zalloc(xprt, sizeof(*req), rpc_task_gfp_mask(),
+			      &charged);
 spin_lock(&xprt->reserve_lock);
-if (req != NULL)
-	goto out;
+if (req) {
+	req->rq_reserve = charged;
+	goto out;
+}
 ...
 }

@slot_release depends on patch && slot_alloc@
identifier xprt, req;
@@
 void xprt_free_slot(struct rpc_xprt *xprt, struct rpc_rqst *req)
 {
+	/* kept, handed on or freed as ever: the emergency charge ends here */
+	if (req->rq_reserve) {
+		mem_reserve_uncharge(req->rq_reserve, ksize(req));
+		req->rq_reserve = NULL;
+	}
 	spin_lock(&xprt->reserve_lock);
 	...
 }

// rpc_task structs.

@converted_task@
@@
rpc_reserve_task_group(...)

@task_alloc depends on patch && !converted_task@
symbol rpc_task_slabp;
@@
 struct rpc_task *
-rpc_alloc_task(void)
+rpc_alloc_task(struct mem_reserve *reserve, bool *emerg)
 {
 <...
-kmem_cache_alloc(rpc_task_slabp, rpc_task_gfp_mask())
+kmem_cache_alloc_reserve(rpc_task_slabp,
+			 rpc_reserve_task_gfp(rpc_task_gfp_mask(), reserve),
+			 NUMA_NO_NODE, reserve, emerg)
 ...>
 }

@task_new depends on patch && task_alloc exists@
identifier setup_data, task, flags;
@@
 struct rpc_task *rpc_new_task(const struct rpc_task_setup *setup_data)
 {
 struct rpc_task *task = setup_data->task;
 unsigned short flags = 0;
+struct mem_reserve *reserve =
+	rpc_reserve_task_group(setup_data->flags & RPC_TASK_SWAPPER);
+bool emerg = false;
 ...
-task = rpc_alloc_task();
+task = rpc_alloc_task(reserve, &emerg);
 ...
 task->tk_flags |= flags;
+task->tk_reserve = emerg ? reserve : NULL;
 return task;
 }

@task_free depends on patch && task_alloc@
identifier task, tk_flags;
symbol true, rpc_task_slabp, rpc_task_mempool;
@@
 void rpc_free_task(struct rpc_task *task)
 {
 ...
 if (tk_flags & RPC_TASK_DYNAMIC)
-	mempool_free(task, rpc_task_mempool);
+{
+	if (task->tk_reserve)
+		kmem_cache_free_reserve(rpc_task_slabp, task,
+					task->tk_reserve, true);
+	else
+		mempool_free(task, rpc_task_mempool);
+}
 }

// Call and reply buffers.

@converted_malloc@
@@
rpc_reserve_buffer_group(...)

@malloc depends on patch && !converted_malloc exists@
identifier task, rqst, buf, gfp, size;
@@
 int rpc_malloc(struct rpc_task *task)
 {
 struct rpc_rqst *rqst = task->tk_rqstp;
 ...
 gfp_t gfp = rpc_task_gfp_mask();
+struct mem_reserve *reserve = rpc_reserve_buffer_group(RPC_IS_SWAPPER(task));
+bool emerg;
 ...
 buf->len = size;
+rqst->rq_buffer_reserve = emerg ? reserve : NULL;
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
symbol true;
@@
 void rpc_free(struct rpc_task *task)
 {
 ...
 size = buf->len;
+if (task->tk_rqstp->rq_buffer_reserve) {
+	struct mem_reserve *reserve = task->tk_rqstp->rq_buffer_reserve;
+
+	if (size <= RPC_BUFFER_MAXSIZE)
+		kmem_cache_free_reserve(rpc_buffer_slabp, buf, reserve, true);
+	else
+		kfree_reserve(buf, reserve, true);
+	return;
+}
 if (size <= RPC_BUFFER_MAXSIZE)
 	mempool_free(buf, pool);
 else
 	kfree(buf);
 }

// The caches of tasks and buffers, which their groups' sizing must know.

@converted_caches@
@@
rpc_reserve_caches(...)

@caches_init depends on patch && !converted_caches@
identifier err;
symbol rpc_task_slabp, rpc_buffer_slabp, rpc_buffer_mempool;
@@
 int rpc_init_mempool(void)
 {
 ...
 rpc_buffer_mempool = mempool_create_slab_pool(...);
 if (!rpc_buffer_mempool)
 	goto err;
+rpc_reserve_caches(rpc_task_slabp, rpc_buffer_slabp);
 ...
 }

@caches_fini depends on patch && caches_init@
symbol rpc_task_slabp, NULL;
@@
 void rpc_destroy_mempool(void)
 {
 ...
+rpc_reserve_caches(NULL, NULL);
 kmem_cache_destroy(rpc_task_slabp);
 ...
 }

@include depends on patch && (activate || malloc || task_alloc) && !has_include@
@@
#include <linux/sunrpc/clnt.h>
+#include <net/net_reserve.h>

@include_xprt depends on patch && slot_alloc && !has_include && !include@
@@
#include <linux/sunrpc/metrics.h>
+#include <net/net_reserve.h>

// Report, context and org: what a swapping task still allocates charged
// to no group. rpc_task_gfp_mask() is the allocation mask of an RPC task's
// own work (it is GFP_NOFS | __GFP_NOWARN, and the task of a swap write
// runs with PF_MEMALLOC): every call it reaches, directly or through a
// local gfp_t, other than the reserve wrappers and helpers, may take from
// the reserves for a swapper without a bound.

@swapper_direct depends on report || org@
identifier f != {rpc_reserve_task_gfp, rpc_reserve_slot_zalloc,
		 kmalloc_reserve, kmalloc_reserve_track_caller,
		 kmem_cache_alloc_reserve, alloc_pages_reserve};
position p;
@@
f@p(..., rpc_task_gfp_mask(), ...)

@swapper_local depends on report || org exists@
identifier f != {rpc_reserve_task_gfp, rpc_reserve_slot_zalloc,
		 kmalloc_reserve, kmalloc_reserve_track_caller,
		 kmem_cache_alloc_reserve, alloc_pages_reserve};
identifier gfp;
position p;
@@
gfp_t gfp = rpc_task_gfp_mask();
...
f@p(..., gfp, ...)

@depends on context@
identifier f != {rpc_reserve_task_gfp, rpc_reserve_slot_zalloc,
		 kmalloc_reserve, kmalloc_reserve_track_caller,
		 kmem_cache_alloc_reserve, alloc_pages_reserve};
@@
* f(..., rpc_task_gfp_mask(), ...)

@depends on context exists@
identifier f != {rpc_reserve_task_gfp, rpc_reserve_slot_zalloc,
		 kmalloc_reserve, kmalloc_reserve_track_caller,
		 kmem_cache_alloc_reserve, alloc_pages_reserve};
identifier gfp;
@@
gfp_t gfp = rpc_task_gfp_mask();
...
* f(..., gfp, ...)

@script:python depends on report@
p << swapper_direct.p;
f << swapper_direct.f;
@@
coccilib.report.print_report(p[0], "a swapper's allocation charged to no reserve group: rpc_task_gfp_mask() reaches %s()" % f)

@script:python depends on report@
p << swapper_local.p;
f << swapper_local.f;
@@
coccilib.report.print_report(p[0], "a swapper's allocation charged to no reserve group: rpc_task_gfp_mask() reaches %s()" % f)

@script:python depends on org@
p << swapper_direct.p;
f << swapper_direct.f;
@@
coccilib.org.print_todo(p[0], "rpc_task_gfp_mask() reaches %s(), charged to no group" % f)

@script:python depends on org@
p << swapper_local.p;
f << swapper_local.f;
@@
coccilib.org.print_todo(p[0], "rpc_task_gfp_mask() reaches %s(), charged to no group" % f)

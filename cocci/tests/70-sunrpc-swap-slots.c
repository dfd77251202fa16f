// SPDX-License-Identifier: GPL-2.0
/* Input for 70-sunrpc-swap.cocci: slots and tasks, as in xprt.c and sched.c. */
#include <linux/sunrpc/clnt.h>
#include <linux/sunrpc/metrics.h>

struct rpc_rqst {
	struct rpc_xprt *	rq_xprt;
	struct list_head	rq_list;
};

struct rpc_task {
	atomic_t		tk_count;
	unsigned short		tk_flags;
};

/* Not one of the structs: left alone. */
struct rpc_xprt_switch {
	spinlock_t		xps_lock;
};

static bool xprt_throttle_congested(struct rpc_xprt *xprt, struct rpc_task *task)
{
	return false;
}

static struct rpc_rqst *xprt_dynamic_alloc_slot(struct rpc_xprt *xprt)
{
	struct rpc_rqst *req = ERR_PTR(-EAGAIN);

	if (xprt->num_reqs >= xprt->max_reqs)
		goto out;
	++xprt->num_reqs;
	spin_unlock(&xprt->reserve_lock);
	req = kzalloc(sizeof(*req), rpc_task_gfp_mask());
	spin_lock(&xprt->reserve_lock);
	if (req != NULL)
		goto out;
	--xprt->num_reqs;
	req = ERR_PTR(-ENOMEM);
out:
	return req;
}

static bool xprt_dynamic_free_slot(struct rpc_xprt *xprt, struct rpc_rqst *req)
{
	if (xprt->num_reqs > xprt->min_reqs) {
		--xprt->num_reqs;
		kfree(req);
		return true;
	}
	return false;
}

void xprt_free_slot(struct rpc_xprt *xprt, struct rpc_rqst *req)
{
	spin_lock(&xprt->reserve_lock);
	if (!xprt_wake_up_backlog(xprt, req) &&
	    !xprt_dynamic_free_slot(xprt, req)) {
		memset(req, 0, sizeof(*req));	/* mark unused */
		list_add(&req->rq_list, &xprt->free);
	}
	spin_unlock(&xprt->reserve_lock);
}

/* The preallocated slots stay plain. */
struct rpc_xprt *xprt_alloc(struct net *net, size_t size)
{
	struct rpc_rqst *req;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	return req ? NULL : NULL;
}

static struct rpc_task *rpc_alloc_task(void)
{
	struct rpc_task *task;

	task = kmem_cache_alloc(rpc_task_slabp, rpc_task_gfp_mask());
	if (task)
		return task;
	return mempool_alloc(rpc_task_mempool, GFP_NOWAIT);
}

struct rpc_task *rpc_new_task(const struct rpc_task_setup *setup_data)
{
	struct rpc_task	*task = setup_data->task;
	unsigned short flags = 0;

	if (task == NULL) {
		task = rpc_alloc_task();
		if (task == NULL) {
			rpc_release_calldata(setup_data->callback_ops,
					     setup_data->callback_data);
			return ERR_PTR(-ENOMEM);
		}
		flags = RPC_TASK_DYNAMIC;
	}

	rpc_init_task(task, setup_data);
	task->tk_flags |= flags;
	return task;
}

static void rpc_free_task(struct rpc_task *task)
{
	unsigned short tk_flags = task->tk_flags;

	put_rpccred(task->tk_op_cred);
	rpc_release_calldata(task->tk_ops, task->tk_calldata);

	if (tk_flags & RPC_TASK_DYNAMIC)
		mempool_free(task, rpc_task_mempool);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The sunrpc swap reserve: what RPC tasks writing to a swap file over NFS
 * take from the emergency reserves. Such a task runs with PF_MEMALLOC
 * (RPC_TASK_SWAPPER, __rpc_execute()), so in mainline each of its
 * allocations may dip into the reserves without bound.
 *
 * Its groups are children of the network reserve's top: the replies that
 * complete a swap write come in through the network groups, so the two are
 * only of use together, and being one subtree they connect and disconnect
 * together. Swapon on an NFS file (rpc_clnt_swap_activate()) sizes the
 * groups for one more swap client and holds the network reserve
 * connected; swapoff gives both back. If the tree cannot connect, swapon
 * fails with -ENOMEM rather than swapping unreserved.
 *
 * Charged: the rpc_task structs of swapper tasks, the request slots that
 * swap transports allocate beyond their preallocated ones, and the call
 * and reply buffers of rpc_malloc(). Tasks and small buffers come from
 * sunrpc's own caches, which it names (rpc_reserve_caches()) so that the
 * sizing counts them. NFS's part of a swap write (headers, page requests)
 * is bounded per write by the NFS swap write group, a child sized here too.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/sunrpc/sched.h>
#include <linux/sunrpc/xprt.h>
#include "internal.h"

/*
 * RPC_RESERVE_REQUESTS (internal.h) swap writes per client on emergency
 * memory: a task, a request slot and a buffer each. One that finds its
 * group full waits (a sleeping task) or is retried by sunrpc after HZ/16
 * (rpciod), so this bounds the writes on emergency memory, not the writes
 * in flight; the NFS swap write group (nfs_swap.c) bounds those.
 */
/*
 * What one buffer is charged: the size of the rpc_buffers slab objects
 * (RPC_BUFFER_MAXSIZE in net/sunrpc/sched.c), which hold the calls and
 * replies of a swap write; larger buffers come from kmalloc and are
 * charged their size class against the same limit.
 */
#define RPC_RESERVE_BUFFER_SIZE	2048

struct mem_reserve rpc_swap_reserve;
struct mem_reserve rpc_task_reserve;
EXPORT_SYMBOL_GPL(rpc_task_reserve);
struct mem_reserve rpc_slot_reserve;
EXPORT_SYMBOL_GPL(rpc_slot_reserve);
struct mem_reserve rpc_buffer_reserve;
EXPORT_SYMBOL_GPL(rpc_buffer_reserve);

/* Swap-enabled RPC clients; under net_reserve_size_lock. */
int rpc_swap_clients;

/* Size the groups for @clients; on failure some may have grown. */
static int rpc_reserve_size(int clients)
{
	long requests = (long)clients * RPC_RESERVE_REQUESTS;
	int err;

	/* rpc_tasks objects are sizeof(struct rpc_task); slots are kmalloc'd */
	err = mem_reserve_kmalloc_set(&rpc_task_reserve,
				      requests * sizeof(struct rpc_task));
	if (!err)
		err = mem_reserve_kmalloc_set(&rpc_slot_reserve, requests *
					      kmalloc_size_roundup(sizeof(struct rpc_rqst)));
	if (!err)
		err = mem_reserve_kmalloc_set(&rpc_buffer_reserve,
					      requests * RPC_RESERVE_BUFFER_SIZE);
	if (!err)
		err = nfs_reserve_size(clients);
	return err;
}

/**
 * rpc_reserve_swap_enable - reserve for one more swap-enabled RPC client
 *
 * Called by rpc_clnt_swap_activate() before it enables swap on the
 * client's transports. Grows the RPC groups by one client's worth and
 * keeps the network reserve, which they are part of, connected. Process
 * context; may sleep.
 *
 * Return: 0, or -ENOMEM if the watermarks cannot take the grown tree;
 * nothing is changed then.
 */
int rpc_reserve_swap_enable(void)
{
	int err;

	mutex_lock(&net_reserve_size_lock);
	err = rpc_reserve_size(rpc_swap_clients + 1);
	if (!err) {
		err = net_reserve_hold();
		if (!err)
			rpc_swap_clients++;
	}
	if (err)
		/* back to a size the tree had: shrinking cannot fail */
		WARN_ON_ONCE(rpc_reserve_size(rpc_swap_clients));
	mutex_unlock(&net_reserve_size_lock);
	if (err)
		pr_warn("sunrpc: cannot reserve memory for swap over NFS (%d)\n",
			err);
	return err;
}
EXPORT_SYMBOL_GPL(rpc_reserve_swap_enable);

/**
 * rpc_reserve_swap_disable - undo rpc_reserve_swap_enable()
 *
 * Called by rpc_clnt_swap_deactivate() once swap is off on the client's
 * transports. The network reserve disconnects a grace period after
 * nothing wants it any more. Process context; may sleep.
 */
void rpc_reserve_swap_disable(void)
{
	mutex_lock(&net_reserve_size_lock);
	if (!WARN_ON_ONCE(rpc_swap_clients <= 0)) {
		rpc_swap_clients--;
		/* shrinking cannot fail */
		WARN_ON_ONCE(rpc_reserve_size(rpc_swap_clients));
		net_reserve_unhold();
	}
	mutex_unlock(&net_reserve_size_lock);
}
EXPORT_SYMBOL_GPL(rpc_reserve_swap_disable);

/**
 * rpc_reserve_caches - name the caches of RPC tasks and buffers
 * @tasks: the cache rpc_task structs come from, or NULL
 * @buffers: the cache of small call and reply buffers, or NULL
 *
 * Called by sunrpc once it has made its caches, and with NULLs before it
 * destroys them, while no client swaps. The task and buffer groups are
 * sized in kmalloc bytes and also charged objects of these caches: their
 * demand covers either kind, and the root holds the caches' per-CPU
 * slabs while they are connected. Process context.
 */
void rpc_reserve_caches(struct kmem_cache *tasks, struct kmem_cache *buffers)
{
	mutex_lock(&net_reserve_size_lock);
	/*
	 * Taking them back (NULL) always works; naming them needs no swap,
	 * and that the last ones were taken back: a group may name a second
	 * cache, so the add would not refuse a destroyed one left named.
	 */
	WARN_ON_ONCE(tasks && rpc_swap_clients);
	WARN_ON_ONCE(tasks && rpc_task_reserve.extra_caches[0]);
	WARN_ON_ONCE(buffers && rpc_buffer_reserve.extra_caches[0]);
	WARN_ON_ONCE(mem_reserve_kmem_cache_add(&rpc_task_reserve, tasks));
	WARN_ON_ONCE(mem_reserve_kmem_cache_add(&rpc_buffer_reserve, buffers));
	mutex_unlock(&net_reserve_size_lock);
}
EXPORT_SYMBOL_GPL(rpc_reserve_caches);

/**
 * rpc_reserve_slot_zalloc - allocate a request slot for a transport
 * @xprt: the transport
 * @size: the slot's size
 * @gfp: the caller's allocation flags
 * @charged: set to the group the slot was charged to, or NULL
 *
 * kzalloc() of a request slot, for xprt_dynamic_alloc_slot(). On a
 * swap-enabled transport a slot that has to come from the reserves is
 * charged to the RPC request slot reserve; the caller records @charged in
 * the slot, and xprt_free_slot() ends the charge. Out of line, so that
 * sparse follows the transport's lock around the call.
 *
 * Return: the zeroed slot, or NULL.
 */
void *rpc_reserve_slot_zalloc(struct rpc_xprt *xprt, size_t size, gfp_t gfp,
			      struct mem_reserve **charged)
{
	struct mem_reserve *reserve = atomic_read(&xprt->swapper) ?
				      &rpc_slot_reserve : NULL;
	bool emerg;
	void *slot;

	slot = kmalloc_reserve(size, gfp | __GFP_ZERO, NUMA_NO_NODE, reserve,
			       &emerg);
	*charged = slot && emerg ? reserve : NULL;
	return slot;
}
EXPORT_SYMBOL_GPL(rpc_reserve_slot_zalloc);

void rpc_reserve_init(void)
{
	mem_reserve_init(&rpc_swap_reserve, "sunrpc swap reserve",
			 &net_reserve_top);
	mem_reserve_init(&rpc_task_reserve, "RPC tasks", &rpc_swap_reserve);
	mem_reserve_init(&rpc_slot_reserve, "RPC request slots", &rpc_swap_reserve);
	mem_reserve_init(&rpc_buffer_reserve, "RPC buffers", &rpc_swap_reserve);
	nfs_reserve_init();
}

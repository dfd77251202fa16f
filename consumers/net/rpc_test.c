// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: swap over NFS reserves from swapon to swapoff, through a real
 * RPC client's rpc_clnt_swap_activate() and rpc_clnt_swap_deactivate(),
 * and charges the tasks, request slots and buffers of swap writes.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/mmzone.h>
#include <linux/sched/mm.h>
#include <linux/sunrpc/clnt.h>
#include <linux/sunrpc/xprtsock.h>
#include <net/sock.h>
#include "net_test_util.h"
#include "test_util.h"

#define RT_MAX_ZONES	(MAX_NUMNODES * MAX_NR_ZONES)

static const struct rpc_procinfo rt_procs[1];
static unsigned int rt_counts[ARRAY_SIZE(rt_procs)];
static const struct rpc_version rt_version1 = {
	.number = 1,
	.nrprocs = ARRAY_SIZE(rt_procs),
	.procs = rt_procs,
	.counts = rt_counts,
};

static const struct rpc_version *rt_versions[] = { NULL, &rt_version1 };
static struct rpc_stat rt_stats;

static const struct rpc_program rt_program = {
	.name = "mem_reserve_test",
	.number = 0x20000099,
	.nrvers = ARRAY_SIZE(rt_versions),
	.version = rt_versions,
	.stats = &rt_stats,
};

static void rt_shutdown(void *clnt)
{
	rpc_shutdown_client(clnt);
}

/* A TCP client of 127.0.0.1, never connected: nothing listens there. */
static struct rpc_clnt *rt_client(struct kunit *test)
{
	struct sockaddr_in sin = net_reserve_lo_addr(9);
	struct rpc_create_args args = {
		.net = &init_net,
		.protocol = XPRT_TRANSPORT_TCP,
		.address = (struct sockaddr *)&sin,
		.addrsize = sizeof(sin),
		.servername = "localhost",
		.program = &rt_program,
		.version = 1,
		.authflavor = RPC_AUTH_NULL,
		.flags = RPC_CLNT_CREATE_NOPING,
	};
	struct rpc_clnt *clnt = rpc_create(&args);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(clnt), "rpc_create: %ld", PTR_ERR(clnt));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, rt_shutdown, clnt));
	return clnt;
}

static int rt_xprt_swapper(struct rpc_clnt *clnt)
{
	struct rpc_xprt *xprt;
	int swapper;

	rcu_read_lock();
	xprt = rcu_dereference(clnt->cl_xprt);
	swapper = atomic_read(&xprt->swapper);
	rcu_read_unlock();
	return swapper;
}

static void rt_wmarks(long *min)
{
	struct zone *zone;
	int i = 0;

	for_each_populated_zone(zone)
		min[i++] = mr_test_min_wmark(zone);
}

/*
 * Swapon connects the network tree with the RPC groups in it, with no
 * memalloc socket yet (the transport has none); swapoff gives back every
 * page: the root total and each zone's min watermark are what they were.
 */
static void rpc_swapon_reserves_and_swapoff_gives_back(struct kunit *test)
{
	long *before = kunit_kcalloc(test, RT_MAX_ZONES, sizeof(long), GFP_KERNEL);
	long *after = kunit_kcalloc(test, RT_MAX_ZONES, sizeof(long), GFP_KERNEL);
	long root = mem_reserve_pages(&mem_reserve_root);
	long net = mem_reserve_pages(&net_reserve_top);
	long slabs = mem_reserve_cpu_slab_total;
	struct rpc_clnt *clnt;

	nr_test_begin(test);
	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, after);
	clnt = rt_client(test);
	KUNIT_ASSERT_FALSE(test, mem_reserve_connected(&net_reserve_top));
	KUNIT_ASSERT_EQ(test, 0L, mem_reserve_pages(&rpc_swap_reserve));
	rt_wmarks(before);

	KUNIT_ASSERT_EQ(test, 0, rpc_clnt_swap_activate(clnt));
	KUNIT_EXPECT_EQ(test, 1, rt_xprt_swapper(clnt));
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&rpc_buffer_reserve));
	KUNIT_EXPECT_EQ(test, 16L * 2048, mem_reserve_limit(&rpc_buffer_reserve));
	KUNIT_EXPECT_EQ(test, 16L * (long)sizeof(struct rpc_task),
			mem_reserve_limit(&rpc_task_reserve));
	KUNIT_EXPECT_EQ(test, 16L * (long)kmalloc_size_roundup(sizeof(struct rpc_rqst)),
			mem_reserve_limit(&rpc_slot_reserve));
	KUNIT_EXPECT_GT(test, mem_reserve_pages(&rpc_swap_reserve), 0L);
	/* and NFS's part of the swap writes, sized with them */
	if (IS_ENABLED(CONFIG_NFS_MEM_RESERVE)) {
		KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&nfs_swap_write_reserve));
		KUNIT_EXPECT_GT(test, mem_reserve_limit(&nfs_swap_write_reserve), 0L);
	}
	/* tasks and small buffers come from sunrpc's caches, which it named */
	KUNIT_ASSERT_NOT_NULL(test, rpc_task_reserve.extra_caches[0]);
	KUNIT_ASSERT_NOT_NULL(test, rpc_buffer_reserve.extra_caches[0]);
	KUNIT_EXPECT_GE(test, kmem_cache_size(rpc_task_reserve.extra_caches[0]),
			(unsigned int)sizeof(struct rpc_task));
	KUNIT_EXPECT_EQ(test, 2048U, kmem_cache_size(rpc_buffer_reserve.extra_caches[0]));
	/* and the per-CPU slabs of the caches the groups hold objects of */
	KUNIT_EXPECT_EQ(test, root + net + mem_reserve_pages(&rpc_swap_reserve) +
			mem_reserve_cpu_slab_total - slabs,
			mem_reserve_pages(&mem_reserve_root));

	/* a second swap file on the same client reserves nothing more */
	KUNIT_ASSERT_EQ(test, 0, rpc_clnt_swap_activate(clnt));
	KUNIT_EXPECT_EQ(test, 16L * 2048, mem_reserve_limit(&rpc_buffer_reserve));
	rpc_clnt_swap_deactivate(clnt);
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&rpc_buffer_reserve));

	rpc_clnt_swap_deactivate(clnt);
	KUNIT_EXPECT_EQ(test, 0, rt_xprt_swapper(clnt));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_pages(&rpc_swap_reserve));
	if (IS_ENABLED(CONFIG_NFS_MEM_RESERVE))
		KUNIT_EXPECT_EQ(test, 0L, mem_reserve_limit(&nfs_swap_write_reserve));
	net_reserve_sync();
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(&net_reserve_top));
	KUNIT_EXPECT_EQ(test, root, mem_reserve_pages(&mem_reserve_root));
	KUNIT_EXPECT_EQ(test, slabs, mem_reserve_cpu_slab_total);
	rt_wmarks(after);
	KUNIT_EXPECT_EQ(test, 0, memcmp(before, after, RT_MAX_ZONES * sizeof(long)));
}

/*
 * If the watermarks cannot take the tree, swapon fails with -ENOMEM and
 * leaves nothing behind: no pages, no swap-enabled transport, and the
 * client not counted as swapping, so the next swapon activates for real.
 */
static void rpc_swapon_fails_cleanly_without_memory(struct kunit *test)
{
	long root = mem_reserve_pages(&mem_reserve_root);
	int old = net_reserve_skb_kbytes;
	struct rpc_clnt *clnt;
	long too_big;

	nr_test_begin(test);
	clnt = rt_client(test);
	nr_test_save_knob(test, &net_reserve_skb_kbytes);
	too_big = mr_test_kmalloc_bytes_past_watermark(test) / SZ_1K;
	KUNIT_ASSERT_EQ(test, 0, nr_test_write_knob(&net_reserve_skb_kbytes, too_big));

	KUNIT_EXPECT_EQ(test, -ENOMEM, rpc_clnt_swap_activate(clnt));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&clnt->cl_swapper));
	KUNIT_EXPECT_EQ(test, 0, rt_xprt_swapper(clnt));
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(&net_reserve_top));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_pages(&rpc_swap_reserve));
	KUNIT_EXPECT_EQ(test, root, mem_reserve_pages(&mem_reserve_root));

	KUNIT_ASSERT_EQ(test, 0, nr_test_write_knob(&net_reserve_skb_kbytes, old));
	KUNIT_EXPECT_EQ(test, 0, rpc_clnt_swap_activate(clnt));
	KUNIT_EXPECT_EQ(test, 1, rt_xprt_swapper(clnt));
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&rpc_buffer_reserve));
	rpc_clnt_swap_deactivate(clnt);
}

/*
 * Swapoff in the middle of a transport reconnect (the old socket's
 * memalloc cleared, the new one's not yet set): the tree stays connected
 * for the new socket, and goes only once neither swap nor a memalloc
 * socket wants it.
 */
static void rpc_swapoff_during_reconnect(struct kunit *test)
{
	struct nr_test_socket *s;
	struct rpc_clnt *clnt;

	nr_test_begin(test);
	clnt = rt_client(test);
	s = nr_test_udp_socket(test, 7101, true);
	KUNIT_ASSERT_EQ(test, 0, rpc_clnt_swap_activate(clnt));

	sk_clear_memalloc(s->sock->sk);
	s->memalloc = false;
	rpc_clnt_swap_deactivate(clnt);
	sk_set_memalloc(s->sock->sk);
	s->memalloc = true;
	net_reserve_sync();
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&net_reserve_top));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_pages(&rpc_swap_reserve));

	nr_test_close_socket(test, s);
	net_reserve_sync();
	KUNIT_EXPECT_FALSE(test, mem_reserve_connected(&net_reserve_top));
}

/* A task and request just real enough for rpc_malloc() and rpc_free(). */
struct rt_task {
	struct rpc_task task;
	struct rpc_rqst rqst;
};

static void rt_task_init(struct rt_task *t, unsigned short flags)
{
	memset(t, 0, sizeof(*t));
	t->task.tk_flags = flags;
	t->task.tk_rqstp = &t->rqst;
	t->rqst.rq_callsize = 512;
	t->rqst.rq_rcvsize = 512;
}

/*
 * Under exhaustion (every page the allocator gives without the reserves
 * taken, and the normal attempt failed for sure, as a free object in a
 * partly used slab would serve it), a swapper task's buffer comes from the
 * reserves and is charged to the RPC buffer reserve until rpc_free();
 * another task in the same PF_MEMALLOC context gets its buffer as in
 * mainline, uncharged.
 */
static void rpc_malloc_charges_swapper_buffers(struct kunit *test)
{
	struct rpc_clnt *clnt;
	unsigned int noreclaim;
	struct rt_task *swapper = kunit_kzalloc(test, sizeof(*swapper), GFP_KERNEL);
	struct rt_task *other = kunit_kzalloc(test, sizeof(*other), GFP_KERNEL);
	int err_swapper, err_other;
	long charged;

	nr_test_begin(test);
	KUNIT_ASSERT_NOT_NULL(test, swapper);
	KUNIT_ASSERT_NOT_NULL(test, other);
	clnt = rt_client(test);
	KUNIT_ASSERT_EQ(test, 0, rpc_clnt_swap_activate(clnt));
	rt_task_init(swapper, RPC_TASK_SWAPPER);
	rt_task_init(other, 0);

	mr_test_exhaust_memory(test, GFP_KERNEL);
	mr_test_force_emergency(test);
	noreclaim = memalloc_noreclaim_save();
	err_swapper = rpc_malloc(&swapper->task);
	charged = mem_reserve_usage(&rpc_buffer_reserve);
	err_other = rpc_malloc(&other->task);
	memalloc_noreclaim_restore(noreclaim);

	KUNIT_EXPECT_EQ(test, 0, err_swapper);
	KUNIT_EXPECT_EQ(test, 2048L, charged);
	KUNIT_EXPECT_EQ(test, 0, err_other);
	KUNIT_EXPECT_EQ(test, 2048L, mem_reserve_usage(&rpc_buffer_reserve));
	if (!err_other)
		rpc_free(&other->task);
	KUNIT_EXPECT_EQ(test, 2048L, mem_reserve_usage(&rpc_buffer_reserve));
	if (!err_swapper)
		rpc_free(&swapper->task);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&rpc_buffer_reserve));
	rpc_clnt_swap_deactivate(clnt);
}

/* Without an emergency nothing is charged, swapper or not. */
static void rpc_malloc_charges_nothing_without_emergency(struct kunit *test)
{
	struct rt_task *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct rpc_clnt *clnt;
	unsigned int noreclaim;

	nr_test_begin(test);
	KUNIT_ASSERT_NOT_NULL(test, t);
	clnt = rt_client(test);
	KUNIT_ASSERT_EQ(test, 0, rpc_clnt_swap_activate(clnt));
	rt_task_init(t, RPC_TASK_SWAPPER);

	noreclaim = memalloc_noreclaim_save();
	KUNIT_EXPECT_EQ(test, 0, rpc_malloc(&t->task));
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&rpc_buffer_reserve));
	rpc_free(&t->task);
	rpc_clnt_swap_deactivate(clnt);
}

/*
 * A swap transport's request slot allocated in an emergency, beyond the
 * preallocated ones, is charged while its task holds it. Released, it is
 * kept or freed exactly as in mainline, and its charge ends: released last,
 * when the transport is back at its preallocated count, it is kept, and
 * the transport keeps min_reqs slots.
 */
static void rpc_slots_of_a_swap_transport_are_charged(struct kunit *test)
{
	struct rt_task *held = kunit_kcalloc(test, 64, sizeof(*held), GFP_KERNEL);
	long slot = kmalloc_size_roundup(sizeof(struct rpc_rqst));
	struct rt_task *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct rpc_xprt *xprt;
	struct rpc_clnt *clnt;
	unsigned int noreclaim;
	int i, n = 0;

	nr_test_begin(test);
	KUNIT_ASSERT_NOT_NULL(test, held);
	KUNIT_ASSERT_NOT_NULL(test, t);
	clnt = rt_client(test);
	KUNIT_ASSERT_EQ(test, 0, rpc_clnt_swap_activate(clnt));
	xprt = rcu_access_pointer(clnt->cl_xprt);

	/* take the preallocated slots, so that the next one is dynamic */
	spin_lock(&xprt->reserve_lock);
	while (!list_empty(&xprt->free) && n < 64) {
		spin_unlock(&xprt->reserve_lock);
		rt_task_init(&held[n], 0);
		xprt_alloc_slot(xprt, &held[n].task);
		KUNIT_ASSERT_EQ(test, 0, held[n].task.tk_status);
		n++;
		spin_lock(&xprt->reserve_lock);
	}
	spin_unlock(&xprt->reserve_lock);
	KUNIT_ASSERT_LT(test, n, 64);
	KUNIT_ASSERT_EQ(test, n, (int)xprt->min_reqs);

	rt_task_init(t, RPC_TASK_SWAPPER);
	mr_test_force_emergency(test);
	noreclaim = memalloc_noreclaim_save();
	xprt_alloc_slot(xprt, &t->task);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_ASSERT_EQ(test, 0, t->task.tk_status);
	KUNIT_EXPECT_EQ(test, slot, mem_reserve_usage(&rpc_slot_reserve));

	for (i = 0; i < n; i++)
		xprt_free_slot(xprt, held[i].task.tk_rqstp);
	KUNIT_EXPECT_EQ(test, slot, mem_reserve_usage(&rpc_slot_reserve));
	xprt_free_slot(xprt, t->task.tk_rqstp);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&rpc_slot_reserve));
	KUNIT_EXPECT_EQ(test, xprt->min_reqs, xprt->num_reqs);
	rpc_clnt_swap_deactivate(clnt);
}

struct rt_run {
	struct kunit *test;
	long usage;		/* the task group's usage while it runs */
};

static void rt_prepare(struct rpc_task *task, void *calldata)
{
	struct rt_run *run = calldata;

	run->usage = mem_reserve_usage(&rpc_task_reserve);
	rpc_exit(task, -EIO);
}

static void rt_count_stats(struct rpc_task *task, void *calldata)
{
}

static const struct rpc_call_ops rt_ops = {
	.rpc_call_prepare = rt_prepare,
	.rpc_count_stats = rt_count_stats,
};

/* Run a task that ends in its prepare step; what its group held then. */
static long rt_run_task(struct kunit *test, struct rpc_clnt *clnt,
			unsigned short flags)
{
	struct rt_run run = { .test = test, .usage = -1 };
	struct rpc_task_setup setup = {
		.rpc_client = clnt,
		.callback_ops = &rt_ops,
		.callback_data = &run,
		.flags = flags,
	};
	unsigned int noreclaim;
	struct rpc_task *task;

	noreclaim = memalloc_noreclaim_save();
	task = rpc_run_task(&setup);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_EXPECT_FALSE(test, IS_ERR(task));
	if (!IS_ERR(task))
		rpc_put_task(task);
	return run.usage;
}

/*
 * In an emergency, a swapper's rpc_task is charged to the task group for
 * its lifetime; another task's is not.
 */
static void rpc_tasks_of_swappers_are_charged(struct kunit *test)
{
	struct rpc_clnt *clnt;

	nr_test_begin(test);
	clnt = rt_client(test);
	KUNIT_ASSERT_EQ(test, 0, rpc_clnt_swap_activate(clnt));
	mr_test_force_emergency(test);

	KUNIT_EXPECT_EQ(test, (long)sizeof(struct rpc_task),
			rt_run_task(test, clnt, RPC_TASK_SWAPPER));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(&rpc_task_reserve));
	KUNIT_EXPECT_EQ(test, 0L, rt_run_task(test, clnt, 0));
	rpc_clnt_swap_deactivate(clnt);
}

/*
 * A swapper's task is allocated in reclaim, where mainline never sleeps:
 * with its group full it does not wait for room either, but gets a task
 * from sunrpc's mempool, uncharged, at once.
 */
static void rpc_task_of_a_full_group_comes_from_the_mempool(struct kunit *test)
{
	long waits = atomic_long_read(&rpc_task_reserve.waits);
	struct rpc_clnt *clnt;
	long limit;

	nr_test_begin(test);
	clnt = rt_client(test);
	KUNIT_ASSERT_EQ(test, 0, rpc_clnt_swap_activate(clnt));
	mr_test_force_emergency(test);
	limit = mem_reserve_limit(&rpc_task_reserve);
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(&rpc_task_reserve, limit));

	KUNIT_EXPECT_EQ(test, limit, rt_run_task(test, clnt, RPC_TASK_SWAPPER));
	KUNIT_EXPECT_EQ(test, waits, atomic_long_read(&rpc_task_reserve.waits));
	mem_reserve_uncharge(&rpc_task_reserve, limit);
	rpc_clnt_swap_deactivate(clnt);
}

/*
 * Only in reclaim does a swapper's task give up waiting (mainline never
 * sleeps there); elsewhere, and for any other task, the flags are the
 * task's own, so nothing fails where mainline's GFP_KERNEL would reclaim.
 */
static void rpc_task_flags_change_only_in_reclaim(struct kunit *test)
{
	unsigned int noreclaim;

	/* gfp_t is __bitwise: compared as it is, not through KUNIT_EXPECT_EQ */
	KUNIT_EXPECT_TRUE(test, rpc_reserve_task_gfp(GFP_KERNEL, &rpc_task_reserve) ==
				GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, rpc_reserve_task_gfp(GFP_KERNEL, NULL) == GFP_KERNEL);
	noreclaim = memalloc_noreclaim_save();
	KUNIT_EXPECT_TRUE(test, rpc_reserve_task_gfp(GFP_KERNEL, &rpc_task_reserve) ==
				(GFP_KERNEL | __GFP_NORETRY));
	KUNIT_EXPECT_TRUE(test, rpc_reserve_task_gfp(GFP_KERNEL, NULL) == GFP_KERNEL);
	memalloc_noreclaim_restore(noreclaim);
}

static struct kunit_case net_reserve_rpc_cases[] = {
	KUNIT_CASE(rpc_swapon_reserves_and_swapoff_gives_back),
	KUNIT_CASE(rpc_swapon_fails_cleanly_without_memory),
	KUNIT_CASE(rpc_swapoff_during_reconnect),
	KUNIT_CASE(rpc_malloc_charges_swapper_buffers),
	KUNIT_CASE(rpc_malloc_charges_nothing_without_emergency),
	KUNIT_CASE(rpc_slots_of_a_swap_transport_are_charged),
	KUNIT_CASE(rpc_tasks_of_swappers_are_charged),
	KUNIT_CASE(rpc_task_of_a_full_group_comes_from_the_mempool),
	KUNIT_CASE(rpc_task_flags_change_only_in_reclaim),
	{}
};

static struct kunit_suite net_reserve_rpc_suite = {
	.name = "net_reserve_rpc",
	.test_cases = net_reserve_rpc_cases,
};

kunit_test_suite(net_reserve_rpc_suite);

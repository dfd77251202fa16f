// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the NFS swap write reserve. Swapon sizes it for sixteen of the
 * largest swap writes, a write's charge covers every object it allocates,
 * a write that finds the group full while memory is short waits for an
 * earlier one (but never in a workqueue worker, never while memory is
 * plentiful, and never past the timeout), the writes admitted never hold
 * more than the group reserves, and swapoff gives everything back.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/nfs_fs.h>
#include <linux/nfs_page.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/sunrpc/auth.h>
#include <linux/swap.h>
#include <linux/workqueue.h>
#include "net_test_util.h"
#include "test_util.h"

/* The largest swap write: swap_writepage_fs() plugs this many pages. */
#define NT_SWAP_WRITE	(SWAP_CLUSTER_MAX * PAGE_SIZE)
/* A direct request's size, as the sizing assumes at most. */
#define NT_DREQ		1024

/*
 * What a write allocates at least: its requests, and per header a write
 * header, the WRITE call's credential and a bio_vec per page it sends.
 */
static long nt_objects(unsigned long requests, unsigned long headers)
{
	return requests * sizeof(struct nfs_page) +
	       headers * (sizeof(struct nfs_pgio_header) + sizeof(struct rpc_cred)) +
	       requests * sizeof(struct bio_vec);
}

/*
 * The charge of a write covers the nfs_page requests and write headers
 * NFS makes for it, a request per page and a header per wsize of data,
 * and what sunrpc adds to each WRITE call; below a page, NFS splits each
 * page into wsize pieces, each a request with a header and a call of its
 * own (NFS_MIN_FILE_IO_SIZE is the least).
 */
static void nfs_swap_write_charge_covers_its_objects(struct kunit *test)
{
	static const size_t wsizes[] = { 512, 1024, 2048, PAGE_SIZE, SZ_64K, SZ_1M };
	unsigned long pages = SWAP_CLUSTER_MAX;
	int i;

	for (i = 0; i < ARRAY_SIZE(wsizes); i++) {
		size_t io = max_t(size_t, wsizes[i], 1024);
		unsigned long pieces = io < PAGE_SIZE ? PAGE_SIZE / io : 1;
		unsigned long headers = io < PAGE_SIZE ? pages * pieces :
					DIV_ROUND_UP(NT_SWAP_WRITE, io);

		KUNIT_EXPECT_GE_MSG(test,
				    nfs_reserve_swap_write_bytes(NT_SWAP_WRITE,
								 wsizes[i], NT_DREQ),
				    NT_DREQ + nt_objects(pages * pieces, headers),
				    "wsize %zu", wsizes[i]);
	}
	/* a header that covers more than NFS_PAGEVEC_SIZE pages has an array */
	KUNIT_EXPECT_GE(test, nfs_reserve_swap_write_bytes(NT_SWAP_WRITE, SZ_1M, 0),
			nt_objects(pages, 1) +
			(long)(SWAP_CLUSTER_MAX * sizeof(struct page *)));
}

static void nt_swap_off(void *unused)
{
	rpc_reserve_swap_disable();
	/* whatever the case left: the next one starts with waits allowed */
	WRITE_ONCE(nfs_swap_write_stalled, false);
}

/* Swap on for one client until the case ends. */
static void nt_swap_on(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, 0, rpc_reserve_swap_enable());
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, nt_swap_off, NULL));
}

/*
 * Sixteen of the largest swap writes fit at once whatever the server's
 * write size, and not much more: the group is sized for the smallest.
 * Swapoff gives the group's pages back.
 */
static void nfs_swapon_sizes_for_sixteen_writes(struct kunit *test)
{
	static const size_t wsizes[] = { PAGE_SIZE, SZ_64K, SZ_1M };
	long limit;
	int i;

	nr_test_begin(test);
	KUNIT_ASSERT_EQ(test, 0L, mem_reserve_pages(&nfs_swap_write_reserve));
	nt_swap_on(test);
	KUNIT_EXPECT_TRUE(test, mem_reserve_connected(&nfs_swap_write_reserve));
	KUNIT_EXPECT_GT(test, mem_reserve_pages(&nfs_swap_write_reserve), 0L);
	limit = mem_reserve_limit(&nfs_swap_write_reserve);
	for (i = 0; i < ARRAY_SIZE(wsizes); i++)
		KUNIT_EXPECT_LE_MSG(test, RPC_RESERVE_REQUESTS *
				    nfs_reserve_swap_write_bytes(NT_SWAP_WRITE,
								 wsizes[i], NT_DREQ),
				    limit, "wsize %zu", wsizes[i]);
	KUNIT_EXPECT_GT(test, (RPC_RESERVE_REQUESTS + 1) *
			nfs_reserve_swap_write_bytes(NT_SWAP_WRITE, PAGE_SIZE,
						     NT_DREQ), limit);

	kunit_info(test, "a 128 KiB swap write charges %ld bytes at wsize 4 KiB, %ld at 1 MiB; the group's limit is %ld\n",
		   nfs_reserve_swap_write_bytes(NT_SWAP_WRITE, PAGE_SIZE, NT_DREQ),
		   nfs_reserve_swap_write_bytes(NT_SWAP_WRITE, SZ_1M, NT_DREQ), limit);
	rpc_reserve_swap_disable();
	kunit_remove_action(test, nt_swap_off, NULL);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_pages(&nfs_swap_write_reserve));
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_limit(&nfs_swap_write_reserve));
}

static void nt_restore_wait(void *arg)
{
	WRITE_ONCE(nfs_swap_write_wait, (unsigned long)arg);
}

/* Only the case's own uncharge ends a swap write's wait. */
static void nt_wait_long(struct kunit *test)
{
	unsigned long old = nfs_swap_write_wait;

	mr_test_only_wakeups_end_waits(test);
	WRITE_ONCE(nfs_swap_write_wait, 3600UL * HZ);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, nt_restore_wait,
							   (void *)old));
}

struct nt_writer {
	struct completion done;
	long charged;
};

/*
 * A swap write as kswapd starts it: of the kernel threads, only kswapd is
 * throttled in reclaim, and so only it may wait for room. The flag is the
 * one current_is_kswapd() reads; nothing else here looks at it.
 */
static long nt_write_as_kswapd(void)
{
	unsigned int was = current->flags & PF_KSWAPD;
	long charged;

	current->flags |= PF_KSWAPD;
	charged = nfs_reserve_swap_write_begin(NT_SWAP_WRITE, PAGE_SIZE, NT_DREQ);
	current->flags = (current->flags & ~PF_KSWAPD) | was;
	return charged;
}

static int nt_writer_fn(void *arg)
{
	struct nt_writer *w = arg;

	w->charged = nt_write_as_kswapd();
	complete(&w->done);
	return 0;
}

/*
 * Sixteen of the largest writes are admitted at once; the seventeenth
 * waits, asleep, until one of them ends, and is then admitted whole. At
 * no point do the writes admitted hold more than the group's limit.
 */
static void nfs_swap_write_waits_for_an_earlier_one(struct kunit *test)
{
	struct mem_reserve *res = &nfs_swap_write_reserve;
	long bytes = nfs_reserve_swap_write_bytes(NT_SWAP_WRITE, PAGE_SIZE, NT_DREQ);
	long charged[RPC_RESERVE_REQUESTS];
	struct nt_writer *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	struct task_struct *task;
	long waits;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, w);
	nr_test_begin(test);
	nt_swap_on(test);
	nt_wait_long(test);
	/* memory is short: the writes would take from the reserves */
	mr_test_force_emergency(test);
	waits = atomic_long_read(&res->waits);
	for (i = 0; i < RPC_RESERVE_REQUESTS; i++) {
		charged[i] = nfs_reserve_swap_write_begin(NT_SWAP_WRITE, PAGE_SIZE,
							  NT_DREQ);
		KUNIT_EXPECT_EQ(test, bytes, charged[i]);
	}
	KUNIT_EXPECT_EQ(test, waits, atomic_long_read(&res->waits));
	KUNIT_EXPECT_LE(test, mem_reserve_usage(res), mem_reserve_limit(res));

	init_completion(&w->done);
	task = mr_test_killable_kthread(test, nt_writer_fn, w, "nt_swap_writer");
	mr_test_await_waiter(res, waits, task);
	KUNIT_EXPECT_EQ(test, waits + 1, atomic_long_read(&res->waits));
	KUNIT_EXPECT_FALSE(test, completion_done(&w->done));

	nfs_reserve_swap_write_end(charged[0]);
	KUNIT_ASSERT_NE(test, 0UL, wait_for_completion_timeout(&w->done, 10 * HZ));
	KUNIT_EXPECT_EQ(test, bytes, w->charged);
	KUNIT_EXPECT_EQ(test, RPC_RESERVE_REQUESTS * bytes, mem_reserve_usage(res));
	KUNIT_EXPECT_LE(test, atomic_long_read(&res->peak), mem_reserve_limit(res));
	KUNIT_EXPECT_EQ(test, 0L, atomic_long_read(&res->failed));

	nfs_reserve_swap_write_end(w->charged);
	for (i = 1; i < RPC_RESERVE_REQUESTS; i++)
		nfs_reserve_swap_write_end(charged[i]);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
}

/*
 * Without swap over NFS the group holds nothing, and a swap write (of a
 * swap file whose activation raced it) is never held up, even with memory
 * short and in kswapd, which may wait: it is counted at once, without a
 * limit, and its end gives that back.
 */
static void nfs_swap_write_never_waits_without_swap(struct kunit *test)
{
	struct mem_reserve *res = &nfs_swap_write_reserve;
	long waits = atomic_long_read(&res->waits);
	long failed = atomic_long_read(&res->failed);
	long charged;

	nr_test_begin(test);
	KUNIT_ASSERT_EQ(test, 0L, mem_reserve_pages(res));
	mr_test_force_emergency(test);
	charged = nt_write_as_kswapd();
	KUNIT_EXPECT_EQ(test, nfs_reserve_swap_write_bytes(NT_SWAP_WRITE, PAGE_SIZE,
							   NT_DREQ), charged);
	KUNIT_EXPECT_EQ(test, charged, mem_reserve_usage(res));
	nfs_reserve_swap_write_end(charged);
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));
	KUNIT_EXPECT_EQ(test, waits, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, failed, atomic_long_read(&res->failed));
}

struct nt_work {
	struct work_struct work;
	long charged;
};

static void nt_work_fn(struct work_struct *work)
{
	struct nt_work *w = container_of(work, struct nt_work, work);

	w->charged = nfs_reserve_swap_write_begin(NT_SWAP_WRITE, PAGE_SIZE,
						  NT_DREQ);
}

/*
 * A full group holds up no one who must not wait: no write while the
 * reserves are not in use (it takes normal memory and is not charged), no
 * kernel thread but kswapd and no worker (they may be what completes the
 * writes in flight), and kswapd for no longer than the timeout, after
 * which no one waits until a charged write completes. Those that find no
 * room go on uncounted, as in mainline, counted as failures.
 */
static void nfs_swap_write_waits_only_when_it_may(struct kunit *test)
{
	struct mem_reserve *res = &nfs_swap_write_reserve;
	long bytes = nfs_reserve_swap_write_bytes(NT_SWAP_WRITE, PAGE_SIZE, NT_DREQ);
	struct nt_work w = { .charged = -1 };
	long first, filled, failed, waits;
	unsigned long start;

	nr_test_begin(test);
	nt_swap_on(test);
	nt_wait_long(test);
	KUNIT_ASSERT_FALSE(test, mem_reserve_in_use());
	/* normal memory: not charged, whoever asks */
	KUNIT_EXPECT_EQ(test, 0L, nt_write_as_kswapd());
	KUNIT_EXPECT_EQ(test, 0L, mem_reserve_usage(res));

	mr_test_force_emergency(test);
	first = nt_write_as_kswapd();
	KUNIT_ASSERT_EQ(test, bytes, first);
	filled = mem_reserve_limit(res) - 2 * bytes + 1;
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(res, filled));
	failed = atomic_long_read(&res->failed);
	waits = atomic_long_read(&res->waits);

	/* the test's own kthread is not kswapd: at once */
	KUNIT_EXPECT_EQ(test, 0L, nfs_reserve_swap_write_begin(NT_SWAP_WRITE,
							       PAGE_SIZE, NT_DREQ));
	/* nor a worker */
	INIT_WORK_ONSTACK(&w.work, nt_work_fn);
	queue_work(system_unbound_wq, &w.work);
	flush_work(&w.work);
	destroy_work_on_stack(&w.work);
	KUNIT_EXPECT_EQ(test, 0L, w.charged);
	KUNIT_EXPECT_EQ(test, waits, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, failed + 2, atomic_long_read(&res->failed));

	/* kswapd waits out the timeout, once, then goes on */
	WRITE_ONCE(nfs_swap_write_wait, HZ / 5);
	start = jiffies;
	KUNIT_EXPECT_EQ(test, 0L, nt_write_as_kswapd());
	KUNIT_EXPECT_GE(test, jiffies - start, (unsigned long)HZ / 5);
	KUNIT_EXPECT_EQ(test, waits + 1, atomic_long_read(&res->waits));
	start = jiffies;
	KUNIT_EXPECT_EQ(test, 0L, nt_write_as_kswapd());
	KUNIT_EXPECT_LT(test, jiffies - start, (unsigned long)HZ / 10);
	KUNIT_EXPECT_EQ(test, waits + 1, atomic_long_read(&res->waits));
	KUNIT_EXPECT_EQ(test, failed + 4, atomic_long_read(&res->failed));

	/* a charged write completes: room, and waits are worth it again */
	nfs_reserve_swap_write_end(first);
	first = nt_write_as_kswapd();
	KUNIT_EXPECT_EQ(test, bytes, first);
	KUNIT_EXPECT_EQ(test, 0L, nt_write_as_kswapd());
	KUNIT_EXPECT_EQ(test, waits + 2, atomic_long_read(&res->waits));

	nfs_reserve_swap_write_end(first);
	mem_reserve_uncharge(res, filled);
}

/*
 * A wait for room that a fatal signal cuts short (a task in direct
 * reclaim being killed) says nothing of the server: it ends at once, the
 * write goes on uncounted, and the next writes may still wait.
 */
static void nfs_swap_write_killed_wait_is_no_stall(struct kunit *test)
{
	struct nt_writer *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	struct mem_reserve *res = &nfs_swap_write_reserve;
	struct task_struct *task;
	long filled, waits, failed;
	bool stalled;

	KUNIT_ASSERT_NOT_NULL(test, w);
	nr_test_begin(test);
	nt_swap_on(test);
	nt_wait_long(test);
	mr_test_force_emergency(test);
	filled = mem_reserve_limit(res);
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(res, filled));
	waits = atomic_long_read(&res->waits);
	failed = atomic_long_read(&res->failed);

	init_completion(&w->done);
	task = mr_test_killable_kthread(test, nt_writer_fn, w, "nt_killed_writer");
	mr_test_await_waiter(res, waits, task);
	KUNIT_EXPECT_EQ(test, waits + 1, atomic_long_read(&res->waits));
	KUNIT_EXPECT_FALSE(test, completion_done(&w->done));

	send_sig(SIGKILL, task, 1);
	mr_test_wait_for_kthread(test, &w->done);
	KUNIT_EXPECT_EQ(test, 0L, w->charged);
	KUNIT_EXPECT_EQ(test, failed + 1, atomic_long_read(&res->failed));
	stalled = READ_ONCE(nfs_swap_write_stalled);
	KUNIT_EXPECT_FALSE(test, stalled);
	mem_reserve_uncharge(res, filled);
}

/* A stall from an earlier swapon does not outlive the group's sizing. */
static void nfs_swap_write_stall_ends_with_a_new_size(struct kunit *test)
{
	nr_test_begin(test);
	WRITE_ONCE(nfs_swap_write_stalled, true);
	nt_swap_on(test);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(nfs_swap_write_stalled));
}

static struct kunit_case net_reserve_nfs_swap_cases[] = {
	KUNIT_CASE(nfs_swap_write_charge_covers_its_objects),
	KUNIT_CASE(nfs_swapon_sizes_for_sixteen_writes),
	KUNIT_CASE(nfs_swap_write_waits_for_an_earlier_one),
	KUNIT_CASE(nfs_swap_write_never_waits_without_swap),
	KUNIT_CASE(nfs_swap_write_waits_only_when_it_may),
	KUNIT_CASE(nfs_swap_write_stall_ends_with_a_new_size),
	KUNIT_CASE(nfs_swap_write_killed_wait_is_no_stall),
	{}
};

static struct kunit_suite net_reserve_nfs_swap_suite = {
	.name = "net_reserve_nfs_swap",
	.test_cases = net_reserve_nfs_swap_cases,
};

kunit_test_suite(net_reserve_nfs_swap_suite);

// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of the charge fast path and the wrappers against their peers,
 * all measured in the same boot: the 2008 design (a spinlock with irqsave
 * on every charge and uncharge, wake_up_all() on every uncharge),
 * page_counter, mempool, and plain kmalloc. Prints a table; asserts
 * nothing about speed. Run with "make bench", on QEMU x86_64 with two
 * CPUs: only the ratios mean anything under emulation.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mempool.h>
#include <linux/page_counter.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/utsname.h>
#include <linux/wait.h>
#include "internal.h"

#define BENCH_ITERS	20000
#define BENCH_ROUNDS	9
#define BENCH_OBJ_SIZE	64

/* The 2008 reserve: one lock around usage, a wake-up on every uncharge. */
struct legacy_reserve {
	spinlock_t lock;	/* protects usage */
	long usage;
	long limit;
	struct wait_queue_head waitqueue;
};

static bool legacy_charge(struct legacy_reserve *r, long bytes)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&r->lock, flags);
	ok = r->usage + bytes <= r->limit;
	if (ok)
		r->usage += bytes;
	spin_unlock_irqrestore(&r->lock, flags);
	return ok;
}

static void legacy_uncharge(struct legacy_reserve *r, long bytes)
{
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	r->usage -= min(r->usage, bytes);
	spin_unlock_irqrestore(&r->lock, flags);
	wake_up_all(&r->waitqueue);
}

/* The same, waking only when someone waits: what the lock alone costs. */
static void legacy_uncharge_checked(struct legacy_reserve *r, long bytes)
{
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	r->usage -= min(r->usage, bytes);
	spin_unlock_irqrestore(&r->lock, flags);
	if (wq_has_sleeper(&r->waitqueue))
		wake_up_all(&r->waitqueue);
}

static struct bench_state {
	struct mem_reserve res;
	struct mem_reserve deep[3];	/* a chain, deep[2] the leaf */
	struct legacy_reserve legacy;
	struct page_counter counter;
	struct page_counter deep_counter[3];
	mempool_t *pool;
} bs;

static noinline void bench_empty(void)
{
	barrier();
}

static noinline void bench_mem_reserve(void)
{
	if (mem_reserve_charge(&bs.res, BENCH_OBJ_SIZE))
		mem_reserve_uncharge(&bs.res, BENCH_OBJ_SIZE);
}

static noinline void bench_legacy(void)
{
	if (legacy_charge(&bs.legacy, BENCH_OBJ_SIZE))
		legacy_uncharge(&bs.legacy, BENCH_OBJ_SIZE);
}

static noinline void bench_mem_reserve_deep(void)
{
	if (mem_reserve_charge(&bs.deep[2], BENCH_OBJ_SIZE))
		mem_reserve_uncharge(&bs.deep[2], BENCH_OBJ_SIZE);
}

static noinline void bench_legacy_checked(void)
{
	if (legacy_charge(&bs.legacy, BENCH_OBJ_SIZE))
		legacy_uncharge_checked(&bs.legacy, BENCH_OBJ_SIZE);
}

static noinline void bench_page_counter_deep(void)
{
	struct page_counter *fail;

	if (page_counter_try_charge(&bs.deep_counter[2], 1, &fail))
		page_counter_uncharge(&bs.deep_counter[2], 1);
}

static noinline void bench_page_counter(void)
{
	struct page_counter *fail;

	if (page_counter_try_charge(&bs.counter, 1, &fail))
		page_counter_uncharge(&bs.counter, 1);
}

static noinline void bench_mempool(void)
{
	mempool_free(mempool_alloc(bs.pool, GFP_ATOMIC), bs.pool);
}

static noinline void bench_kmalloc(void)
{
	kfree(kmalloc(BENCH_OBJ_SIZE, GFP_ATOMIC));
}

static noinline void bench_kmalloc_reserve(void)
{
	bool emerg;
	void *obj = kmalloc_reserve(BENCH_OBJ_SIZE, GFP_ATOMIC, NUMA_NO_NODE,
				    &bs.res, &emerg);

	kfree_reserve(obj, &bs.res, emerg);
}

/* A caller entitled to the reserves, served by the normal attempt. */
static noinline void bench_kmalloc_reserve_memalloc(void)
{
	bool emerg;
	void *obj = kmalloc_reserve(BENCH_OBJ_SIZE, GFP_ATOMIC | __GFP_MEMALLOC,
				    NUMA_NO_NODE, &bs.res, &emerg);

	kfree_reserve(obj, &bs.res, emerg);
}

static noinline void bench_kmalloc_reserve_emerg(void)
{
	bool emerg;
	void *obj = kmalloc_reserve(BENCH_OBJ_SIZE, GFP_ATOMIC | __GFP_MEMALLOC,
				    NUMA_NO_NODE, &bs.res, &emerg);

	kfree_reserve(obj, &bs.res, emerg);
}

struct bench_op {
	const char *name;
	void (*fn)(void);
	bool forced;		/* with forced emergencies */
	bool inactive;		/* with no group connected */
	u64 samples[BENCH_ROUNDS];
	u64 ns;			/* per operation, baseline subtracted, x100 */
};

static struct bench_op bench_ops[] = {
	{ "empty loop (baseline)", bench_empty },
	{ "(1) mem_reserve charge+uncharge", bench_mem_reserve },
	{ "(2) 2008 spinlock+wake_up_all", bench_legacy },
	{ "(3) page_counter charge+uncharge", bench_page_counter },
	{ "(4) mempool_alloc+mempool_free", bench_mempool },
	{ "(5) kmalloc_reserve+kfree_reserve", bench_kmalloc_reserve },
	{ "(5') kmalloc+kfree", bench_kmalloc },
	{ "(5\") kmalloc_reserve, no group connected", bench_kmalloc_reserve,
	  false, true },
	{ "(6) forced emergency kmalloc_reserve", bench_kmalloc_reserve_emerg, true },
	{ "(1d) mem_reserve, depth 3", bench_mem_reserve_deep },
	{ "(3d) page_counter, depth 3", bench_page_counter_deep },
	{ "(2c) 2008 with a waitqueue check", bench_legacy_checked },
	{ "(5m) kmalloc_reserve, __GFP_MEMALLOC", bench_kmalloc_reserve_memalloc },
};

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 bench_time(struct kunit *test, struct bench_op *op)
{
	u64 start;
	int i;

	if (op->forced)
		mem_reserve_force_emergency(true);
	if (op->inactive)
		mem_reserve_disconnect(&bs.res);
	start = ktime_get_ns();
	for (i = 0; i < BENCH_ITERS; i++)
		op->fn();
	start = ktime_get_ns() - start;
	if (op->forced)
		mem_reserve_force_emergency(false);
	if (op->inactive && mem_reserve_connect(&bs.res, &mem_reserve_root))
		kunit_err(test, "could not reconnect the bench group\n");
	return start;
}

/* Rounds rotate the order of the ops so drift hits them all alike. */
static void bench_single(struct kunit *test)
{
	const int n = ARRAY_SIZE(bench_ops);
	u64 base;
	int r, i;

	for (r = 0; r < BENCH_ROUNDS; r++) {
		for (i = 0; i < n; i++) {
			struct bench_op *op = &bench_ops[(i + r) % n];

			op->samples[r] = bench_time(test, op);
			cond_resched();
		}
	}
	for (i = 0; i < n; i++)
		sort(bench_ops[i].samples, BENCH_ROUNDS, sizeof(u64), cmp_u64, NULL);
	base = bench_ops[0].samples[BENCH_ROUNDS / 2];
	for (i = 0; i < n; i++) {
		u64 med = bench_ops[i].samples[BENCH_ROUNDS / 2];

		bench_ops[i].ns = med > base ? div_u64((med - base) * 100, BENCH_ITERS) : 0;
	}
}

/* a / b as "x.yy" */
static void bench_ratio(char *buf, size_t len, u64 a, u64 b)
{
	u64 r = b ? div64_u64(a * 100, b) : 0;

	snprintf(buf, len, "%llu.%02llu", r / 100, r % 100);
}

static void bench_row(struct kunit *test, int i, int peer)
{
	char ratio[24] = "";

	if (peer >= 0)
		bench_ratio(ratio, sizeof(ratio), bench_ops[i].ns, bench_ops[peer].ns);
	kunit_info(test, "bench: %-40s %6llu.%02llu  %8s%s%s\n", bench_ops[i].name,
		   bench_ops[i].ns / 100, bench_ops[i].ns % 100, ratio,
		   peer >= 0 ? " x " : "", peer >= 0 ? bench_ops[peer].name : "");
}

/* Two CPUs hammering one reserve: total throughput. */
struct bench_worker {
	void (*fn)(void);
	atomic_t *ready;
	struct completion done;
	u64 elapsed;
};

static int bench_worker_fn(void *arg)
{
	struct bench_worker *w = arg;
	u64 start;
	int i;

	atomic_inc(w->ready);
	while (atomic_read(w->ready) < 2)
		cpu_relax();
	start = ktime_get_ns();
	for (i = 0; i < BENCH_ITERS * 4; i++)
		w->fn();
	w->elapsed = ktime_get_ns() - start;
	complete(&w->done);
	return 0;
}

/*
 * A waiter that stays queued for the whole run: its entry does not remove
 * itself when woken, so every wake-up finds it, as it would find a task
 * waiting for room that keeps being refused.
 */
static int bench_sleeper_fn(void *arg)
{
	struct wait_queue_head *wq = arg;
	struct wait_queue_entry wait;

	init_waitqueue_entry(&wait, current);
	add_wait_queue(wq, &wait);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(wq, &wait);
	return 0;
}

/* Operations per microsecond, x100, of two CPUs running @fn together. */
static u64 bench_parallel(struct kunit *test, void (*fn)(void),
			  struct wait_queue_head *sleeper_wq)
{
	struct task_struct *sleeper = NULL;
	struct bench_worker w[2];
	atomic_t ready = ATOMIC_INIT(0);
	u64 longest = 0;
	int cpu;

	if (sleeper_wq) {
		sleeper = kthread_run(bench_sleeper_fn, sleeper_wq, "mr_bench_sleep");
		if (IS_ERR(sleeper))
			return 0;
		/* a racy look is enough: we only wait for it to be queued */
		while (!waitqueue_active(sleeper_wq))
			schedule_timeout_uninterruptible(1);
	}
	for (cpu = 0; cpu < 2; cpu++) {
		struct task_struct *t;

		w[cpu] = (struct bench_worker){ .fn = fn, .ready = &ready };
		init_completion(&w[cpu].done);
		t = kthread_create(bench_worker_fn, &w[cpu], "mr_bench/%d", cpu);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		kthread_bind(t, cpu);
		wake_up_process(t);
	}
	for (cpu = 0; cpu < 2; cpu++) {
		wait_for_completion(&w[cpu].done);
		longest = max(longest, w[cpu].elapsed);
	}
	if (sleeper)
		kthread_stop(sleeper);
	return longest ? div64_u64(2ULL * BENCH_ITERS * 4 * 100 * 1000, longest) : 0;
}

static void bench_table(struct kunit *test)
{
	u64 mr, legacy, mr_w, legacy_w;
	char r1[24], r2[24];

	kunit_info(test, "bench: Linux %s, %u CPUs online, %d iterations, median of %d rounds\n",
		   init_utsname()->release, num_online_cpus(), BENCH_ITERS,
		   BENCH_ROUNDS);
	bench_single(test);
	kunit_info(test, "bench: %-40s %9s  %8s\n", "operation", "ns/op", "ratio");
	bench_row(test, 0, -1);
	bench_row(test, 1, 3);
	bench_row(test, 2, 1);
	bench_row(test, 3, -1);
	bench_row(test, 4, -1);
	bench_row(test, 5, 6);
	bench_row(test, 6, -1);
	bench_row(test, 7, 6);
	bench_row(test, 8, 6);
	bench_row(test, 12, 6);
	bench_row(test, 9, 10);
	bench_row(test, 10, -1);
	bench_row(test, 11, 1);

	if (num_online_cpus() < 2) {
		kunit_info(test, "bench: (7) needs two CPUs; skipped\n");
		return;
	}
	mr = bench_parallel(test, bench_mem_reserve, NULL);
	legacy = bench_parallel(test, bench_legacy, NULL);
	mr_w = bench_parallel(test, bench_mem_reserve, &mem_reserve_waitqueue);
	legacy_w = bench_parallel(test, bench_legacy, &bs.legacy.waitqueue);
	bench_ratio(r1, sizeof(r1), mr, legacy);
	bench_ratio(r2, sizeof(r2), mr_w, legacy_w);
	kunit_info(test, "bench: (7) 2 CPUs, ops/us: mem_reserve %llu.%02llu, 2008 %llu.%02llu, ratio %s\n",
		   mr / 100, mr % 100, legacy / 100, legacy % 100, r1);
	kunit_info(test, "bench: (7) with a sleeping waiter: mem_reserve %llu.%02llu, 2008 %llu.%02llu, ratio %s\n",
		   mr_w / 100, mr_w % 100, legacy_w / 100, legacy_w % 100, r2);
}

static int bench_init(struct kunit_suite *suite)
{
	int i;

	mem_reserve_init(&bs.res, "bench", NULL);
	if (mem_reserve_kmalloc_set(&bs.res, 64 * 1024) ||
	    mem_reserve_connect(&bs.res, &mem_reserve_root))
		return -ENOMEM;
	for (i = 0; i < 3; i++) {
		mem_reserve_init(&bs.deep[i], "bench deep", i ? &bs.deep[i - 1] : NULL);
		page_counter_init(&bs.deep_counter[i], i ? &bs.deep_counter[i - 1] : NULL,
				  false);
		page_counter_set_max(&bs.deep_counter[i], 16);
	}
	if (mem_reserve_kmalloc_set(&bs.deep[2], 64 * 1024) ||
	    mem_reserve_connect(&bs.deep[0], &mem_reserve_root))
		return -ENOMEM;
	spin_lock_init(&bs.legacy.lock);
	init_waitqueue_head(&bs.legacy.waitqueue);
	bs.legacy.limit = 64 * 1024;
	page_counter_init(&bs.counter, NULL, false);
	page_counter_set_max(&bs.counter, 16);
	bs.pool = mempool_create_kmalloc_pool(4, BENCH_OBJ_SIZE);
	return bs.pool ? 0 : -ENOMEM;
}

static void bench_exit(struct kunit_suite *suite)
{
	int i;

	mempool_destroy(bs.pool);
	mem_reserve_destroy(&bs.res);
	for (i = 2; i >= 0; i--)
		mem_reserve_destroy(&bs.deep[i]);
}

static struct kunit_case mem_reserve_bench_cases[] = {
	KUNIT_CASE_SLOW(bench_table),
	{}
};

static struct kunit_suite mem_reserve_bench_suite = {
	.name = "mem_reserve_bench",
	.suite_init = bench_init,
	.suite_exit = bench_exit,
	.test_cases = mem_reserve_bench_cases,
};

kunit_test_suite(mem_reserve_bench_suite);

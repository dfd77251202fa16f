// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the mem_reserve tracepoints fire for what they name, with the
 * group, the bytes or pages, and the caller. Probes are attached the way
 * a tracer attaches them; each counts only the events of the case's own
 * group, since the network reserve may be busy meanwhile.
 */
#include <kunit/test.h>
#include <linux/kallsyms.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <trace/events/mem_reserve.h>
#include "test_util.h"

struct mr_trace_log {
	const struct mem_reserve *res;
	int refused, wait_begin, wait_end, alloc, free;
	int connect, disconnect, resize;
	long bytes, pages, total;
	unsigned long caller;
	u64 waited_ns;
	bool charged;
};

static void mr_trace_refused(void *data, const struct mem_reserve *res,
			     long bytes)
{
	struct mr_trace_log *log = data;

	if (res == log->res) {
		log->refused++;
		log->bytes = bytes;
	}
}

static void mr_trace_wait_begin(void *data, const struct mem_reserve *res,
				long bytes)
{
	struct mr_trace_log *log = data;

	if (res == log->res)
		log->wait_begin++;
}

static void mr_trace_wait_end(void *data, const struct mem_reserve *res,
			      long bytes, u64 waited_ns, bool charged)
{
	struct mr_trace_log *log = data;

	if (res == log->res) {
		log->wait_end++;
		log->waited_ns = waited_ns;
		log->charged = charged;
	}
}

static void mr_trace_alloc(void *data, const struct mem_reserve *res,
			   const void *obj, long bytes, unsigned long caller)
{
	struct mr_trace_log *log = data;

	if (res == log->res) {
		log->alloc++;
		log->bytes = bytes;
		log->caller = caller;
	}
}

static void mr_trace_free(void *data, const struct mem_reserve *res,
			  const void *obj, long bytes, unsigned long caller)
{
	struct mr_trace_log *log = data;

	if (res == log->res) {
		log->free++;
		log->bytes = bytes;
	}
}

static void mr_trace_tree(struct mr_trace_log *log, int *count,
			  const struct mem_reserve *res, long pages, long total)
{
	if (res == log->res) {
		(*count)++;
		log->pages = pages;
		log->total = total;
	}
}

static void mr_trace_connect(void *data, const struct mem_reserve *res,
			     long pages, long total)
{
	struct mr_trace_log *log = data;

	mr_trace_tree(log, &log->connect, res, pages, total);
}

static void mr_trace_disconnect(void *data, const struct mem_reserve *res,
				long pages, long total)
{
	struct mr_trace_log *log = data;

	mr_trace_tree(log, &log->disconnect, res, pages, total);
}

static void mr_trace_resize(void *data, const struct mem_reserve *res,
			    long pages, long total)
{
	struct mr_trace_log *log = data;

	mr_trace_tree(log, &log->resize, res, pages, total);
}

static void mr_trace_detach(void *data)
{
	struct mr_trace_log *log = data;

	unregister_trace_mem_reserve_refused(mr_trace_refused, log);
	unregister_trace_mem_reserve_wait_begin(mr_trace_wait_begin, log);
	unregister_trace_mem_reserve_wait_end(mr_trace_wait_end, log);
	unregister_trace_mem_reserve_emerg_alloc(mr_trace_alloc, log);
	unregister_trace_mem_reserve_emerg_free(mr_trace_free, log);
	unregister_trace_mem_reserve_connect(mr_trace_connect, log);
	unregister_trace_mem_reserve_disconnect(mr_trace_disconnect, log);
	unregister_trace_mem_reserve_resize(mr_trace_resize, log);
	tracepoint_synchronize_unregister();
}

/* Attach every probe, counting the events of @res, until the case ends. */
static struct mr_trace_log *mr_trace_attach(struct kunit *test,
					    const struct mem_reserve *res)
{
	struct mr_trace_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	log->res = res;
	KUNIT_ASSERT_EQ(test, 0, register_trace_mem_reserve_refused(mr_trace_refused, log));
	KUNIT_ASSERT_EQ(test, 0, register_trace_mem_reserve_wait_begin(mr_trace_wait_begin, log));
	KUNIT_ASSERT_EQ(test, 0, register_trace_mem_reserve_wait_end(mr_trace_wait_end, log));
	KUNIT_ASSERT_EQ(test, 0, register_trace_mem_reserve_emerg_alloc(mr_trace_alloc, log));
	KUNIT_ASSERT_EQ(test, 0, register_trace_mem_reserve_emerg_free(mr_trace_free, log));
	KUNIT_ASSERT_EQ(test, 0, register_trace_mem_reserve_connect(mr_trace_connect, log));
	KUNIT_ASSERT_EQ(test, 0, register_trace_mem_reserve_disconnect(mr_trace_disconnect, log));
	KUNIT_ASSERT_EQ(test, 0, register_trace_mem_reserve_resize(mr_trace_resize, log));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mr_trace_detach, log));
	return log;
}

/* Connect, resize and disconnect say how many pages and the new total. */
static void trace_tree_changes(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "trace tree", NULL);
	long root = mem_reserve_pages(&mem_reserve_root);
	struct mr_trace_log *log = mr_trace_attach(test, res);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 4));
	KUNIT_EXPECT_EQ(test, 1, log->resize);
	KUNIT_EXPECT_EQ(test, 4L, log->pages);
	KUNIT_EXPECT_EQ(test, root, log->total);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(res, &mem_reserve_root));
	KUNIT_EXPECT_EQ(test, 1, log->connect);
	KUNIT_EXPECT_EQ(test, 4L, log->pages);
	KUNIT_EXPECT_EQ(test, root + 4, log->total);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 6));
	KUNIT_EXPECT_EQ(test, 2, log->resize);
	KUNIT_EXPECT_EQ(test, 2L, log->pages);
	KUNIT_EXPECT_EQ(test, root + 6, log->total);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(res));
	KUNIT_EXPECT_EQ(test, 1, log->disconnect);
	KUNIT_EXPECT_EQ(test, 6L, log->pages);
	KUNIT_EXPECT_EQ(test, root, log->total);
}

/*
 * An emergency allocation names its group, what it was charged and the
 * function that asked; its free gives the same bytes back; a charge past
 * the limit is refused with the bytes it asked for.
 */
static void trace_emergency_alloc_free_refused(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "trace alloc", NULL);
	struct mr_trace_log *log;
	unsigned int noreclaim;
	char caller[KSYM_SYMBOL_LEN];
	bool emerg;
	void *obj;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(res, 1024));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(res, &mem_reserve_root));
	log = mr_trace_attach(test, res);
	mr_test_force_emergency(test);

	noreclaim = memalloc_noreclaim_save();
	obj = kmalloc_reserve(100, GFP_ATOMIC, NUMA_NO_NODE, res, &emerg);
	memalloc_noreclaim_restore(noreclaim);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_EXPECT_TRUE(test, emerg);
	KUNIT_EXPECT_EQ(test, 1, log->alloc);
	KUNIT_EXPECT_EQ(test, (long)ksize(obj), log->bytes);
	if (IS_ENABLED(CONFIG_KALLSYMS)) {
		sprint_symbol_no_offset(caller, log->caller);
		KUNIT_EXPECT_STREQ(test, caller, __func__);
	}

	kfree_reserve(obj, res, emerg);
	KUNIT_EXPECT_EQ(test, 1, log->free);
	KUNIT_EXPECT_EQ(test, 128L, log->bytes);

	KUNIT_EXPECT_FALSE(test, mem_reserve_charge(res, 2048));
	KUNIT_EXPECT_EQ(test, 1, log->refused);
	KUNIT_EXPECT_EQ(test, 2048L, log->bytes);
	mem_reserve_disconnect(res);
}

struct mr_trace_uncharge {
	struct delayed_work work;
	struct mem_reserve *res;
	long bytes;
};

static void mr_trace_uncharge_fn(struct work_struct *work)
{
	struct mr_trace_uncharge *u =
		container_of(to_delayed_work(work), struct mr_trace_uncharge, work);

	mem_reserve_uncharge(u->res, u->bytes);
}

/* A sleeping allocation's wait begins, and ends charged, timed. */
static void trace_wait_begin_end(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "trace wait", NULL);
	struct mr_trace_uncharge u = { .res = res, .bytes = 1024 };
	struct mr_trace_log *log;
	unsigned int noreclaim;
	bool emerg;
	void *obj;

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(res, 1024));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(res, &mem_reserve_root));
	log = mr_trace_attach(test, res);
	mr_test_force_emergency(test);
	KUNIT_ASSERT_TRUE(test, mem_reserve_charge(res, 1024));
	INIT_DELAYED_WORK(&u.work, mr_trace_uncharge_fn);
	schedule_delayed_work(&u.work, msecs_to_jiffies(50));

	noreclaim = memalloc_noreclaim_save();
	obj = kmalloc_reserve(100, GFP_KERNEL, NUMA_NO_NODE, res, &emerg);
	memalloc_noreclaim_restore(noreclaim);
	flush_delayed_work(&u.work);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	KUNIT_EXPECT_EQ(test, 1, log->wait_begin);
	KUNIT_EXPECT_EQ(test, 1, log->wait_end);
	KUNIT_EXPECT_TRUE(test, log->charged);
	KUNIT_EXPECT_GE(test, log->waited_ns, 10ULL * NSEC_PER_MSEC);
	kfree_reserve(obj, res, emerg);
	mem_reserve_disconnect(res);
}

static struct kunit_case mem_reserve_trace_cases[] = {
	KUNIT_CASE(trace_tree_changes),
	KUNIT_CASE(trace_emergency_alloc_free_refused),
	KUNIT_CASE(trace_wait_begin_end),
	{}
};

static struct kunit_suite mem_reserve_trace_suite = {
	.name = "mem_reserve_trace",
	.test_cases = mem_reserve_trace_cases,
};

kunit_test_suite(mem_reserve_trace_suite);

/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the mem_reserve KUnit suites. */
#ifndef _LIB_MEM_RESERVE_TEST_UTIL_H
#define _LIB_MEM_RESERVE_TEST_UTIL_H

#include <kunit/test.h>
#include <linux/list.h>
#include "internal.h"
#include "test_pressure.h"

struct completion;

struct task_struct;

struct mem_reserve *mr_test_reserve(struct kunit *test, const char *name,
				    struct mem_reserve *parent);
void mr_test_force_emergency(struct kunit *test);
struct task_struct *mr_test_kthread(struct kunit *test, int (*fn)(void *),
				    void *data, const char *name);
struct task_struct *mr_test_killable_kthread(struct kunit *test,
					     int (*fn)(void *), void *data,
					     const char *name);
void mr_test_wait_for_kthread(struct kunit *test, struct completion *done);
void mr_test_await_waiter(struct mem_reserve *res, long waits,
			  struct task_struct *task);
void mr_test_only_wakeups_end_waits(struct kunit *test);
long mr_test_kmalloc_bytes_past_watermark(struct kunit *test);
long mr_test_min_wmark(struct zone *zone);

#endif /* _LIB_MEM_RESERVE_TEST_UTIL_H */

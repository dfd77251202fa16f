/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Real memory exhaustion for KUnit cases, undone when the case ends: for
 * the mem_reserve suites and for those of a kernel built without it.
 */
#ifndef _LIB_MEM_RESERVE_TEST_PRESSURE_H
#define _LIB_MEM_RESERVE_TEST_PRESSURE_H

#include <kunit/test.h>
#include <linux/gfp.h>

long mr_test_exhaust_memory(struct kunit *test, gfp_t gfp);
void mr_test_give_back_memory(struct kunit *test);

#endif /* _LIB_MEM_RESERVE_TEST_PRESSURE_H */

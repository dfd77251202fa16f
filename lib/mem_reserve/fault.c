// SPDX-License-Identifier: GPL-2.0
/*
 * Forced emergencies: make the wrappers' normal allocation step fail on
 * demand, through the fault-injection framework, so tests and demos can
 * drive the emergency path without exhausting memory. Controlled from
 * debugfs, mem_reserve/fail_normal/ (see fault-injection.rst).
 */
#include <linux/export.h>
#include <linux/fault-inject.h>
#include <linux/init.h>
#include "internal.h"

struct fault_attr mem_reserve_fail_normal = FAULT_ATTR_INITIALIZER;
EXPORT_SYMBOL_GPL(mem_reserve_fail_normal);

/* Make every normal attempt fail (@on), or none; for tests. */
void mem_reserve_force_emergency(bool on)
{
	mem_reserve_fail_normal.probability = on ? 100 : 0;
	atomic_set(&mem_reserve_fail_normal.times, on ? -1 : 0);
}

static int __init mem_reserve_fault_init(void)
{
	/* A forced emergency is routine here, not worth a stack trace. */
	mem_reserve_fail_normal.verbose = 0;
	fault_create_debugfs_attr("fail_normal", mem_reserve_debugfs_dir(),
				  &mem_reserve_fail_normal);
	return 0;
}
late_initcall(mem_reserve_fault_init);

// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs mem_reserve/tree: every registered group, one line each, depth
 * first from the root, then the groups not connected to it, and the part
 * of the root's pages that is per-CPU slabs rather than any group's.
 */
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/seq_file.h>
#include "internal.h"

/* Called from initcalls only, which run one at a time. */
struct dentry *mem_reserve_debugfs_dir(void)
{
	static struct dentry *dir;

	if (!dir)
		dir = debugfs_create_dir("mem_reserve", NULL);
	return dir;
}

static unsigned int mem_reserve_depth(const struct mem_reserve *res)
{
	unsigned int depth = 0;

	for (; res->parent; res = res->parent)
		depth++;
	return depth;
}

static void mem_reserve_show_subtree(struct seq_file *m,
				     struct mem_reserve *top)
{
	struct mem_reserve *res;

	for (res = top; res; res = mem_reserve_next(res, top)) {
		if (res->parent)
			seq_printf(m, "%3u %6u", res->id, res->parent->id);
		else
			seq_printf(m, "%3u %6s", res->id, "-");
		seq_printf(m, " %4d %7ld %8lu %10ld %10ld %10ld %7ld %7ld %7ld %9ld %*s%s\n",
			   res->connected, res->pages,
			   res->pages << (PAGE_SHIFT - 10), res->limit,
			   atomic_long_read(&res->usage),
			   atomic_long_read(&res->peak),
			   atomic_long_read(&res->failed),
			   atomic_long_read(&res->waits),
			   atomic_long_read(&res->clamped),
			   atomic_long_read(&res->uncounted),
			   2 * mem_reserve_depth(res), "", res->name);
	}
}

int mem_reserve_tree_show(struct seq_file *m, void *v)
{
	struct mem_reserve *res;

	seq_puts(m, " id parent conn   pages      KiB      limit      usage       peak  failed   waits clamped uncounted name\n");
	mem_reserve_lock();
	mem_reserve_show_subtree(m, &mem_reserve_root);
	list_for_each_entry(res, &mem_reserve_all, all) {
		if (!res->parent)
			mem_reserve_show_subtree(m, res);
	}
	seq_printf(m, "# of the root's pages, %ld are per-CPU slabs of the caches its groups use, for %u of %u online CPUs\n",
		   mem_reserve_cpu_slab_total,
		   mem_reserve_slab_cpus - mem_reserve_unheld_cpus,
		   mem_reserve_slab_cpus);
	mem_reserve_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mem_reserve_tree);

static int __init mem_reserve_debugfs_init(void)
{
	debugfs_create_file("tree", 0444, mem_reserve_debugfs_dir(), NULL,
			    &mem_reserve_tree_fops);
	return 0;
}
late_initcall(mem_reserve_debugfs_init);

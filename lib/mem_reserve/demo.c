// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs mem_reserve/demo: a small reserve tree to show the framework at
 * work. Write one command at a time:
 *
 *   connect        connect the demo tree to the root
 *   disconnect     disconnect it
 *   alloc N        N kmalloc_reserve(1000) calls that may use the reserves
 *   free           free everything allocated
 *
 * With mem_reserve/fail_normal forcing emergencies, every allocation is
 * charged to "demo kmalloc" until its limit refuses.
 */
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "internal.h"

#define DEMO_OBJECTS	64
#define DEMO_OBJ_SIZE	1000

static struct mem_reserve demo_top, demo_kmalloc, demo_pages;
static void *demo_objs[DEMO_OBJECTS];
static bool demo_emerg[DEMO_OBJECTS];
static DEFINE_MUTEX(demo_lock);

static void demo_alloc(unsigned int n)
{
	unsigned int i, done = 0, emerg = 0;

	for (i = 0; i < DEMO_OBJECTS && done < n; i++) {
		if (demo_objs[i])
			continue;
		demo_objs[i] = kmalloc_reserve(DEMO_OBJ_SIZE,
					       GFP_ATOMIC | __GFP_MEMALLOC,
					       NUMA_NO_NODE, &demo_kmalloc,
					       &demo_emerg[i]);
		if (!demo_objs[i])
			break;
		done++;
		emerg += demo_emerg[i];
	}
	pr_info("mem_reserve demo: %u of %u allocations succeeded, %u from the reserves\n",
		done, n, emerg);
}

static void demo_free(void)
{
	unsigned int i;

	for (i = 0; i < DEMO_OBJECTS; i++) {
		kfree_reserve(demo_objs[i], &demo_kmalloc, demo_emerg[i]);
		demo_objs[i] = NULL;
	}
}

static ssize_t demo_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	char buf[32];
	unsigned int n;
	int err = 0;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	strim(buf);

	mutex_lock(&demo_lock);
	if (!strcmp(buf, "connect"))
		err = mem_reserve_connect(&demo_top, &mem_reserve_root);
	else if (!strcmp(buf, "disconnect"))
		err = mem_reserve_disconnect(&demo_top);
	else if (sscanf(buf, "alloc %u", &n) == 1)
		demo_alloc(n);
	else if (!strcmp(buf, "free"))
		demo_free();
	else
		err = -EINVAL;
	mutex_unlock(&demo_lock);
	return err ? err : count;
}

static const struct file_operations demo_fops = {
	.write = demo_write,
};

static int __init mem_reserve_demo_init(void)
{
	mem_reserve_init(&demo_top, "demo", NULL);
	mem_reserve_init(&demo_kmalloc, "demo kmalloc", &demo_top);
	mem_reserve_init(&demo_pages, "demo pages", &demo_top);
	if (mem_reserve_kmalloc_set(&demo_kmalloc, 16 * 1024) ||
	    mem_reserve_pages_set(&demo_pages, 32))
		return -ENOMEM;
	debugfs_create_file("demo", 0200, mem_reserve_debugfs_dir(), NULL,
			    &demo_fops);
	return 0;
}
late_initcall(mem_reserve_demo_init);

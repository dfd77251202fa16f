// SPDX-License-Identifier: GPL-2.0
/* reserve-convert without -D group: nothing changes, report lists sites */
#include <linux/slab.h>

static int no_group(void)
{
	void *buf;

	buf = kmalloc(64, GFP_ATOMIC | __GFP_MEMALLOC);
	if (!buf)
		return -ENOMEM;
	kfree(buf);
	return 0;
}

/* left without -D emerg_field: the object is kept in a field */
static int kept(struct foo *foo)
{
	foo->buf = kmalloc(64, GFP_ATOMIC | __GFP_MEMALLOC);
	return foo->buf ? 0 : -ENOMEM;
}

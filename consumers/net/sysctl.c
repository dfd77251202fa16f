// SPDX-License-Identifier: GPL-2.0
/*
 * net.mem_reserve.*: the sizes of the network groups that no kernel limit
 * gives (the fragment caches follow ipfrag_high_thresh and
 * ip6frag_high_thresh instead). A write resizes its group first; if the
 * reserve cannot grow, the write fails with -ENOMEM and the old value
 * stays.
 */
#include <linux/init.h>
#include <linux/sysctl.h>
#include <net/net_namespace.h>
#include "internal.h"

static int net_reserve_size(int *knob, int val)
{
	if (knob == &net_reserve_tx_kbytes)
		return net_reserve_size_tx(val);
	if (knob == &net_reserve_skb_kbytes)
		return net_reserve_size_skb(val);
	if (knob == &net_reserve_rx_pages_kbytes)
		return net_reserve_size_pages(&net_rx_page_reserve, val);
	if (knob == &net_reserve_tx_pages_kbytes)
		return net_reserve_size_pages(&net_tx_page_reserve, val);
	if (knob == &net_reserve_neigh_entries)
		return net_reserve_size_neigh(val);
	return net_reserve_size_dst(val);
}

/* The handler of every net.mem_reserve knob; the tests call it directly. */
int net_reserve_sysctl(const struct ctl_table *table, int write,
		       void *buffer, size_t *lenp, loff_t *ppos)
{
	struct ctl_table tmp = *table;
	int *knob = table->data;
	int val, err;

	mutex_lock(&net_reserve_size_lock);
	val = *knob;
	tmp.data = &val;
	err = proc_dointvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (!err && write && val != *knob) {
		err = net_reserve_size(knob, val);
		if (!err)
			WRITE_ONCE(*knob, val);
	}
	mutex_unlock(&net_reserve_size_lock);
	return err;
}

static struct ctl_table net_reserve_table[] = {
	{
		.procname	= "tx_kbytes",
		.data		= &net_reserve_tx_kbytes,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= net_reserve_sysctl,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "skb_kbytes",
		.data		= &net_reserve_skb_kbytes,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= net_reserve_sysctl,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "rx_pages_kbytes",
		.data		= &net_reserve_rx_pages_kbytes,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= net_reserve_sysctl,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "tx_pages_kbytes",
		.data		= &net_reserve_tx_pages_kbytes,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= net_reserve_sysctl,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "dst_entries",
		.data		= &net_reserve_dst_entries,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= net_reserve_sysctl,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "neigh_entries",
		.data		= &net_reserve_neigh_entries,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= net_reserve_sysctl,
		.extra1		= SYSCTL_ZERO,
	},
};

static int __init net_reserve_sysctl_init(void)
{
	if (!register_net_sysctl(&init_net, "net/mem_reserve", net_reserve_table))
		pr_warn("net_reserve: cannot register net.mem_reserve sysctls\n");
	return 0;
}
late_initcall(net_reserve_sysctl_init);

// SPDX-License-Identifier: GPL-2.0
/* Input for 30-ip-frags.cocci: IPv6 reassembly, which has its own include. */
#include <net/ipv6_frag.h>

static struct ctl_table ip6_frags_table[] = {
	{
		.procname	= "ip6frag_high_thresh",
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
	},
};

int __init ipv6_frag_init(void)
{
	ip6_frags.qsize = sizeof(struct frag_queue);
	return inet_frags_init(&ip6_frags);
}

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

static int __net_init ipv6_frags_init_net(struct net *net)
{
	int res = fqdir_init(&net->ipv6.fqdir, &ip6_frags, net);

	if (res < 0)
		return res;
	net->ipv6.fqdir->high_thresh = IPV6_FRAG_HIGH_THRESH;
	return 0;
}

int __init ipv6_frag_init(void)
{
	ip6_frags.qsize = sizeof(struct frag_queue);
	return inet_frags_init(&ip6_frags);
}

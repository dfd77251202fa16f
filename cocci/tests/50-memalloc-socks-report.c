// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 50-memalloc-socks.cocci's report, context and org modes:
 * writers of the memalloc socket count that do not tell the network
 * reserve, which those modes list and patch mode converts.
 */
#include <linux/jump_label.h>
#include <net/sock.h>

void other_set_memalloc(struct sock *sk)
{
	sock_set_flag(sk, SOCK_MEMALLOC);
	static_branch_inc(&memalloc_socks_key);
}

void other_clear_memalloc(struct sock *sk)
{
	sock_reset_flag(sk, SOCK_MEMALLOC);
	static_branch_dec(&memalloc_socks_key);
}

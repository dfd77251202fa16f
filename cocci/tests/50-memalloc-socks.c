// SPDX-License-Identifier: GPL-2.0
/* Input for 50-memalloc-socks.cocci: the writers of memalloc_socks_key. */
#include <net/sock.h>

void sk_set_memalloc(struct sock *sk)
{
	sock_set_flag(sk, SOCK_MEMALLOC);
	static_branch_inc(&memalloc_socks_key);
}

void sk_clear_memalloc(struct sock *sk)
{
	sock_reset_flag(sk, SOCK_MEMALLOC);
	static_branch_dec(&memalloc_socks_key);
	sk_mem_reclaim(sk);
}

void other_key_user(void)
{
	static_branch_inc(&other_key);
}

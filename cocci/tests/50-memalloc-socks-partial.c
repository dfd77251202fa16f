// SPDX-License-Identifier: GPL-2.0
/*
 * Input for 50-memalloc-socks.cocci: a file converted in part. The set
 * side already tells the network reserve; the clear side is finished, and
 * the header is not added twice.
 */
#include <net/sock.h>
#include <net/net_reserve.h>

void sk_set_memalloc(struct sock *sk)
{
	sock_set_flag(sk, SOCK_MEMALLOC);
	static_branch_inc(&memalloc_socks_key);
	net_reserve_memalloc_socks_changed();
}

void sk_clear_memalloc(struct sock *sk)
{
	sock_reset_flag(sk, SOCK_MEMALLOC);
	static_branch_dec(&memalloc_socks_key);
	sk_mem_reclaim(sk);
}

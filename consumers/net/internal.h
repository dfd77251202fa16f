/* SPDX-License-Identifier: GPL-2.0 */
/* What the network reserve files share with each other and their tests. */
#ifndef _NET_MEM_RESERVE_INTERNAL_H
#define _NET_MEM_RESERVE_INTERNAL_H

#include <linux/mutex.h>
#include <net/net_reserve.h>

/* Index of the per-family groups. */
enum net_reserve_family {
	NET_RESERVE_IPV4,
	NET_RESERVE_IPV6,
	NET_RESERVE_FAMILIES,
};

int net_reserve_family(int family);

extern struct mem_reserve net_reserve_top;
extern struct mem_reserve net_tx_reserve;
extern struct mem_reserve net_rx_reserve;
extern struct mem_reserve net_route_reserve[NET_RESERVE_FAMILIES];
extern struct mem_reserve net_frag_reserve[NET_RESERVE_FAMILIES];
extern struct mem_reserve net_rx_page_reserve;
extern struct mem_reserve net_tx_page_reserve;

/* Serialises the sizing of the network groups. */
extern struct mutex net_reserve_size_lock;

/* The project's own knobs, net.mem_reserve.* */
extern int net_reserve_tx_kbytes;
extern int net_reserve_skb_kbytes;
extern int net_reserve_dst_entries;
extern int net_reserve_neigh_entries;
extern int net_reserve_rx_pages_kbytes;
extern int net_reserve_tx_pages_kbytes;

struct ctl_table;
int net_reserve_sysctl(const struct ctl_table *table, int write,
		       void *buffer, size_t *lenp, loff_t *ppos);

int net_reserve_size_tx(int kbytes);
int net_reserve_size_skb(int kbytes);
int net_reserve_size_pages(struct mem_reserve *res, int kbytes);
int net_reserve_size_dst(int entries);
bool net_reserve_dst_reattach(void);
void net_reserve_retry(void);
int net_reserve_size_neigh(int entries);
int net_reserve_size_frag(struct mem_reserve *res, long bytes);

void net_reserve_sync(void);
void net_reserve_activation_start(void);
int net_reserve_hold(void);
void net_reserve_unhold(void);

#if IS_ENABLED(CONFIG_SUNRPC_MEM_RESERVE)
/*
 * Requests a swap client may have in flight on emergency memory, per
 * group: sixteen is the default slot table of an RPC transport.
 */
#define RPC_RESERVE_REQUESTS	16

extern struct mem_reserve rpc_swap_reserve;
extern int rpc_swap_clients;
void rpc_reserve_init(void);
#else
static inline void rpc_reserve_init(void)
{
}
#endif

/* declared either way, so that IS_ENABLED() code compiles without it */
extern struct mem_reserve nfs_swap_write_reserve;
#if IS_ENABLED(CONFIG_NFS_MEM_RESERVE)
extern unsigned long nfs_swap_write_wait;
extern bool nfs_swap_write_stalled;
long nfs_reserve_swap_write_bytes(size_t count, size_t wsize,
				  size_t dreq_size);
int nfs_reserve_size(int clients);
void nfs_reserve_init(void);
#else
static inline int nfs_reserve_size(int clients)
{
	return 0;
}

static inline void nfs_reserve_init(void)
{
}
#endif

#endif /* _NET_MEM_RESERVE_INTERNAL_H */

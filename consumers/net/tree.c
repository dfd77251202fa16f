// SPDX-License-Identifier: GPL-2.0
/*
 * The network reserve tree, registered at boot and left disconnected:
 *
 *   total network reserve
 *   +- network TX reserve             transmit skb heads
 *   +- TX pages                       memalloc sockets' page fragments
 *   +- neighbour cache                ARP and NDISC entries, for both ways
 *   +- network RX reserve
 *      +- IPv4 route cache            dst_entry objects
 *      +- IPv6 route cache
 *      +- SKB data reserve            receive skb heads
 *         +- IPv4 fragment cache      queues and queued fragments
 *         +- IPv6 fragment cache
 *      +- RX pages                    driver ring pages, receive frags
 *   +- sunrpc swap reserve            while swap over NFS is on
 *      +- RPC tasks                   rpc_task structs of swapper tasks
 *      +- RPC request slots           slots of swap transports
 *      +- RPC buffers                 call and reply buffers of swap writes
 *
 * A fragment sitting in a reassembly queue is charged twice: its head
 * to "SKB data reserve", its truesize to its fragment cache. The SKB
 * node's limit includes its children's, so heads held in fragment queues
 * count against it without starving the heads in transit; the pages,
 * which add up the other way, count that memory once. The pages groups
 * are no node's children but the tree's: a parent's own charges may use
 * its children's room, and heads must not take what pages are sized for,
 * nor grow their bound by it.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/socket.h>
#include <net/hotdata.h>
#include "internal.h"

struct mem_reserve net_reserve_top;
struct mem_reserve net_tx_reserve;
EXPORT_SYMBOL_GPL(net_tx_reserve);
struct mem_reserve net_rx_reserve;
struct mem_reserve net_route_reserve[NET_RESERVE_FAMILIES];
struct mem_reserve net_skb_reserve;
EXPORT_SYMBOL_GPL(net_skb_reserve);
struct mem_reserve net_neigh_reserve;
EXPORT_SYMBOL_GPL(net_neigh_reserve);
struct mem_reserve net_frag_reserve[NET_RESERVE_FAMILIES];
struct mem_reserve net_rx_page_reserve;
struct mem_reserve net_tx_page_reserve;

/* Serialises the sizing of the network groups, from sysctls and inits. */
DEFINE_MUTEX(net_reserve_size_lock);

/*
 * Transmit heads from the reserves: a memalloc socket's sends, its ACKs,
 * and what a PF_MEMALLOC task sends. They stay until acknowledged (TCP's
 * retransmit queue) or sent, and a full group refuses more of them
 * without touching the receive groups. A UDP head holds its datagram.
 * A TCP segment's head is small, its payload is in "TX pages", and its
 * fclone pair is charged beside it when the pair comes from the reserves
 * too: about 1 KiB a segment on x86_64. A tap's or a bridge's plain
 * clone of a transmit skb adds an sk_buff. 256 KiB: four 64 KiB
 * datagrams in flight, or some 240 segments.
 */
int net_reserve_tx_kbytes = 256;
/* Receive heads between the driver and their socket or queue. */
int net_reserve_skb_kbytes = 512;
/*
 * Receive pages from the reserves in the rings of page-based drivers and
 * in the skbs made of them: half a 512-entry ring of 4 KiB pages. Pages
 * past it are served uncounted, not refused.
 */
int net_reserve_rx_pages_kbytes = 1024;
/*
 * Memalloc sockets' page fragments from the reserves (32 KiB pages),
 * each held until the skbs that copied into it are acknowledged, and the
 * one a socket fills now: swap over NFS, one client, peaked at 768 to
 * 864 KiB in the end-to-end runs, where 256 KiB was always full.
 */
int net_reserve_tx_pages_kbytes = 1024;
/*
 * dst entries per family. Nothing in 6.12 bounds them any more (the
 * route cache and its max_size went in 3.6), so this is a knob of ours.
 */
int net_reserve_dst_entries = 256;
/*
 * Neighbour entries: a swap server and a gateway per family and
 * interface, many times over; 6.12 keeps up to gc_thresh3 (1024) per
 * table, which would be 512 KiB.
 */
int net_reserve_neigh_entries = 64;

/* The index of @family's groups, or -1 for a family without any. */
int net_reserve_family(int family)
{
	switch (family) {
	case AF_INET:
		return NET_RESERVE_IPV4;
	case AF_INET6:
		return NET_RESERVE_IPV6;
	default:
		return -1;
	}
}

int net_reserve_size_tx(int kbytes)
{
	return mem_reserve_kmalloc_set(&net_tx_reserve, (long)kbytes * SZ_1K);
}

int net_reserve_size_skb(int kbytes)
{
	return mem_reserve_kmalloc_set(&net_skb_reserve, (long)kbytes * SZ_1K);
}

/* A page group for @kbytes, rounded up to whole pages. */
int net_reserve_size_pages(struct mem_reserve *res, int kbytes)
{
	return mem_reserve_pages_set(res, DIV_ROUND_UP(kbytes, PAGE_SIZE / SZ_1K));
}

/* A fragment cache holds at most high_thresh bytes of queues and skbs. */
int net_reserve_size_frag(struct mem_reserve *res, long bytes)
{
	return mem_reserve_kmalloc_set(res, bytes);
}

/*
 * Small heads come from their own cache (skb_kmalloc_reserve()), the
 * sk_buffs charged with their heads from theirs, and fclone pairs from a
 * third: both skb groups size for all three, and the root holds their
 * per-CPU slabs while the tree is connected.
 */
static void __init net_reserve_name_skb_caches(struct mem_reserve *res)
{
	struct kmem_cache *caches[] = {
		net_hotdata.skb_small_head_cache,
		net_hotdata.skbuff_cache,
		net_hotdata.skbuff_fclone_cache,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(caches); i++)
		WARN_ON_ONCE(mem_reserve_kmem_cache_add(res, caches[i]));
}

static int __init net_reserve_tree_init(void)
{
	mem_reserve_init(&net_reserve_top, "total network reserve", NULL);
	mem_reserve_init(&net_tx_reserve, "network TX reserve", &net_reserve_top);
	/*
	 * TCP charges its transmit heads with the socket locked, and only
	 * the ACKs processed from its backlog when the lock goes uncharge
	 * them: a sender sleeping for room would wait for itself. Refused at
	 * once, it waits for memory in sk_stream_wait_memory(), unlocked.
	 */
	mem_reserve_set_never_wait(&net_tx_reserve);
	mem_reserve_init(&net_tx_page_reserve, "TX pages", &net_reserve_top);
	mem_reserve_init(&net_neigh_reserve, "neighbour cache", &net_reserve_top);
	mem_reserve_init(&net_rx_reserve, "network RX reserve", &net_reserve_top);
	mem_reserve_init(&net_route_reserve[NET_RESERVE_IPV4], "IPv4 route cache",
			 &net_rx_reserve);
	mem_reserve_init(&net_route_reserve[NET_RESERVE_IPV6], "IPv6 route cache",
			 &net_rx_reserve);
	mem_reserve_init(&net_skb_reserve, "SKB data reserve", &net_rx_reserve);
	mem_reserve_init(&net_frag_reserve[NET_RESERVE_IPV4],
			 "IPv4 fragment cache", &net_skb_reserve);
	mem_reserve_init(&net_frag_reserve[NET_RESERVE_IPV6],
			 "IPv6 fragment cache", &net_skb_reserve);
	mem_reserve_init(&net_rx_page_reserve, "RX pages", &net_rx_reserve);

	net_reserve_name_skb_caches(&net_tx_reserve);
	net_reserve_name_skb_caches(&net_skb_reserve);

	/* Disconnected, so sizing only records the demand: it cannot fail. */
	WARN_ON_ONCE(net_reserve_size_tx(net_reserve_tx_kbytes));
	WARN_ON_ONCE(net_reserve_size_skb(net_reserve_skb_kbytes));
	WARN_ON_ONCE(net_reserve_size_pages(&net_rx_page_reserve,
					    net_reserve_rx_pages_kbytes));
	WARN_ON_ONCE(net_reserve_size_pages(&net_tx_page_reserve,
					    net_reserve_tx_pages_kbytes));
	WARN_ON_ONCE(net_reserve_size_neigh(net_reserve_neigh_entries));
	rpc_reserve_init();
	net_reserve_activation_start();
	return 0;
}

/* Before inet_init() (fs_initcall) registers the route caches. */
subsys_initcall(net_reserve_tree_init);

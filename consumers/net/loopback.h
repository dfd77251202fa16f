/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Traffic on the loopback device for the demo and the tests: kernel UDP
 * sockets on 127.0.0.1, and packets built with the driver allocators and
 * handed to the stack as a driver would.
 */
#ifndef _NET_MEM_RESERVE_LOOPBACK_H
#define _NET_MEM_RESERVE_LOOPBACK_H

#include <linux/in.h>
#include <linux/net.h>
#include <linux/skbuff.h>

struct net;

/* How a packet's skb is allocated. */
enum net_reserve_lo_alloc {
	NET_RESERVE_LO_NETDEV_ALLOC_SKB,
	NET_RESERVE_LO_NAPI_ALLOC_SKB,
};

/*
 * One packet from and to the loopback address: a whole UDP datagram or a
 * fragment of one, over IPv4, or a fragment over IPv6.
 */
struct net_reserve_lo_pkt {
	struct net *net;	/* its namespace; NULL for init_net */
	bool ipv6;		/* IPv6, which here is always a fragment */
	enum net_reserve_lo_alloc alloc;
	u16 dport;
	unsigned int len;	/* IP payload bytes in this packet */
	u16 frag_off;		/* in bytes; a multiple of 8 */
	bool more_frags;
	u16 id;
	unsigned int udp_len;	/* UDP length of the whole datagram */
};

/* 127.0.0.1:@port */
static inline struct sockaddr_in net_reserve_lo_addr(u16 port)
{
	return (struct sockaddr_in) {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
}

int net_reserve_lo_up(struct net *net);
struct socket *net_reserve_lo_socket(u16 port, bool memalloc);
int net_reserve_lo_sendto(struct socket *sock, u16 port, void *buf,
			  size_t len, int flags);
void net_reserve_lo_close(struct socket *sock, bool memalloc);
struct sk_buff *net_reserve_lo_build(const struct net_reserve_lo_pkt *p);
struct sk_buff *net_reserve_lo_datagram(enum net_reserve_lo_alloc alloc,
					u16 dport, unsigned int payload);
void net_reserve_lo_receive(struct sk_buff *skb);
int net_reserve_lo_recv(struct socket *sock);

#endif /* _NET_MEM_RESERVE_LOOPBACK_H */

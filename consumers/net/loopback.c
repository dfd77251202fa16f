// SPDX-License-Identifier: GPL-2.0
/*
 * Loopback traffic for the network reserve's demo and tests. Packets go
 * through netif_rx() and are delivered, queued or dropped before the call
 * returns.
 */
#include <linux/bottom_half.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <linux/uio.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include "internal.h"
#include "loopback.h"

/*
 * Bring lo up, which gives it 127.0.0.1, and let it take packets from and
 * to 127.0.0.1 that come without a dst, as a driver's do (the loopback
 * driver's own come with the sender's): route_localnet, and accept_local
 * for a source address that is our own. Then route one,
 * so that the input route the FIB caches for 127.0.0.1 is made now, from
 * normal memory, and not by the first emergency packet of a test.
 */
int net_reserve_lo_up(void)
{
	struct net_device *lo = init_net.loopback_dev;
	struct in_device *in_dev;
	struct sk_buff *skb;
	int err = 0;

	rtnl_lock();
	if (!(lo->flags & IFF_UP))
		err = dev_change_flags(lo, lo->flags | IFF_UP, NULL);
	in_dev = __in_dev_get_rtnl(lo);
	if (!err && in_dev) {
		IN_DEV_CONF_SET(in_dev, ROUTE_LOCALNET, 1);
		IN_DEV_CONF_SET(in_dev, ACCEPT_LOCAL, 1);
	}
	rtnl_unlock();
	if (err)
		return err;
	if (!in_dev)
		return -ENODEV;

	/* to the discard port, where no socket listens */
	skb = net_reserve_lo_datagram(NET_RESERVE_LO_NETDEV_ALLOC_SKB, 9, 0);
	if (!skb)
		return -ENOMEM;
	net_reserve_lo_receive(skb);
	return 0;
}

/*
 * A kernel UDP socket bound to 127.0.0.1:@port, SOCK_MEMALLOC if
 * @memalloc. Returns once the network reserve has caught up with it.
 */
struct socket *net_reserve_lo_socket(u16 port, bool memalloc)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct socket *sock;
	int err;

	err = sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, IPPROTO_UDP, &sock);
	if (err)
		return ERR_PTR(err);
	err = kernel_bind(sock, (struct sockaddr *)&addr, sizeof(addr));
	if (err) {
		sock_release(sock);
		return ERR_PTR(err);
	}
	if (memalloc)
		sk_set_memalloc(sock->sk);
	net_reserve_sync();
	return sock;
}

/* Close a socket from net_reserve_lo_socket(), and wait for the reserve. */
void net_reserve_lo_close(struct socket *sock, bool memalloc)
{
	if (memalloc)
		sk_clear_memalloc(sock->sk);
	sock_release(sock);
	net_reserve_sync();
}

static struct sk_buff *net_reserve_lo_alloc_skb(enum net_reserve_lo_alloc alloc,
						unsigned int len)
{
	struct napi_struct napi = { .dev = init_net.loopback_dev };
	struct sk_buff *skb;

	if (alloc == NET_RESERVE_LO_NETDEV_ALLOC_SKB)
		return netdev_alloc_skb(init_net.loopback_dev, len);
	local_bh_disable();
	skb = napi_alloc_skb(&napi, len);
	local_bh_enable();
	return skb;
}

/*
 * An Ethernet frame carrying an IPv4 packet from and to 127.0.0.1: @p->len
 * bytes of a UDP datagram from byte @p->frag_off on. NULL if the
 * allocation failed.
 */
struct sk_buff *net_reserve_lo_build(const struct net_reserve_lo_pkt *p)
{
	unsigned int len = ETH_HLEN + sizeof(struct iphdr) + p->len;
	struct sk_buff *skb;
	struct ethhdr *eth;
	struct iphdr *iph;
	u8 *payload;

	if (WARN_ON_ONCE(p->frag_off == 0 && p->len < sizeof(struct udphdr)))
		return NULL;
	skb = net_reserve_lo_alloc_skb(p->alloc, len);
	if (!skb)
		return NULL;
	eth = skb_put_zero(skb, ETH_HLEN);
	eth->h_proto = htons(ETH_P_IP);
	iph = skb_put_zero(skb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->id = htons(p->id);
	iph->tot_len = htons(sizeof(*iph) + p->len);
	iph->frag_off = htons((p->frag_off >> 3) | (p->more_frags ? IP_MF : 0));
	iph->saddr = htonl(INADDR_LOOPBACK);
	iph->daddr = htonl(INADDR_LOOPBACK);
	ip_send_check(iph);

	payload = skb_put(skb, p->len);
	memset(payload, 0x5a, p->len);
	if (p->frag_off == 0) {
		struct udphdr *uh = (struct udphdr *)payload;

		uh->source = htons(9);
		uh->dest = htons(p->dport);
		uh->len = htons(p->udp_len);
		uh->check = 0;
	}
	skb->protocol = eth_type_trans(skb, init_net.loopback_dev);
	return skb;
}

/* A whole UDP datagram of @payload bytes for 127.0.0.1:@dport. */
struct sk_buff *net_reserve_lo_datagram(enum net_reserve_lo_alloc alloc,
					u16 dport, unsigned int payload)
{
	struct net_reserve_lo_pkt p = {
		.alloc = alloc,
		.dport = dport,
		.len = sizeof(struct udphdr) + payload,
		.udp_len = sizeof(struct udphdr) + payload,
	};

	return net_reserve_lo_build(&p);
}

/*
 * Hand @skb to the stack as a driver would. netif_rx() raises NET_RX and
 * its local_bh_enable() runs it, so the packet is processed in softirq,
 * where a pfmemalloc skb gives the receive path its PF_MEMALLOC, before
 * this returns.
 */
void net_reserve_lo_receive(struct sk_buff *skb)
{
	netif_rx(skb);
}

/* Read one datagram without waiting: its length, or -EAGAIN. */
int net_reserve_lo_recv(struct socket *sock)
{
	const size_t size = 4096;
	struct msghdr msg = {};
	struct kvec vec;
	int ret;

	vec.iov_base = kmalloc(size, GFP_KERNEL);
	if (!vec.iov_base)
		return -ENOMEM;
	vec.iov_len = size;
	ret = kernel_recvmsg(sock, &msg, &vec, 1, size, MSG_DONTWAIT);
	kfree(vec.iov_base);
	return ret;
}

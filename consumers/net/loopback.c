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
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <linux/uio.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include "loopback.h"

/*
 * Route one packet to the discard port, where no socket listens, so that
 * the input route the FIB caches for the loopback address is made now,
 * from normal memory, and not by the first emergency packet of a test.
 * IPv6 sends an atomic fragment, which is as good as unfragmented.
 */
static int net_reserve_lo_route_one(struct net *net, bool ipv6)
{
	struct net_reserve_lo_pkt p = {
		.net = net,
		.ipv6 = ipv6,
		.alloc = NET_RESERVE_LO_NETDEV_ALLOC_SKB,
		.dport = 9,
		.len = sizeof(struct udphdr),
		.udp_len = sizeof(struct udphdr),
	};
	struct sk_buff *skb = net_reserve_lo_build(&p);

	if (!skb)
		return -ENOMEM;
	net_reserve_lo_receive(skb);
	return 0;
}

/*
 * Bring @net's lo up, which gives it 127.0.0.1 and ::1, and let it take
 * IPv4 packets from and to 127.0.0.1 that come without a dst, as a
 * driver's do (the loopback driver's own come with the sender's):
 * route_localnet, and accept_local for a source address that is our own.
 * Then route a packet of each family.
 */
int net_reserve_lo_up(struct net *net)
{
	struct net_device *lo = net->loopback_dev;
	struct in_device *in_dev;
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
	err = net_reserve_lo_route_one(net, false);
	if (!err && IS_ENABLED(CONFIG_IPV6))
		err = net_reserve_lo_route_one(net, true);
	return err;
}

/*
 * A kernel UDP socket bound to 127.0.0.1:@port, SOCK_MEMALLOC if
 * @memalloc. Mainline interfaces only, like the rest of this file, which
 * the throughput benchmark also builds into pristine 6.12: a caller that
 * needs the network reserve to have caught up calls net_reserve_sync().
 */
struct socket *net_reserve_lo_socket(u16 port, bool memalloc)
{
	struct sockaddr_in addr = net_reserve_lo_addr(port);
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
	return sock;
}

/*
 * Send @len bytes of @buf from @sock to 127.0.0.1:@port as one datagram,
 * with MSG_* @flags. Returns the bytes sent, or -errno.
 */
int net_reserve_lo_sendto(struct socket *sock, u16 port, void *buf,
			  size_t len, int flags)
{
	struct sockaddr_in to = net_reserve_lo_addr(port);
	struct msghdr msg = {
		.msg_name = &to,
		.msg_namelen = sizeof(to),
		.msg_flags = flags,
	};
	struct kvec vec = { .iov_base = buf, .iov_len = len };

	return kernel_sendmsg(sock, &msg, &vec, 1, len);
}

/* Close a socket from net_reserve_lo_socket(). */
void net_reserve_lo_close(struct socket *sock, bool memalloc)
{
	if (memalloc)
		sk_clear_memalloc(sock->sk);
	sock_release(sock);
}

static struct sk_buff *net_reserve_lo_alloc_skb(struct net_device *lo,
						enum net_reserve_lo_alloc alloc,
						unsigned int len)
{
	struct napi_struct *napi;
	struct sk_buff *skb;

	if (alloc == NET_RESERVE_LO_NETDEV_ALLOC_SKB)
		return netdev_alloc_skb(lo, len);
	/* napi_alloc_skb() reads only ->dev; the struct is too big for the stack */
	napi = kzalloc(sizeof(*napi), GFP_KERNEL);
	if (!napi)
		return NULL;
	napi->dev = lo;
	local_bh_disable();
	skb = napi_alloc_skb(napi, len);
	local_bh_enable();
	kfree(napi);
	return skb;
}

static void net_reserve_lo_put_ipv4(struct sk_buff *skb,
				    const struct net_reserve_lo_pkt *p)
{
	struct iphdr *iph = skb_put_zero(skb, sizeof(*iph));

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
}

static void net_reserve_lo_put_ipv6(struct sk_buff *skb,
				    const struct net_reserve_lo_pkt *p)
{
	struct ipv6hdr *ip6h = skb_put_zero(skb, sizeof(*ip6h));
	struct frag_hdr *fh = skb_put_zero(skb, sizeof(*fh));

	ip6h->version = 6;
	ip6h->payload_len = htons(sizeof(*fh) + p->len);
	ip6h->nexthdr = NEXTHDR_FRAGMENT;
	ip6h->hop_limit = 64;
	ip6h->saddr = in6addr_loopback;
	ip6h->daddr = in6addr_loopback;
	fh->nexthdr = IPPROTO_UDP;
	fh->frag_off = htons(p->frag_off | (p->more_frags ? IP6_MF : 0));
	fh->identification = htonl(p->id);
}

/*
 * An Ethernet frame with a packet from and to the loopback address, as a
 * driver would hand it up: @p->len bytes of a UDP datagram from byte
 * @p->frag_off on. NULL if the allocation failed.
 */
struct sk_buff *net_reserve_lo_build(const struct net_reserve_lo_pkt *p)
{
	struct net_device *lo = (p->net ?: &init_net)->loopback_dev;
	unsigned int len = ETH_HLEN + p->len +
			   (p->ipv6 ? sizeof(struct ipv6hdr) + sizeof(struct frag_hdr) :
				      sizeof(struct iphdr));
	struct sk_buff *skb;
	struct ethhdr *eth;
	u8 *payload;

	if (WARN_ON_ONCE(p->frag_off == 0 && p->len < sizeof(struct udphdr)))
		return NULL;
	skb = net_reserve_lo_alloc_skb(lo, p->alloc, len);
	if (!skb)
		return NULL;
	eth = skb_put_zero(skb, ETH_HLEN);
	eth->h_proto = htons(p->ipv6 ? ETH_P_IPV6 : ETH_P_IP);
	if (p->ipv6)
		net_reserve_lo_put_ipv6(skb, p);
	else
		net_reserve_lo_put_ipv4(skb, p);

	payload = skb_put(skb, p->len);
	memset(payload, 0x5a, p->len);
	if (p->frag_off == 0) {
		struct udphdr *uh = (struct udphdr *)payload;

		uh->source = htons(9);
		uh->dest = htons(p->dport);
		uh->len = htons(p->udp_len);
		uh->check = 0;
	}
	skb->protocol = eth_type_trans(skb, lo);
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

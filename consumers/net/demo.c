// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs net_reserve_demo: drive the network reserve by hand. Write one
 * command at a time:
 *
 *   open      open a SOCK_MEMALLOC UDP socket on 127.0.0.1:7400; the
 *             network reserve tree connects
 *   send N    send it N (at most 1024) datagrams over lo, as a driver
 *             receives them
 *   recv      read every datagram waiting at the socket
 *   close     close the socket; the tree disconnects
 *
 * With mem_reserve/fail_normal forcing emergencies, the datagrams' heads
 * are charged to "SKB data reserve" until they are read.
 */
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>
#include "internal.h"
#include "loopback.h"

#define DEMO_PORT	7400
#define DEMO_PAYLOAD	1000
#define DEMO_MAX_SEND	1024

static struct socket *demo_sock;
static DEFINE_MUTEX(demo_lock);

static int demo_open(void)
{
	struct socket *sock;
	int err;

	if (demo_sock)
		return -EBUSY;
	err = net_reserve_lo_up(&init_net);
	if (err)
		return err;
	sock = net_reserve_lo_socket(DEMO_PORT, true);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	net_reserve_sync();
	demo_sock = sock;
	return 0;
}

static void demo_send(unsigned int n)
{
	unsigned int i, sent = 0, emerg = 0;
	struct sk_buff *skb;

	for (i = 0; i < min(n, DEMO_MAX_SEND); i++) {
		cond_resched();
		skb = net_reserve_lo_datagram(NET_RESERVE_LO_NETDEV_ALLOC_SKB,
					      DEMO_PORT, DEMO_PAYLOAD);
		if (!skb)
			break;
		sent++;
		emerg += skb->pfmemalloc;
		net_reserve_lo_receive(skb);
	}
	pr_info("net_reserve demo: sent %u of %u datagrams, %u from the reserves\n",
		sent, n, emerg);
}

static void demo_recv(void)
{
	unsigned int n = 0;

	while (net_reserve_lo_recv(demo_sock) >= 0)
		n++;
	pr_info("net_reserve demo: read %u datagrams\n", n);
}

static int demo_command(const char *cmd)
{
	unsigned int n;

	if (!strcmp(cmd, "open"))
		return demo_open();
	if (!demo_sock)
		return -ENOTCONN;
	if (sscanf(cmd, "send %u", &n) == 1) {
		demo_send(n);
	} else if (!strcmp(cmd, "recv")) {
		demo_recv();
	} else if (!strcmp(cmd, "close")) {
		net_reserve_lo_close(demo_sock, true);
		net_reserve_sync();
		demo_sock = NULL;
	} else {
		return -EINVAL;
	}
	return 0;
}

static ssize_t demo_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	char *buf;
	int err;

	if (count > 32)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	mutex_lock(&demo_lock);
	err = demo_command(strim(buf));
	mutex_unlock(&demo_lock);
	kfree(buf);
	return err ? err : count;
}

static const struct file_operations demo_fops = {
	.owner = THIS_MODULE,
	.write = demo_write,
};

static int __init net_reserve_demo_init(void)
{
	debugfs_create_file("net_reserve_demo", 0200, NULL, NULL, &demo_fops);
	return 0;
}
late_initcall(net_reserve_demo_init);

// SPDX-License-Identifier: GPL-2.0
/*
 * swapblk: a block device over a TCP socket, in the shape of
 * drivers/block/nbd.c, that swap can use. A test input for
 * cocci/reserve-*.cocci: replies are read with PF_MEMALLOC set, and the
 * receive page is refilled with __GFP_MEMALLOC while swap is on.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/net.h>
#include <linux/sched/mm.h>
#include <net/sock.h>

#define SWAPBLK_HDR_LEN	16

struct swapblk_cmd {
	struct list_head list;
	u64 handle;
	void *data;
	unsigned int len;
};

struct swapblk_dev {
	struct socket *sock;
	struct list_head inflight;
	spinlock_t lock;
	struct page *rx_page;
	bool rx_page_emerg;
	unsigned int rx_order;
	void *hdr;
	bool swap;
};

static struct kmem_cache *swapblk_cmd_cache;

static int swapblk_recv(struct swapblk_dev *dev, void *buf, size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	struct kvec iov = { .iov_base = buf, .iov_len = len };

	return kernel_recvmsg(dev->sock, &msg, &iov, 1, len, msg.msg_flags);
}

static struct swapblk_cmd *swapblk_find_cmd(struct swapblk_dev *dev,
					    const void *hdr)
{
	struct swapblk_cmd *cmd;
	u64 handle = get_unaligned_be64(hdr);

	spin_lock(&dev->lock);
	list_for_each_entry(cmd, &dev->inflight, list) {
		if (cmd->handle == handle) {
			list_del(&cmd->list);
			spin_unlock(&dev->lock);
			return cmd;
		}
	}
	spin_unlock(&dev->lock);
	return NULL;
}

/* Read one reply: a swap write cannot complete until this succeeds. */
static int swapblk_read_reply(struct swapblk_dev *dev)
{
	unsigned int noreclaim;
	struct swapblk_cmd *cmd;
	void *scratch;
	int ret;

	noreclaim = memalloc_noreclaim_save();
	scratch = kmalloc(SWAPBLK_HDR_LEN, GFP_NOIO);
	if (!scratch) {
		ret = -ENOMEM;
		goto out;
	}
	ret = swapblk_recv(dev, scratch, SWAPBLK_HDR_LEN);
	if (ret < 0)
		goto free;
	cmd = swapblk_find_cmd(dev, scratch);
	if (!cmd) {
		ret = -ENOENT;
		goto free;
	}
	cmd->data = kmalloc(cmd->len, GFP_NOIO);
	if (!cmd->data) {
		ret = -ENOMEM;
		goto free;
	}
	ret = swapblk_recv(dev, cmd->data, cmd->len);
free:
	kfree(scratch);
out:
	memalloc_noreclaim_restore(noreclaim);
	return ret;
}

static void swapblk_complete(struct swapblk_cmd *cmd)
{
	kfree(cmd->data);
	kmem_cache_free(swapblk_cmd_cache, cmd);
}

/* Refill the receive page, from the socket's data_ready callback. */
static int swapblk_rx_refill(struct swapblk_dev *dev, gfp_t gfp)
{
	struct page *page;

	if (dev->swap)
		gfp |= __GFP_MEMALLOC;
	page = alloc_pages(gfp, dev->rx_order);
	if (!page)
		return -ENOMEM;
	if (dev->rx_page)
		__free_pages(dev->rx_page, dev->rx_order);
	dev->rx_page = page;
	return 0;
}

/* On the swap-out path, through the block layer: linked, not freed here. */
static struct swapblk_cmd *swapblk_new_cmd(struct swapblk_dev *dev, gfp_t gfp)
{
	struct swapblk_cmd *cmd;

	cmd = kmem_cache_zalloc(swapblk_cmd_cache, gfp);
	if (!cmd)
		return NULL;
	spin_lock(&dev->lock);
	list_add_tail(&cmd->list, &dev->inflight);
	spin_unlock(&dev->lock);
	return cmd;
}

/* An open-coded fallback whose object leaves the function. */
static void *swapblk_alloc_hdr(gfp_t gfp)
{
	void *hdr;

	hdr = kmalloc(SWAPBLK_HDR_LEN, gfp | __GFP_NOMEMALLOC | __GFP_NOWARN);
	if (!hdr)
		hdr = kmalloc(SWAPBLK_HDR_LEN, gfp);
	return hdr;
}

static int swapblk_setup(struct swapblk_dev *dev)
{
	dev->hdr = swapblk_alloc_hdr(GFP_KERNEL);
	if (!dev->hdr)
		return -ENOMEM;
	dev->sock->sk->sk_allocation = GFP_NOIO | __GFP_MEMALLOC;
	sk_set_memalloc(dev->sock->sk);
	return swapblk_rx_refill(dev, GFP_KERNEL);
}

static void swapblk_teardown(struct swapblk_dev *dev)
{
	sk_clear_memalloc(dev->sock->sk);
	if (dev->rx_page)
		__free_pages(dev->rx_page, dev->rx_order);
	kfree(dev->hdr);
}

static int __init swapblk_init(void)
{
	swapblk_cmd_cache = KMEM_CACHE(swapblk_cmd, 0);
	return swapblk_cmd_cache ? 0 : -ENOMEM;
}
module_init(swapblk_init);
MODULE_LICENSE("GPL");

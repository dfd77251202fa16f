// SPDX-License-Identifier: GPL-2.0
/*
 * swapblk after cocci/reserve-convert.cocci, with mistakes made by hand
 * afterwards, for cocci/reserve-check.cocci: a plain free of a reserve
 * object, a flag from another object, another group, a charge that an
 * error path keeps.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mem_reserve.h>
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
	bool emerg = false;
	int ret;

	noreclaim = memalloc_noreclaim_save();
	scratch = kmalloc_reserve(SWAPBLK_HDR_LEN, GFP_NOIO, NUMA_NO_NODE,
				  &swapblk_reserve, &emerg);
	if (!scratch) {
		ret = -ENOMEM;
		goto out;
	}
	ret = swapblk_recv(dev, scratch, SWAPBLK_HDR_LEN);
	if (ret == 0) {
		kfree(scratch);
		ret = -EPIPE;
		goto out;
	}
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
	kfree_reserve(scratch, &swapblk_reserve, emerg);
out:
	memalloc_noreclaim_restore(noreclaim);
	return ret;
}

/* Account a reply's data to the group while it waits for the block layer. */
static int swapblk_hold_data(struct swapblk_dev *dev, struct swapblk_cmd *cmd)
{
	if (!mem_reserve_kmalloc_charge(&swapblk_reserve, cmd->len))
		return -ENOMEM;
	if (!swapblk_queue(dev, cmd))
		return -EBUSY;
	return 0;
}

/* negative: the same, right */
static int swapblk_hold_data_ok(struct swapblk_dev *dev,
				struct swapblk_cmd *cmd)
{
	if (!mem_reserve_kmalloc_charge(&swapblk_reserve, cmd->len))
		return -ENOMEM;
	if (!swapblk_queue(dev, cmd)) {
		mem_reserve_kmalloc_uncharge(&swapblk_reserve, cmd->len);
		return -EBUSY;
	}
	return 0;
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
	bool emerg = false;

	if (dev->swap)
		gfp |= __GFP_MEMALLOC;
	page = alloc_pages_reserve(NUMA_NO_NODE, gfp, dev->rx_order,
				   &swapblk_reserve, &emerg);
	if (!page)
		return -ENOMEM;
	if (!swapblk_ready(dev)) {
		free_pages_reserve(page, dev->rx_order, NULL, emerg);
		return -EAGAIN;
	}
	if (dev->rx_page)
		free_pages_reserve(dev->rx_page, dev->rx_order,
				   &swapblk_reserve, dev->rx_page_emerg);
	dev->rx_page = page;
	dev->rx_page_emerg = emerg;
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
		free_pages_reserve(dev->rx_page, dev->rx_order,
				   &swapblk_reserve, dev->swap);
	kfree(dev->hdr);
}

static int __init swapblk_init(void)
{
	swapblk_cmd_cache = KMEM_CACHE(swapblk_cmd, 0);
	return swapblk_cmd_cache ? 0 : -ENOMEM;
}
module_init(swapblk_init);
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0
/* reserve-find-mempool: what each pool pins, and where it is used */
#include <linux/slab.h>
#include <linux/mempool.h>
#include <linux/sched/mm.h>

struct swp {
	mempool_t cmd_pool;
	mempool_t page_pool;
	mempool_t *buf_pool;
};

static struct kmem_cache *swp_cache;
static mempool_t *swp_pool;
static mempool_t *hdr_pool;
static mempool_t *own_pool;

/* listed: a mempool_alloc() in a PF_MEMALLOC section */
static int swp_writeout(struct swp *swp)
{
	unsigned int noreclaim = memalloc_noreclaim_save();
	void *cmd;

	cmd = mempool_alloc(&swp->cmd_pool, GFP_NOIO);
	send(cmd);
	mempool_free(cmd, &swp->cmd_pool);
	memalloc_noreclaim_restore(noreclaim);
	return 0;
}

/* listed with -D fn=swp_rx */
static void *swp_rx(struct swp *swp)
{
	return mempool_alloc(swp->buf_pool, GFP_ATOMIC);
}

/* not listed: outside any reserve path */
static void *swp_ioctl(void)
{
	return mempool_alloc(swp_pool, GFP_KERNEL);
}

/* listed: every pool, what it pins and what replaces it */
static int __init swp_init(struct swp *swp)
{
	int err;

	swp_pool = mempool_create_slab_pool(64, swp_cache);
	hdr_pool = mempool_create_kmalloc_pool(16, sizeof(struct swp));
	own_pool = mempool_create(4, swp_alloc, swp_free, swp_cache);
	swp->buf_pool = mempool_create_kvmalloc_pool(2, 65536);
	err = mempool_init_slab_pool(&swp->cmd_pool, 8, swp_cache);
	if (!err)
		err = mempool_init_page_pool(&swp->page_pool, 32, 2);
	return err;
}

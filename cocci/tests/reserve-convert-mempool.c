// SPDX-License-Identifier: GPL-2.0
/* reserve-convert-mempool: pools, positives and negatives */
#include <linux/slab.h>
#include <linux/mempool.h>

struct req {
	int len;
	char data[64];
};

struct dev {
	mempool_t cmd_pool;
	struct kmem_cache *cmd_cache;
	void *cmd;
	bool cmd_emerg;
};

static struct kmem_cache *req_cache;
static mempool_t *req_pool;
static mempool_t *hdr_pool __read_mostly;
static mempool_t *shared_pool;
static mempool_t *own_pool;
static mempool_t *blk_pool;

/* converted: a local freed on every path */
static int req_send(int len)
{
	struct req *req;
	int ret;

	req = mempool_alloc(req_pool, GFP_NOIO);
	if (!req)
		return -ENOMEM;
	req->len = len;
	ret = send(req);
	mempool_free(req, req_pool);
	return ret;
}

/* converted: a kmalloc pool's local */
static int hdr_send(void)
{
	void *hdr = mempool_alloc(hdr_pool, GFP_NOWAIT);

	if (hdr == NULL)
		return -ENOMEM;
	send(hdr);
	mempool_free(hdr, hdr_pool);
	return 0;
}

/* converted: kept in a field, the flag in -D emerg_field */
static int dev_refill(struct dev *dev)
{
	dev->cmd = mempool_alloc(&dev->cmd_pool, GFP_NOWAIT);
	if (!dev->cmd)
		return -ENOMEM;
	return 0;
}

static void dev_done(struct dev *dev)
{
	mempool_free(dev->cmd, &dev->cmd_pool);
	dev->cmd = NULL;
}

/* left: never tested, it relies on mempool_alloc() never failing */
static void blk_submit(void)
{
	struct req *req = mempool_alloc(blk_pool, GFP_NOIO);

	req->len = 0;
	send(req);
	mempool_free(req, blk_pool);
}

/* left: the pool is used through a pointer elsewhere */
static int shared_get(void)
{
	void *obj = mempool_alloc(shared_pool, GFP_NOWAIT);

	if (!obj)
		return -ENOMEM;
	mempool_free(obj, shared_pool);
	return 0;
}

static mempool_t *shared(void)
{
	return shared_pool;
}

/* left: its own alloc function */
static int own_use(void)
{
	void *obj = mempool_alloc(own_pool, GFP_NOWAIT);

	if (!obj)
		return -ENOMEM;
	mempool_free(obj, own_pool);
	return 0;
}

static int __init pools_init(struct dev *dev)
{
	req_cache = KMEM_CACHE(req, 0);
	if (!req_cache)
		return -ENOMEM;
	req_pool = mempool_create_slab_pool(16, req_cache);
	if (!req_pool)
		goto out_cache;
	hdr_pool = mempool_create_kmalloc_pool(8, sizeof(struct req));
	if (hdr_pool == NULL)
		goto out_req;
	shared_pool = mempool_create_slab_pool(4, req_cache);
	if (!shared_pool)
		goto out_hdr;
	own_pool = mempool_create(2, own_alloc, own_free, NULL);
	if (!own_pool)
		goto out_shared;
	blk_pool = mempool_create_slab_pool(32, req_cache);
	if (!blk_pool)
		goto out_own;
	if (mempool_init_slab_pool(&dev->cmd_pool, 4, dev->cmd_cache))
		goto out_blk;
	return 0;
out_blk:
	mempool_destroy(blk_pool);
out_own:
	mempool_destroy(own_pool);
out_shared:
	mempool_destroy(shared_pool);
out_hdr:
	mempool_destroy(hdr_pool);
out_req:
	mempool_destroy(req_pool);
out_cache:
	kmem_cache_destroy(req_cache);
	return -ENOMEM;
}

static void pools_exit(struct dev *dev)
{
	mempool_exit(&dev->cmd_pool);
	mempool_destroy(blk_pool);
	mempool_destroy(own_pool);
	mempool_destroy(shared_pool);
	mempool_destroy(hdr_pool);
	mempool_destroy(req_pool);
	kmem_cache_destroy(req_cache);
}

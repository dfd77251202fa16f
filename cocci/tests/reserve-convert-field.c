// SPDX-License-Identifier: GPL-2.0
/* reserve-convert: an object kept in a field, freed in other functions */
#include <linux/gfp.h>
#include <linux/slab.h>

struct ring {
	void *slots[64];
	void *buf;
	bool buf_emerg;
	struct kmem_cache *cache;
	unsigned int order;
};

static int ring_refill(struct ring *ring, int node)
{
	ring->buf = kzalloc_node(ring->order, GFP_ATOMIC | __GFP_MEMALLOC, node);
	return ring->buf ? 0 : -ENOMEM;
}

static void ring_drain(struct ring *ring)
{
	kfree(ring->buf);
	ring->buf = NULL;
}

/* negative: another field of the same struct is not touched */
static void ring_free_slots(struct ring *ring)
{
	int i;

	for (i = 0; i < 64; i++)
		kfree(ring->slots[i]);
}

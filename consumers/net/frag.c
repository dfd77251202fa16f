// SPDX-License-Identifier: GPL-2.0
/*
 * IP fragment queues. A queue allocated from the reserves is charged to
 * its protocol's fragment group, and so is the truesize of every
 * emergency (pfmemalloc) fragment it takes in; a fragment the group has
 * no room for is refused (IPFRAG_NOMEM) and dropped for lack of memory,
 * and its queue stays. Each queue keeps what its fragments were charged, under q->lock,
 * and gives it all back when they leave it: flushed, reassembled into
 * one skb (whose head is the SKB data reserve's business) or destroyed
 * with the queue.
 *
 * Only init_net sizes the groups: its ipfrag_high_thresh and
 * ip6frag_high_thresh. Other namespaces charge the same groups and so
 * share their bound; their teardown writes high_thresh = 0 without a
 * handler, which leaves the groups alone, and the queues it flushes give
 * their charges back through inet_frag_destroy() like any other.
 */
#include <linux/printk.h>
#include <linux/sysctl.h>
#include <net/inet_frag.h>
#include <net/net_namespace.h>
#include "internal.h"

/**
 * net_reserve_frag_group - the reserve group of a protocol's fragment cache
 * @family: AF_INET or AF_INET6
 *
 * Return: the group, or NULL for another family.
 */
struct mem_reserve *net_reserve_frag_group(int family)
{
	int i = net_reserve_family(family);

	return i < 0 ? NULL : &net_frag_reserve[i];
}
EXPORT_SYMBOL_GPL(net_reserve_frag_group);

/**
 * inet_frag_reserve_alloc - allocate a zeroed fragment queue
 * @f: the protocol's inet_frags
 *
 * Charges @f's reserve group, if it has one, when the queue comes from
 * the reserves. Atomic context.
 *
 * Return: the queue, or NULL.
 */
struct inet_frag_queue *inet_frag_reserve_alloc(struct inet_frags *f)
{
	struct inet_frag_queue *q;
	bool emerg;

	q = kmem_cache_alloc_reserve(f->frags_cachep, GFP_ATOMIC | __GFP_ZERO,
				     NUMA_NO_NODE, f->reserve, &emerg);
	if (q)
		q->reserve_emerg = emerg;
	return q;
}
EXPORT_SYMBOL_GPL(inet_frag_reserve_alloc);

/**
 * inet_frag_reserve_free - free a fragment queue
 * @f: the protocol's inet_frags
 * @q: the queue, its fragments already released
 *
 * From the queue's RCU callback: never sleeps.
 */
void inet_frag_reserve_free(struct inet_frags *f, struct inet_frag_queue *q)
{
	bool emerg = q->reserve_emerg;

	WARN_ON_ONCE(q->reserve_charged);
	kmem_cache_free_reserve(f->frags_cachep, q, f->reserve, emerg);
}
EXPORT_SYMBOL_GPL(inet_frag_reserve_free);

/**
 * inet_frag_reserve_charge - charge a fragment about to join a queue
 * @q: the queue, locked
 * @skb: the fragment
 *
 * Only emergency fragments are charged, and only while their group is
 * active.
 *
 * Return: the bytes charged, 0 if none were needed, or -ENOMEM if the
 * group has no room: then drop @skb.
 */
long inet_frag_reserve_charge(struct inet_frag_queue *q, struct sk_buff *skb)
{
	struct mem_reserve *res = q->fqdir->f->reserve;
	long bytes = skb->truesize;

	if (!res || !skb_pfmemalloc(skb) || !mem_reserve_connected(res))
		return 0;
	if (!mem_reserve_charge(res, bytes))
		return -ENOMEM;
	q->reserve_charged += bytes;
	return bytes;
}
EXPORT_SYMBOL_GPL(inet_frag_reserve_charge);

/* Give back @bytes of what @q's fragments were charged. */
static void inet_frag_reserve_give_back(struct inet_frag_queue *q, long bytes)
{
	q->reserve_charged -= bytes;
	mem_reserve_uncharge(q->fqdir->f->reserve, bytes);
}

/**
 * inet_frag_reserve_undo - give back the charge of a fragment not queued
 * @q: the queue, locked
 * @charged: what inet_frag_reserve_charge() returned for the fragment
 * @err: why it was not queued
 *
 * Return: @err, for the caller to return.
 */
int inet_frag_reserve_undo(struct inet_frag_queue *q, long charged, int err)
{
	if (charged > 0)
		inet_frag_reserve_give_back(q, charged);
	return err;
}
EXPORT_SYMBOL_GPL(inet_frag_reserve_undo);

/**
 * inet_frag_reserve_release - give back what a queue's fragments were charged
 * @q: the queue, locked or dying, its fragments gone from it
 */
void inet_frag_reserve_release(struct inet_frag_queue *q)
{
	if (q->reserve_charged)
		inet_frag_reserve_give_back(q, q->reserve_charged);
}
EXPORT_SYMBOL_GPL(inet_frag_reserve_release);

/**
 * inet_frag_reserve_cache_add - name a protocol's queue cache to its group
 * @f: the protocol's inet_frags, whose queue cache was just created
 *
 * The group is charged for emergency queues besides fragments, so while
 * it is connected the root holds the per-CPU slabs of the queue cache
 * too. Called before the group is sized: the pernet init sizes it.
 * Process context.
 */
void inet_frag_reserve_cache_add(struct inet_frags *f)
{
	if (!f->reserve)
		return;
	/*
	 * A cache merged into a kmalloc cache has its slabs held twice,
	 * which over-reserves and is safe. A cache named already would mean
	 * a fini that did not unname the last one, now destroyed: the group
	 * could name a second, so the add alone would not say so.
	 */
	mutex_lock(&net_reserve_size_lock);
	WARN_ON_ONCE(f->reserve->extra_caches[0]);
	WARN_ON_ONCE(mem_reserve_kmem_cache_add(f->reserve, f->frags_cachep));
	mutex_unlock(&net_reserve_size_lock);
}

/**
 * inet_frag_reserve_cache_remove - before a protocol's queue cache goes
 * @f: the protocol's inet_frags, its queues all freed
 *
 * Sizes the group to nothing and unnames the cache, so that the root
 * holds no slabs of a destroyed cache and the next inet_frags_init() can
 * name a new one: a sized group refuses it. Only IPv6 gets here, when
 * inet6_init() fails after its fragment init, and a later load runs the
 * init again. Process context.
 */
void inet_frag_reserve_cache_remove(struct inet_frags *f)
{
	if (!f->reserve)
		return;
	mutex_lock(&net_reserve_size_lock);
	WARN_ON_ONCE(net_reserve_size_frag(f->reserve, 0));
	mem_reserve_kmem_cache_add(f->reserve, NULL);
	mutex_unlock(&net_reserve_size_lock);
}

/**
 * inet_frag_reserve_size - size a fragment group from a new fqdir
 * @fqdir: a namespace's fragment directory, its high_thresh just set
 *
 * Only init_net's sizes the group. Called from the pernet init, so also
 * when IPv6 is a module loaded late. Process context.
 */
void inet_frag_reserve_size(struct fqdir *fqdir)
{
	struct mem_reserve *res = fqdir->f->reserve;
	int err;

	if (!res || fqdir->net != &init_net)
		return;
	mutex_lock(&net_reserve_size_lock);
	err = net_reserve_size_frag(res, fqdir->high_thresh);
	mutex_unlock(&net_reserve_size_lock);
	if (err)
		pr_warn("net_reserve: cannot size the %s: %d\n", res->name, err);
}
EXPORT_SYMBOL_GPL(inet_frag_reserve_size);

/**
 * inet_frag_high_thresh_sysctl - ipfrag_high_thresh / ip6frag_high_thresh
 * @table: the sysctl; its data is a fqdir's high_thresh
 * @write: whether this is a write
 * @buffer: as proc_doulongvec_minmax()
 * @lenp: as proc_doulongvec_minmax()
 * @ppos: as proc_doulongvec_minmax()
 *
 * In init_net a write resizes the protocol's fragment group first; if the
 * reserve cannot grow, the write fails with -ENOMEM and the old value
 * stays.
 *
 * Return: 0 or a negative errno.
 */
int inet_frag_high_thresh_sysctl(const struct ctl_table *table, int write,
				 void *buffer, size_t *lenp, loff_t *ppos)
{
	struct fqdir *fqdir = container_of((long *)table->data, struct fqdir,
					   high_thresh);
	struct mem_reserve *res = fqdir->f->reserve;
	struct ctl_table tmp = *table;
	unsigned long val;
	int err;

	if (!write || !res || fqdir->net != &init_net)
		return proc_doulongvec_minmax(table, write, buffer, lenp, ppos);

	mutex_lock(&net_reserve_size_lock);
	val = READ_ONCE(fqdir->high_thresh);
	tmp.data = &val;
	err = proc_doulongvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (!err && val != fqdir->high_thresh) {
		err = net_reserve_size_frag(res, val);
		if (!err)
			WRITE_ONCE(fqdir->high_thresh, val);
	}
	mutex_unlock(&net_reserve_size_lock);
	return err;
}
EXPORT_SYMBOL_GPL(inet_frag_high_thresh_sysctl);

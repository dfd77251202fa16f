// SPDX-License-Identifier: GPL-2.0
/* Input for 30-ip-frags.cocci: converted in part; the rest is finished, once. */
#include <net/inet_frag.h>
#include <net/net_reserve.h>

struct inet_frag_queue {
	spinlock_t lock;	/* protects the fragments */
	struct fqdir *fqdir;
	/**
	 * @reserve_charged: bytes the fragments held here are charged to
	 *	fqdir->f->reserve (mem_reserve)
	 */
	long reserve_charged;
	/** @reserve_emerg: this queue itself is charged there */
	bool reserve_emerg;
	struct rcu_head rcu;
};

struct inet_frags {
	unsigned int qsize;
	struct kmem_cache *frags_cachep;
	/* Charged for emergency queues and fragments (mem_reserve), or NULL */
	struct mem_reserve *reserve;
	const char *frags_cache_name;
};

int inet_frags_init(struct inet_frags *f)
{
	f->frags_cachep = kmem_cache_create(f->frags_cache_name, f->qsize, 0, 0,
					    NULL);
	if (!f->frags_cachep)
		return -ENOMEM;
	inet_frag_reserve_cache_add(f);

	refcount_set(&f->refcnt, 1);
	init_completion(&f->completion);
	return 0;
}

void inet_frags_fini(struct inet_frags *f)
{
	if (refcount_dec_and_test(&f->refcnt))
		complete(&f->completion);

	wait_for_completion(&f->completion);

	kmem_cache_destroy(f->frags_cachep);
	f->frags_cachep = NULL;
}

static void frag_free_rcu(struct rcu_head *head)
{
	struct inet_frag_queue *q = container_of(head, struct inet_frag_queue, rcu);
	struct inet_frags *f = q->fqdir->f;

	kmem_cache_free(f->frags_cachep, q);
}

void inet_frag_destroy(struct inet_frag_queue *q)
{
	unsigned int sum;

	sum = inet_frag_rbtree_purge(&q->rb_fragments, SKB_CONSUMED);
	inet_frag_reserve_release(q);
	call_rcu(&q->rcu, frag_free_rcu);
	sub_frag_mem_limit(q->fqdir, sum);
}

static struct inet_frag_queue *frag_alloc(struct fqdir *fqdir,
					  struct inet_frags *f)
{
	struct inet_frag_queue *q;

	q = inet_frag_reserve_alloc(f);
	if (!q)
		return NULL;
	q->fqdir = fqdir;
	return q;
}

int inet_frag_queue_insert(struct inet_frag_queue *q, struct sk_buff *skb,
			   int offset, int end)
{
	struct sk_buff *last = q->fragments_tail;
	long charged = inet_frag_reserve_charge(q, skb);

	/* No room in the reserve: drop this fragment, keep the queue */
	if (charged < 0)
		return IPFRAG_NOMEM;

	if (last && offset < run_end(last))
		return inet_frag_reserve_undo(q, charged, IPFRAG_OVERLAP);
	if (last && is_dup(q, offset, end))
		return inet_frag_reserve_undo(q, charged, IPFRAG_DUP);
	add_run(q, skb);
	return IPFRAG_OK;
}

void inet_frag_reasm_finish(struct inet_frag_queue *q, struct sk_buff *head)
{
	int sum_truesize = link_fragments(q, head);

	sub_frag_mem_limit(q->fqdir, sum_truesize);
	head->prev = NULL;
}

static struct ctl_table frags_table[] = {
	{
		.procname	= "ipfrag_high_thresh",
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= inet_frag_high_thresh_sysctl,
	},
	{
		.procname	= "ipfrag_low_thresh",
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
	},
};

static int ip_frag_queue(struct ipq *qp, struct sk_buff *skb)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	int err;

	err = inet_frag_queue_insert(&qp->q, skb, 0, skb->len);
	if (err)
		goto insert_error;
	return 0;

insert_error:
	if (err == IPFRAG_DUP) {
		SKB_DR_SET(reason, DUP_FRAG);
		err = -EINVAL;
		goto err;
	}
	err = -EINVAL;
	inet_frag_kill(&qp->q);
err:
	kfree_skb_reason(skb, reason);
	return err;
}

static int __net_init ipv4_frags_init_net(struct net *net)
{
	int res = fqdir_init(&net->ipv4.fqdir, &ip4_frags, net);

	if (res < 0)
		return res;
	net->ipv4.fqdir->high_thresh = 4 * 1024 * 1024;
	net->ipv4.fqdir->low_thresh = 3 * 1024 * 1024;
	return 0;
}

void fqdir_pre_exit(struct fqdir *fqdir)
{
	WRITE_ONCE(fqdir->high_thresh, 0);
}

void __init ipfrag_init(void)
{
	ip4_frags.qsize = sizeof(struct ipq);
	ip4_frags.reserve = net_reserve_frag_group(AF_INET);
	ip4_frags.frag_expire = ip_expire;
}

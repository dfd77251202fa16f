/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The network stack's reserve groups: what receive skb heads, IP fragment
 * queues, dst entries and neighbour entries may take from the emergency
 * reserves while a SOCK_MEMALLOC socket exists. The calls below are what
 * the Coccinelle conversions (cocci/NN-*.cocci) put into the stack.
 *
 * See Documentation/networking/net_reserve.rst.
 */
#ifndef _NET_NET_RESERVE_H
#define _NET_NET_RESERVE_H

#include <linux/bits.h>
#include <linux/mem_reserve.h>
#include <linux/skbuff.h>
#include <net/sock.h>

struct ctl_table;
struct dst_entry;
struct dst_ops;
struct fqdir;
struct inet_frag_queue;
struct inet_frags;
struct neighbour;
struct rpc_xprt;

/*
 * skb_shared_info::flags bits: this head was charged to a network group,
 * to the TX reserve if SKBFL_RESERVE_TX is set too, else to the SKB data
 * reserve; with SKBFL_RESERVE_SKB, the charge includes the sk_buff that
 * __alloc_skb() made with the head (net_reserve_skb_struct_mark()). They
 * live with the head, so every clone sharing the head sees them, and only
 * the free of the last reference uncharges. The top bits, away from the
 * SKBFL_* bits skbuff.h allocates from the bottom.
 */
#define SKBFL_RESERVE		BIT(7)
#define SKBFL_RESERVE_TX	BIT(6)
#define SKBFL_RESERVE_SKB	BIT(5)
#define SKBFL_RESERVE_MASK	(SKBFL_RESERVE | SKBFL_RESERVE_TX | \
				 SKBFL_RESERVE_SKB)
static_assert(!(SKBFL_RESERVE_MASK & (SKBFL_ALL_ZEROCOPY | SKBFL_SHARED_FRAG)));

/*
 * sk_buff::fclone of a clone from skbuff_cache (otherwise an
 * SKB_FCLONE_UNAVAILABLE one) that is charged to the TX reserve on its
 * own (net_reserve_skb_clone_mark()): the field's one value skbuff.h
 * leaves free. kfree_skbmem() and the NAPI cache's put give the charge
 * back (net_reserve_skb_clone_free()), and skbuff.c's other frees of a
 * plain sk_buff go through kfree_skbmem(), or test for
 * SKB_FCLONE_UNAVAILABLE first and send any other value there.
 */
#define SKB_FCLONE_RESERVE_TX	(SKB_FCLONE_CLONE + 1)
static_assert(SKB_FCLONE_RESERVE_TX == 3);

/*
 * __alloc_skb() flags of a copy (skb_alloc_rx_flag()): the direction of
 * the head it copies, which the copy is charged as if it comes from the
 * reserves. Neither changes what the allocation may use: skbuff.c asks
 * for SKB_ALLOC_RX, and so for the reserves, for the copy of any
 * pfmemalloc skb, a memalloc socket's transmit skb included, and not for
 * a receive head charged without being pfmemalloc (one the normal attempt
 * got from a slab made from the reserves).
 */
#define SKB_ALLOC_RESERVE_TX	0x80
#define SKB_ALLOC_RESERVE_RX	0x40
static_assert(!((SKB_ALLOC_RESERVE_TX | SKB_ALLOC_RESERVE_RX) &
		(SKB_ALLOC_FCLONE | SKB_ALLOC_RX | SKB_ALLOC_NAPI)));

/**
 * net_reserve_skb_slab_head - a driver allocator's slab head in place of a
 *	page fragment
 * @frag: the fragment to give back, or NULL
 * @size: the head's size, without its skb_shared_info
 * @gfp: the driver allocator's flags
 * @flags: its __alloc_skb() flags (SKB_ALLOC_RX, and SKB_ALLOC_NAPI from
 *	napi_alloc_skb())
 *
 * The fragment goes back first: if it was a share of a page from the
 * reserves, that share is free again before the slab head may dip into
 * them. Any context the driver allocator may be called in.
 *
 * Return: the skb, or NULL.
 */
static inline struct sk_buff *net_reserve_skb_slab_head(void *frag,
							unsigned int size,
							gfp_t gfp, int flags)
{
	if (frag)
		skb_free_frag(frag);
	return __alloc_skb(size, gfp, flags, NUMA_NO_NODE);
}

/**
 * net_reserve_skb_alloc_tx - whether __alloc_skb() makes a transmit head
 * @flags: its SKB_ALLOC_* flags
 *
 * Receive heads are those the driver allocators ask for (SKB_ALLOC_RX,
 * which is also what mainline gives __GFP_MEMALLOC for) and copies of
 * receive skbs; every other head that dips into the reserves is on its way
 * out (a socket's send, an ACK, a reply) and is charged to the TX reserve,
 * so that a stuck transmit queue cannot take the room receive needs.
 *
 * Return: true for a transmit head.
 */
static inline bool net_reserve_skb_alloc_tx(int flags)
{
	if (flags & SKB_ALLOC_RESERVE_TX)
		return true;
	return !(flags & (SKB_ALLOC_RX | SKB_ALLOC_RESERVE_RX));
}

/**
 * net_reserve_skb_tx - whether a new head for @skb is a transmit head
 * @skb: the skb whose head is expanded, carved or copied
 *
 * A charged head's copy goes where the head went; an uncharged one is a
 * receive head if it came from the reserves (skb->pfmemalloc: what
 * mainline's copies test too), a transmit head otherwise.
 *
 * Return: true for a transmit head.
 */
static inline bool net_reserve_skb_tx(const struct sk_buff *skb)
{
	u8 flags = skb_shinfo(skb)->flags;

	if (flags & SKBFL_RESERVE)
		return flags & SKBFL_RESERVE_TX;
	return !skb_pfmemalloc(skb);
}

/**
 * net_reserve_alloc_rx_skb - alloc_skb() for received data
 * @size: the head's size
 * @gfp: allocation flags
 *
 * For the skbs the receive path makes to hold what it received, such as
 * tcp_collapse()'s copies of a receive queue and strparser's message
 * skbs: alloc_skb() would make their heads transmit heads
 * (net_reserve_skb_alloc_tx()). What the allocation
 * may use is alloc_skb()'s: the reserves only under PF_MEMALLOC, which
 * the receive path sets while it processes an emergency skb.
 *
 * Return: the skb, or NULL.
 */
static inline struct sk_buff *
net_reserve_alloc_rx_skb(unsigned int size, gfp_t gfp)
{
	return __alloc_skb(size, gfp, SKB_ALLOC_RESERVE_RX, NUMA_NO_NODE);
}

/**
 * net_reserve_skb_copy_flag - the direction flag of a copy of @skb
 * @skb: the skb being copied
 *
 * Return: SKB_ALLOC_RESERVE_TX if a new head for @skb is a transmit head
 * (net_reserve_skb_tx()), else SKB_ALLOC_RESERVE_RX.
 */
static inline int net_reserve_skb_copy_flag(const struct sk_buff *skb)
{
	return net_reserve_skb_tx(skb) ? SKB_ALLOC_RESERVE_TX : SKB_ALLOC_RESERVE_RX;
}

/**
 * net_reserve_skb_head_flags - the SKBFL_RESERVE* bits of a new head
 * @charged: whether its allocation was charged
 * @tx: whether it was charged to the TX reserve
 *
 * Return: the bits for net_reserve_skb_head_mark().
 */
static inline u8 net_reserve_skb_head_flags(bool charged, bool tx)
{
	if (!charged)
		return 0;
	return tx ? SKBFL_RESERVE | SKBFL_RESERVE_TX : SKBFL_RESERVE;
}

/**
 * net_reserve_skb_head_mark - record where a new head is charged
 * @shinfo: the head's shared info, after it was initialised or copied
 * @reserve: its SKBFL_RESERVE* bits, from net_reserve_skb_head_flags()
 */
static inline void net_reserve_skb_head_mark(struct skb_shared_info *shinfo,
					     u8 reserve)
{
	shinfo->flags = (shinfo->flags & ~SKBFL_RESERVE_MASK) | reserve;
}

/*
 * alloc_skb_with_frags() with __alloc_skb() flags for its head: a
 * driver's receive refill asks for SKB_ALLOC_RX (cocci/60-rx-refill), a
 * copy of received data for SKB_ALLOC_RESERVE_RX (cocci/25-skb-rx-copies).
 */
struct sk_buff *__alloc_skb_with_frags(unsigned long header_len,
				       unsigned long data_len, int order,
				       int *errcode, gfp_t gfp_mask, int flags);

/*
 * pskb_expand_head() with the direction of the new head as an
 * SKB_ALLOC_RESERVE_* flag; pskb_expand_head() passes the direction of
 * @skb's head (net_reserve_skb_copy_flag()).
 */
int __pskb_expand_head(struct sk_buff *skb, int nhead, int ntail,
		       gfp_t gfp_mask, int flags);

/**
 * net_reserve_skb_unclone - skb_unclone() into a head of a given direction
 * @skb: the skb to give a head of its own
 * @gfp: allocation flags
 * @dir: SKB_ALLOC_RESERVE_RX or SKB_ALLOC_RESERVE_TX: the direction of
 *	the new head, unless @skb's own head was charged
 *
 * IP reassembly unclones the first fragment of the datagram it completes.
 * One that came with normal memory has an uncharged head that is not
 * pfmemalloc, for which pskb_expand_head() would make a transmit head,
 * refused while a stuck transmit queue holds the TX reserve full, even for
 * a received datagram. Reassembly knows the datagram's direction: received,
 * unless the fragment that completes it is still owned by its local
 * sender (conntrack's defragmentation on output, and conntrack on the way
 * out of the sender's own stack, such as tc's act_ct on egress). A charged
 * head keeps the direction it was charged for.
 *
 * Return: 0, or -ENOMEM if the new head could not be allocated.
 */
static inline int net_reserve_skb_unclone(struct sk_buff *skb, gfp_t gfp,
					  int dir)
{
	might_sleep_if(gfpflags_allow_blocking(gfp));
	if (!skb_cloned(skb))
		return 0;
	if (skb_shinfo(skb)->flags & SKBFL_RESERVE)
		dir = net_reserve_skb_copy_flag(skb);
	return __pskb_expand_head(skb, 0, 0, gfp, dir);
}

/*
 * inet_frag_queue_insert() return: the fragment reserve had no room for
 * this fragment. Its caller drops it (SKB_DROP_REASON_NOMEM) and keeps the
 * queue, which may still complete or time out.
 */
#define IPFRAG_NOMEM		3

/* dst_entry::flags bit: charged to its family's route reserve. */
#define DST_RESERVE		0x8000

#if IS_ENABLED(CONFIG_NET_MEM_RESERVE)
extern struct mem_reserve net_skb_reserve;
extern struct mem_reserve net_tx_reserve;
extern struct mem_reserve net_neigh_reserve;

/* The group a head is charged to: see net_reserve_skb_alloc_tx(). */
static inline struct mem_reserve *net_reserve_skb_group(bool tx)
{
	return tx ? &net_tx_reserve : &net_skb_reserve;
}

/**
 * net_reserve_neigh_group - the group neighbour entries are charged to
 *
 * Return: the neighbour reserve; NULL when the network reserve is
 * configured out, so that entries take from the reserves as in mainline.
 */
static inline struct mem_reserve *net_reserve_neigh_group(void)
{
	return &net_neigh_reserve;
}

void net_reserve_neigh_free(struct neighbour *n);

/**
 * net_reserve_frag_gfp - the gfp flags of a page-fragment receive head
 * @gfp: the driver allocator's flags
 *
 * A page-fragment head can be stolen into another skb's frags and freed
 * with no skb in sight, so it cannot be charged. While receive heads may
 * use the reserves (a memalloc socket exists) the fragment cache is kept
 * off them, and a head it cannot serve with normal memory comes from a
 * slab instead (net_reserve_frag_head_needs_slab()).
 *
 * Its failure is not the last attempt, so it does not warn.
 *
 * Return: @gfp, with __GFP_NOMEMALLOC and __GFP_NOWARN instead of
 * __GFP_MEMALLOC while a SOCK_MEMALLOC socket exists.
 */
static inline gfp_t net_reserve_frag_gfp(gfp_t gfp)
{
	if (sk_memalloc_socks())
		return (gfp & ~__GFP_MEMALLOC) | __GFP_NOMEMALLOC | __GFP_NOWARN;
	return gfp;
}

/**
 * net_reserve_frag_head_needs_slab - whether a receive head must be a slab
 *	head rather than this fragment
 * @data: what the fragment cache gave, or NULL
 * @pfmemalloc: the cache's page came from the reserves
 * @len: the head's size
 *
 * While a memalloc socket exists a receive head that the fragment cache
 * could not serve with normal memory (none, a page left from the reserves,
 * or a forced emergency) is made from a slab, where it may use the
 * reserves and be charged. Otherwise the fragment head stays, as in
 * mainline.
 *
 * Return: true to replace @data by net_reserve_skb_slab_head().
 */
static inline bool net_reserve_frag_head_needs_slab(const void *data,
						    bool pfmemalloc,
						    unsigned int len)
{
	return sk_memalloc_socks() &&
	       unlikely(!data || pfmemalloc || mem_reserve_should_fail_normal(len));
}

size_t net_reserve_skb_head_size(const void *head, unsigned int end_offset);
void __net_reserve_skb_head_free(void *head, unsigned int end_offset);
u8 __net_reserve_skb_struct_mark(const struct sk_buff *skb, int flags,
				 u8 reserve);
u8 __net_reserve_skb_fclone_mark(const struct sk_buff_fclones *fclones,
				 u8 reserve);
void __net_reserve_skb_free_beside(struct kmem_cache *s, void *obj, u8 reserve);
bool __net_reserve_skb_clone_mark(const struct sk_buff *n);

/**
 * net_reserve_skb_struct_mark - charge a new skb's sk_buff with its head
 * @skb: the skb __alloc_skb() made
 * @flags: the SKB_ALLOC_* flags it was made with
 * @reserve: the SKBFL_RESERVE* bits of its head, just allocated
 *
 * Charges the sk_buff too if the head was charged and the sk_buff lies in
 * a slab made from the reserves (__net_reserve_skb_struct_mark()).
 *
 * Return: @reserve, with SKBFL_RESERVE_SKB if the sk_buff was charged.
 */
static inline u8 net_reserve_skb_struct_mark(const struct sk_buff *skb,
					     int flags, u8 reserve)
{
	if (likely(!(reserve & SKBFL_RESERVE)))
		return reserve;
	return __net_reserve_skb_struct_mark(skb, flags, reserve);
}

/**
 * net_reserve_skb_head_free - free a slab skb head
 * @head: the head
 * @end_offset: where its skb_shared_info lies
 *
 * Uncharges the group the head was charged to, if any. Any context.
 */
static inline void net_reserve_skb_head_free(void *head,
					     unsigned int end_offset)
{
	const struct skb_shared_info *shinfo = head + end_offset;

	if (unlikely(shinfo->flags & SKBFL_RESERVE))
		__net_reserve_skb_head_free(head, end_offset);
	else
		kfree(head);
}

/**
 * net_reserve_skb_fclone_mark - charge a new fclone pair with its head
 * @fclones: the pair __alloc_skb() made, its first skb's head marked
 *
 * Charges the pair to its head's group if the head was charged (its
 * shared info's SKBFL_RESERVE* bits) and the pair lies in a slab made
 * from the reserves
 * (__net_reserve_skb_fclone_mark()). The pair keeps a charge of its own,
 * given back when it is freed: the head's free cannot tell a pair from a
 * plain sk_buff, and the pair may go before the head's last reference or
 * after it.
 *
 * Return: what the pair keeps in sk_buff_fclones::reserve, the group's
 * SKBFL_RESERVE* bits if it was charged, else 0.
 */
static inline u8 net_reserve_skb_fclone_mark(const struct sk_buff_fclones *fclones)
{
	u8 reserve = skb_shinfo(&fclones->skb1)->flags;

	if (likely(!(reserve & SKBFL_RESERVE)))
		return 0;
	return __net_reserve_skb_fclone_mark(fclones, reserve);
}

/**
 * net_reserve_skb_fclone_free - free an fclone pair
 * @s: skbuff_fclone_cache
 * @fclones: the pair, both of its skbs gone
 *
 * kmem_cache_free(), which gives the pair's charge back, if it has one.
 * Any context. A macro: the byte it reads is added to struct
 * sk_buff_fclones with the conversion of skbuff.c, after this header.
 */
#define net_reserve_skb_fclone_free(s, fclones)				\
do {									\
	struct sk_buff_fclones *__fclones = (fclones);			\
	struct kmem_cache *__s = (s);					\
									\
	if (unlikely(__fclones->reserve & SKBFL_RESERVE))		\
		__net_reserve_skb_free_beside(__s, __fclones,		\
					      __fclones->reserve);	\
	else								\
		kmem_cache_free(__s, __fclones);			\
} while (0)

/**
 * net_reserve_skb_clone_mark - charge a new clone's sk_buff
 * @n: the clone, from skbuff_cache, allocated with @skb's flags
 * @skb: what it clones
 *
 * A clone of an skb whose head is charged to the TX reserve, allocated
 * with the sender's flags (skb_clone() adds __GFP_MEMALLOC for a
 * pfmemalloc skb), is charged to the TX reserve on its own if it lies in
 * a slab made from the reserves (__net_reserve_skb_clone_mark()): its
 * head's shared info counts one sk_buff at most, and the clone may
 * outlive the head or go before it. A receive skb's clone is not
 * counted.
 *
 * Return: true if @n was charged, and is to be marked
 * SKB_FCLONE_RESERVE_TX.
 */
static inline bool net_reserve_skb_clone_mark(const struct sk_buff *n,
					      const struct sk_buff *skb)
{
	const u8 tx = SKBFL_RESERVE | SKBFL_RESERVE_TX;

	if (likely((skb_shinfo(skb)->flags & tx) != tx))
		return false;
	return __net_reserve_skb_clone_mark(n);
}

/**
 * net_reserve_skb_clone_free - free a charged clone, uncharge it
 * @s: skbuff_cache
 * @n: a clone marked SKB_FCLONE_RESERVE_TX, released
 *
 * kmem_cache_free() for the frees of a plain sk_buff, which test the mark
 * first. Any context.
 */
static inline void net_reserve_skb_clone_free(struct kmem_cache *s,
					      struct sk_buff *n)
{
	__net_reserve_skb_free_beside(s, n, SKBFL_RESERVE | SKBFL_RESERVE_TX);
}

/**
 * net_reserve_dst_stale - whether a cached route is to be replaced
 * @dst: a route found in a cache: an IPv4 nexthop's or exception's, an
 *	IPv6 per-CPU route, or a socket's; an IPv6 exception route, which
 *	no lookup replaces, is kept instead (net_reserve_dst_keep())
 *
 * A route made in an emergency is charged to its family's group, and a
 * cache would keep it, with its charge, until the route changes: each
 * emergency on another CPU or nexthop would pin more of the group. Once
 * normal memory is back the next lookup replaces it by a route from
 * normal memory, and the old one gives its charge back when its last
 * user drops it. While memory is short it stays in use, as in mainline:
 * a new one would only take another charge. The new one is not charged
 * even if it comes from the slab the old one came from: with normal
 * memory back, the wrappers charge only what the reserves serve.
 *
 * Return: true if @dst is charged and normal memory is back.
 */
static inline bool net_reserve_dst_stale(const struct dst_entry *dst)
{
	return unlikely(READ_ONCE(dst->flags) & DST_RESERVE) &&
	       mem_reserve_normal_memory();
}

struct mem_reserve *net_reserve_dst_group(const struct dst_ops *ops);
void net_reserve_dst_register(struct dst_ops *ops);
void net_reserve_dst_unregister(struct dst_ops *ops);
void net_reserve_dst_mark(struct dst_entry *dst, bool charged);
void net_reserve_dst_keep(struct dst_entry *dst);
void net_reserve_dst_free(struct dst_entry *dst);

struct mem_reserve *net_reserve_frag_group(int family);
void inet_frag_reserve_cache_add(struct inet_frags *f);
void inet_frag_reserve_cache_remove(struct inet_frags *f);
void inet_frag_reserve_size(struct fqdir *fqdir);
struct inet_frag_queue *inet_frag_reserve_alloc(struct inet_frags *f);
void inet_frag_reserve_free(struct inet_frags *f, struct inet_frag_queue *q);
long inet_frag_reserve_charge(struct inet_frag_queue *q, struct sk_buff *skb);
int inet_frag_reserve_undo(struct inet_frag_queue *q, long charged, int err);
void inet_frag_reserve_release(struct inet_frag_queue *q);
int inet_frag_high_thresh_sysctl(const struct ctl_table *table, int write,
				 void *buffer, size_t *lenp, loff_t *ppos);

void net_reserve_memalloc_socks_changed(void);

bool __net_reserve_frag_refill(unsigned int sz, struct page_frag *pfrag,
			       struct sock *sk, unsigned long caller);

/**
 * net_reserve_frag_refill - skb_page_frag_refill() for a socket's sends
 * @sz: the bytes it needs at least
 * @pfrag: the socket's page fragment, sk_page_frag(@sk)
 * @sk: the socket, whose sk_allocation the refill uses
 *
 * A memalloc socket's sends copy their payload into its own page
 * fragment (@sk->sk_frag), which its sk_allocation lets come from the
 * reserves. Such a page is charged to "TX pages" when the socket takes
 * it, until it is freed (__net_reserve_frag_refill()). Any other socket,
 * and a fragment of the task's, refill as in mainline.
 *
 * The arguments are skb_page_frag_refill()'s, with the socket in place of
 * its flags, so that converting a call changes its name and last argument
 * only.
 *
 * Return: true if @pfrag has room for @sz bytes.
 */
static inline bool net_reserve_frag_refill(unsigned int sz,
					   struct page_frag *pfrag,
					   struct sock *sk)
{
	if (likely(!sock_flag(sk, SOCK_MEMALLOC) || pfrag != &sk->sk_frag))
		return skb_page_frag_refill(sz, pfrag, sk->sk_allocation);
	return __net_reserve_frag_refill(sz, pfrag, sk, _RET_IP_);
}

#else /* !CONFIG_NET_MEM_RESERVE */
/*
 * The network reserve configured out: the converted call sites get no
 * group, so the wrappers take from the reserves as mainline does, and
 * the helpers are what mainline did in their place.
 */
static inline gfp_t net_reserve_frag_gfp(gfp_t gfp)
{
	return gfp;
}

static inline bool net_reserve_frag_head_needs_slab(const void *data,
						    bool pfmemalloc,
						    unsigned int len)
{
	return false;
}

static inline struct mem_reserve *net_reserve_neigh_group(void)
{
	return NULL;
}

/* a macro: struct neighbour is not defined here (net/neighbour.h) */
#define net_reserve_neigh_free(n)	kfree_rcu(n, rcu)

static inline void net_reserve_skb_head_free(void *head,
					     unsigned int end_offset)
{
	kfree(head);
}

static inline u8 net_reserve_skb_struct_mark(const struct sk_buff *skb,
					     int flags, u8 reserve)
{
	return reserve;
}

static inline u8 net_reserve_skb_fclone_mark(const struct sk_buff_fclones *fclones)
{
	return 0;
}

static inline void net_reserve_skb_fclone_free(struct kmem_cache *s,
					       struct sk_buff_fclones *fclones)
{
	kmem_cache_free(s, fclones);
}

static inline bool net_reserve_skb_clone_mark(const struct sk_buff *n,
					      const struct sk_buff *skb)
{
	return false;
}

static inline void net_reserve_skb_clone_free(struct kmem_cache *s,
					      struct sk_buff *n)
{
	kmem_cache_free(s, n);
}

static inline bool net_reserve_dst_stale(const struct dst_entry *dst)
{
	return false;
}

static inline struct mem_reserve *net_reserve_dst_group(const struct dst_ops *ops)
{
	return NULL;
}

static inline void net_reserve_dst_register(struct dst_ops *ops)
{
}

static inline void net_reserve_dst_unregister(struct dst_ops *ops)
{
}

static inline void net_reserve_dst_mark(struct dst_entry *dst, bool charged)
{
}

static inline void net_reserve_dst_keep(struct dst_entry *dst)
{
}

static inline void net_reserve_dst_free(struct dst_entry *dst)
{
	kmem_cache_free(dst->ops->kmem_cachep, dst);
}

static inline struct mem_reserve *net_reserve_frag_group(int family)
{
	return NULL;
}

static inline void inet_frag_reserve_cache_add(struct inet_frags *f)
{
}

static inline void inet_frag_reserve_cache_remove(struct inet_frags *f)
{
}

static inline void inet_frag_reserve_size(struct fqdir *fqdir)
{
}

/* macros: struct inet_frags is not defined here (net/inet_frag.h) */
#define inet_frag_reserve_alloc(f)					\
	((struct inet_frag_queue *)kmem_cache_zalloc((f)->frags_cachep,	\
						     GFP_ATOMIC))
#define inet_frag_reserve_free(f, q)	kmem_cache_free((f)->frags_cachep, q)

static inline long inet_frag_reserve_charge(struct inet_frag_queue *q,
					    struct sk_buff *skb)
{
	return 0;
}

static inline int inet_frag_reserve_undo(struct inet_frag_queue *q,
					 long charged, int err)
{
	return err;
}

static inline void inet_frag_reserve_release(struct inet_frag_queue *q)
{
}

#define inet_frag_high_thresh_sysctl	proc_doulongvec_minmax

static inline void net_reserve_memalloc_socks_changed(void)
{
}

static inline bool net_reserve_frag_refill(unsigned int sz,
					   struct page_frag *pfrag,
					   struct sock *sk)
{
	return skb_page_frag_refill(sz, pfrag, sk->sk_allocation);
}
#endif /* CONFIG_NET_MEM_RESERVE */

/**
 * net_reserve_skb_kmalloc - allocate a kmalloc skb head
 * @size: bytes, as kmalloc_size_roundup() left them
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @tx: a transmit head (net_reserve_skb_alloc_tx()), else a receive head
 * @pfmemalloc: set when the attempt with the reserves served the head
 * @charged: set when the head is charged to its group
 * @caller: the address slab debugging attributes the head to
 *
 * skbuff.c's two attempts: quietly without the reserves, then, for a
 * caller entitled to them, with them, charged to the TX reserve for a
 * transmit head and to the SKB data reserve for a receive head.
 * *@pfmemalloc keeps mainline's meaning, which skb->pfmemalloc is set from
 * and sockets without SOCK_MEMALLOC drop. *@charged says the head is
 * counted in the reserve and is given back at its free; that is also the
 * case for a head the first attempt got from a slab made from the
 * reserves, which mainline does not mark and any socket takes. With the
 * network reserve configured out nothing is charged.
 *
 * Return: the head, or NULL.
 */
static __always_inline void *
net_reserve_skb_kmalloc_noprof(size_t size, gfp_t flags, int node, bool tx,
			       bool *pfmemalloc, bool *charged,
			       unsigned long caller)
{
	*charged = false;
	*pfmemalloc = false;
	if (likely(!mem_reserve_may_use_reserves(flags)))
		return kmalloc_node_track_caller_noprof(size, flags | __GFP_NOWARN,
							node, caller);
#if IS_ENABLED(CONFIG_NET_MEM_RESERVE)
	return __kmalloc_reserve_noprof(size, flags, node, net_reserve_skb_group(tx),
					charged, pfmemalloc, caller);
#else
	return kmalloc_reserve_track_caller_noprof(size, flags, node, NULL,
						   pfmemalloc, caller);
#endif
}

/**
 * net_reserve_skb_cache_alloc - allocate a small skb head
 * @s: the small-head cache
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @tx: a transmit head (net_reserve_skb_alloc_tx()), else a receive head
 * @pfmemalloc: set when the attempt with the reserves served the head
 * @charged: set when the head is charged to its group
 *
 * As net_reserve_skb_kmalloc(), for an object of @s.
 *
 * Return: the head, or NULL.
 */
static __always_inline void *
net_reserve_skb_cache_alloc_noprof(struct kmem_cache *s, gfp_t flags,
				   int node, bool tx, bool *pfmemalloc,
				   bool *charged)
{
	*charged = false;
	*pfmemalloc = false;
	if (likely(!mem_reserve_may_use_reserves(flags)))
		return kmem_cache_alloc_node_noprof(s, flags | __GFP_NOWARN, node);
#if IS_ENABLED(CONFIG_NET_MEM_RESERVE)
	return __kmem_cache_alloc_reserve_noprof(s, flags, node,
						 net_reserve_skb_group(tx),
						 charged, pfmemalloc);
#else
	return kmem_cache_alloc_reserve_noprof(s, flags, node, NULL, pfmemalloc);
#endif
}

#define net_reserve_skb_kmalloc(...)					\
	alloc_hooks(net_reserve_skb_kmalloc_noprof(__VA_ARGS__, _RET_IP_))
#define net_reserve_skb_cache_alloc(...)				\
	alloc_hooks(net_reserve_skb_cache_alloc_noprof(__VA_ARGS__))

#if IS_ENABLED(CONFIG_SUNRPC_MEM_RESERVE)
extern struct mem_reserve rpc_buffer_reserve;
extern struct mem_reserve rpc_slot_reserve;
extern struct mem_reserve rpc_task_reserve;

int rpc_reserve_swap_enable(void);
void rpc_reserve_swap_disable(void);
void rpc_reserve_caches(struct kmem_cache *tasks, struct kmem_cache *buffers);

/**
 * rpc_reserve_buffer_group - the group an RPC task's buffer is charged to
 * @swapper: the task writes to swap (RPC_IS_SWAPPER())
 *
 * Return: the RPC buffer reserve for a swapper task; NULL for any other,
 * which then gets what mainline gives it, uncharged.
 */
static inline struct mem_reserve *rpc_reserve_buffer_group(bool swapper)
{
	return swapper ? &rpc_buffer_reserve : NULL;
}

void *rpc_reserve_slot_zalloc(struct rpc_xprt *xprt, size_t size, gfp_t gfp,
			      struct mem_reserve **charged);

/**
 * rpc_reserve_task_group - the group a new rpc_task is charged to
 * @swapper: the task is set up with RPC_TASK_SWAPPER
 *
 * Return: the RPC task reserve for a swapper, else NULL.
 */
static inline struct mem_reserve *rpc_reserve_task_group(bool swapper)
{
	return swapper ? &rpc_task_reserve : NULL;
}
#else
static inline int rpc_reserve_swap_enable(void)
{
	return 0;
}

static inline void rpc_reserve_swap_disable(void)
{
}

static inline void rpc_reserve_caches(struct kmem_cache *tasks,
				      struct kmem_cache *buffers)
{
}

static inline struct mem_reserve *rpc_reserve_buffer_group(bool swapper)
{
	return NULL;
}

#define rpc_reserve_slot_zalloc(xprt, size, gfp, charged)	\
	((void)(xprt), *(charged) = NULL, kzalloc(size, gfp))

static inline struct mem_reserve *rpc_reserve_task_group(bool swapper)
{
	return NULL;
}
#endif

#if IS_ENABLED(CONFIG_NFS_MEM_RESERVE)
long nfs_reserve_swap_write_begin(size_t count, size_t wsize,
				  size_t dreq_size);
void nfs_reserve_swap_write_end(long charged);
#else
static inline long nfs_reserve_swap_write_begin(size_t count, size_t wsize,
						size_t dreq_size)
{
	return 0;
}

static inline void nfs_reserve_swap_write_end(long charged)
{
}
#endif

/**
 * rpc_reserve_task_gfp - the flags a new rpc_task is allocated with
 * @gfp: the task's own flags (rpc_task_gfp_mask())
 * @reserve: the group it may be charged to, or NULL
 *
 * A swapper's task is allocated in reclaim (PF_MEMALLOC), where mainline
 * never sleeps for memory: with its group full it must not wait for room
 * either, but fail over to the task mempool at once. Anywhere else the
 * task gets its own flags, as in mainline.
 *
 * Return: @gfp, with __GFP_NORETRY for a charged task in reclaim.
 */
static inline gfp_t rpc_reserve_task_gfp(gfp_t gfp,
					 const struct mem_reserve *reserve)
{
	return reserve && (current->flags & PF_MEMALLOC) ?
	       gfp | __GFP_NORETRY : gfp;
}

/**
 * net_rx_refill_gfp - gfp flags for a receive buffer a driver allocates
 * @gfp: the driver's own flags
 *
 * __netdev_alloc_skb(), napi_alloc_skb() and dev_alloc_pages() may dip
 * into the emergency reserves for receive buffers while a SOCK_MEMALLOC
 * socket exists; a driver that refills its ring with plain alloc_skb*()
 * or alloc_pages() does not, and under memory pressure starves the
 * swap transport of the reply that would free memory. Such a buffer is
 * marked pfmemalloc, so sockets that may not use the reserves drop it.
 *
 * Return: @gfp, with __GFP_MEMALLOC while a memalloc socket exists.
 */
static inline gfp_t net_rx_refill_gfp(gfp_t gfp)
{
	if (!IS_ENABLED(CONFIG_NET_MEM_RESERVE))
		return gfp;
	return sk_memalloc_socks() ? gfp | __GFP_MEMALLOC : gfp;
}

/**
 * net_rx_refill_skb_flags - __alloc_skb() flags for a driver's receive skb
 *
 * What net_rx_refill_gfp() is for pages, for the skb of a refill that
 * allocates one itself: SKB_ALLOC_RX, the driver allocators' flag, with
 * which the head may dip into the reserves while a SOCK_MEMALLOC socket
 * exists and is charged as a receive head, not a transmit one.
 *
 * Return: SKB_ALLOC_RX; 0 with the network reserve configured out, where
 * the refill stays as mainline has it.
 */
static inline int net_rx_refill_skb_flags(void)
{
	return IS_ENABLED(CONFIG_NET_MEM_RESERVE) ? SKB_ALLOC_RX : 0;
}

#endif /* _NET_NET_RESERVE_H */

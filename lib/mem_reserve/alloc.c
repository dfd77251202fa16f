// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation wrappers, out of line: the callers that may use the emergency
 * reserves (the inline part in mem_reserve.h sends every other caller
 * straight to the plain allocator).
 *
 * The contract is never to be worse than the plain allocator of mainline:
 * - a caller that mm would not give ALLOC_NO_WATERMARKS (no __GFP_MEMALLOC
 *   or PF_MEMALLOC, or an OOM victim's ALLOC_OOM only) gets the plain
 *   allocation with its own flags: never charged, never told emerg;
 * - a caller without reserve rights that gets an object of a pfmemalloc
 *   slab (SLUB's fast path hands them to anyone) keeps it uncharged, as in
 *   mainline;
 * - what the normal attempt gets is never refused: mainline would have
 *   served it;
 * - __GFP_NOFAIL never fails and the normal attempt never loops;
 * - __GFP_NOWARN keeps its meaning: only the last attempt may warn.
 * What a connected group changes is the emergency allocation itself:
 * charged, bounded by the group's limit, and refused when the group is
 * full (after a wait if the caller may sleep and the group allows it, or
 * one attempt with reclaim if it may sleep but must not wait). A group that is not
 * connected bounds nothing: the caller is served as mainline would serve
 * it, and what it takes from the reserves is counted without a limit.
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/wait_bit.h>
#include <trace/events/mem_reserve.h>
#include "internal.h"

/*
 * A sleeper also retries the normal allocation this often: memory may come
 * back through reclaim without anyone uncharging a reserve. A variable so
 * that the tests can tell a wake-up from a retry.
 */
unsigned long mem_reserve_retry_interval = HZ / 10;

/*
 * The first attempt of a caller entitled to the reserves: none of them, no
 * warning, and none of the direct reclaim mainline would not do before
 * dipping into them (the page allocator tries ALLOC_NO_WATERMARKS before
 * reclaim); __GFP_NOFAIL would loop here instead of failing over.
 */
static gfp_t mem_reserve_normal_gfp(gfp_t flags)
{
	return (flags & ~(__GFP_DIRECT_RECLAIM | __GFP_NOFAIL)) |
	       __GFP_NOMEMALLOC | __GFP_NOWARN;
}

/*
 * A waiter's retry of the normal attempt, after each wake-up that found no
 * room. A caller that may reclaim (a __GFP_MEMALLOC one outside
 * PF_MEMALLOC) does, with __GFP_NORETRY, as its group keeps it from the
 * reserves; it neither loops nor OOM-kills for it.
 */
static gfp_t mem_reserve_retry_gfp(gfp_t flags)
{
	return (flags & ~__GFP_NOFAIL) | __GFP_NORETRY | __GFP_NOMEMALLOC |
	       __GFP_NOWARN;
}

/* Whether a charge to @res that was refused may wait for room. */
static bool mem_reserve_may_wait(struct mem_reserve *res, gfp_t flags)
{
	return gfpflags_allow_blocking(flags) &&
	       !(flags & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)) &&
	       !READ_ONCE(res->never_wait);
}

/* Whether a waiter for @bytes in @res must give up. */
static bool mem_reserve_wait_hopeless(struct mem_reserve *res, long bytes)
{
	return !mem_reserve_connected(res) ||
	       bytes > mem_reserve_limit(res) || fatal_signal_pending(current);
}

enum mem_reserve_wait {
	MEM_RESERVE_CHARGED,	/* the charge succeeded */
	MEM_RESERVE_REFUSED,	/* give up */
	MEM_RESERVE_RETRY,	/* slept: try the normal allocation again */
};

/*
 * Sleep once, killable, until an uncharge, a resize, a disconnect or
 * @timeout. A memory wait, not an I/O wait: no io_schedule().
 */
static enum mem_reserve_wait mem_reserve_wait_once(struct mem_reserve *res,
						   long bytes,
						   unsigned long timeout)
{
	DEFINE_WAIT(wait);
	enum mem_reserve_wait ret = MEM_RESERVE_RETRY;

	prepare_to_wait(&mem_reserve_waitqueue, &wait, TASK_KILLABLE);
	/* an uncharge may have come before we were on the queue */
	if (__mem_reserve_try_charge(res, bytes))
		ret = MEM_RESERVE_CHARGED;
	else if (!mem_reserve_wait_hopeless(res, bytes))
		schedule_timeout(timeout);
	finish_wait(&mem_reserve_waitqueue, &wait);
	if (ret == MEM_RESERVE_RETRY && mem_reserve_wait_hopeless(res, bytes))
		ret = MEM_RESERVE_REFUSED;
	return ret;
}

/* One allocation, so the emergency path is written once for all three. */
struct mem_reserve_request {
	/* NULL for a unit of work, which has no normal attempt */
	void *(*alloc)(const struct mem_reserve_request *req, gfp_t flags);
	void (*free)(const struct mem_reserve_request *req, void *obj);
	/* what the free wrapper will uncharge for @obj, if not @bytes */
	long (*freed_bytes)(void *obj);
	long bytes;		/* what an emergency allocation charges */
	bool slab;		/* objects come from slabs */
	struct kmem_cache *cache;
	size_t size;
	unsigned int order;
	int node;
	unsigned long caller;
};

/* An attempt without the reserves, which forced emergencies make fail. */
static void *mem_reserve_alloc_normal(const struct mem_reserve_request *req,
				      gfp_t gfp)
{
	if (!req->alloc || mem_reserve_should_fail_normal(req->bytes))
		return NULL;
	return req->alloc(req, gfp);
}

/* What the emergency path may do for a caller its normal attempt failed. */
enum mem_reserve_grant {
	MEM_RESERVE_DENY,	/* nothing: refused, or a retry got one */
	MEM_RESERVE_COUNTED,	/* take from the reserves, counted in the group */
	MEM_RESERVE_UNCOUNTED,	/* take from the reserves as mainline, uncounted */
};

/*
 * A group that is not connected bounds nothing: its caller takes from the
 * reserves as in mainline, counted if the group can count it.
 */
static enum mem_reserve_grant
mem_reserve_grant_unbounded(const struct mem_reserve_request *req,
			    struct mem_reserve *res)
{
	if (req->bytes >= 0 && mem_reserve_count_unbounded(res, req->bytes))
		return MEM_RESERVE_COUNTED;
	return MEM_RESERVE_UNCOUNTED;
}

/*
 * Charge @res for an emergency allocation, waiting for room if the caller
 * may sleep, for at most @timeout jiffies (MAX_SCHEDULE_TIMEOUT: until the
 * wait is hopeless). After each sleep the normal attempt is tried again;
 * what it gets is returned through @obj, with MEM_RESERVE_DENY. The caller
 * holds res->waiters.
 */
static enum mem_reserve_grant
mem_reserve_charge_emerg(const struct mem_reserve_request *req, gfp_t flags,
			 struct mem_reserve *res, void **obj,
			 unsigned long timeout)
{
	enum mem_reserve_wait state = MEM_RESERVE_REFUSED;
	unsigned long deadline = jiffies + timeout;
	u64 start = 0;

	if (!mem_reserve_connected(res))
		return mem_reserve_grant_unbounded(req, res);
	if (req->bytes < 0)
		goto refused;
	if (__mem_reserve_try_charge(res, req->bytes))
		return MEM_RESERVE_COUNTED;
	if (!mem_reserve_may_wait(res, flags) ||
	    mem_reserve_wait_hopeless(res, req->bytes)) {
		/*
		 * No room and no wait: a caller that may block gets what
		 * mainline would go on to do, one attempt with reclaim.
		 */
		if (gfpflags_allow_blocking(flags) &&
		    !fatal_signal_pending(current)) {
			*obj = mem_reserve_alloc_normal(req,
							mem_reserve_retry_gfp(flags));
			if (*obj)
				return MEM_RESERVE_DENY;
		}
		goto refused;
	}

	atomic_long_inc(&res->waits);
	if (trace_mem_reserve_wait_end_enabled())
		start = ktime_get_ns();
	trace_mem_reserve_wait_begin(res, req->bytes);
	for (;;) {
		long left = (long)(deadline - jiffies);

		if (left <= 0) {
			/* an uncharge as the time ran out still counts */
			state = __mem_reserve_try_charge(res, req->bytes) ?
				MEM_RESERVE_CHARGED : MEM_RESERVE_REFUSED;
			break;
		}
		state = mem_reserve_wait_once(res, req->bytes,
					      min_t(unsigned long, left,
						    READ_ONCE(mem_reserve_retry_interval)));
		if (state != MEM_RESERVE_RETRY)
			break;
		/* woken by an uncharge: take the room before reclaiming */
		if (__mem_reserve_try_charge(res, req->bytes)) {
			state = MEM_RESERVE_CHARGED;
			break;
		}
		*obj = mem_reserve_alloc_normal(req, mem_reserve_retry_gfp(flags));
		if (*obj)
			break;
	}
	trace_mem_reserve_wait_end(res, req->bytes,
				   start ? ktime_get_ns() - start : 0,
				   state == MEM_RESERVE_CHARGED);
	if (state == MEM_RESERVE_CHARGED)
		return MEM_RESERVE_COUNTED;
	if (state == MEM_RESERVE_RETRY)
		return MEM_RESERVE_DENY;
refused:
	/* disconnected since the first test, or while waiting: as mainline */
	if (!mem_reserve_connected(res))
		return mem_reserve_grant_unbounded(req, res);
	atomic_long_inc(&res->failed);
	trace_mem_reserve_refused(res, req->bytes);
	return MEM_RESERVE_DENY;
}

/* The end of what res->waiters counts: mem_reserve_destroy() waits for it. */
static void mem_reserve_waiter_done(struct mem_reserve *res)
{
	if (atomic_dec_and_test(&res->waiters))
		wake_up_var(&res->waiters);
}

/**
 * mem_reserve_charge_wait - charge a group for work about to start
 * @res: the group
 * @bytes: what the work may take from the reserves, at most
 * @timeout: how long to wait for room, in jiffies, up to
 *	MAX_SCHEDULE_TIMEOUT; 0 for not at all
 *
 * For a caller that bounds work in flight rather than single allocations:
 * it charges what one unit of work may take before it starts, allocates
 * as mainline would (from the reserves if it may), and gives the charge
 * back with mem_reserve_uncharge() when the unit is done. While @res is
 * full this sleeps, killable, until an uncharge, a resize or a disconnect
 * makes room, or @timeout passes; a group marked never_wait is not waited
 * for. A group that is not connected bounds nothing: @bytes are counted
 * without a limit, as the allocation wrappers count what they take then.
 * Process context; may sleep if @timeout is not 0.
 *
 * A refused charge (no room in time, @bytes can never fit, or a fatal
 * signal) counts as a failure of @res: the unit goes on unbounded. No
 * bytes are nothing to count; more than there is memory is a caller's
 * bug (it would overflow an unconnected group's count) and is refused
 * with a warning.
 *
 * Return: true if @bytes are counted in @res and must be given back;
 * false if nothing was counted, and the caller goes on as mainline would.
 */
bool mem_reserve_charge_wait(struct mem_reserve *res, long bytes,
			     unsigned long timeout)
{
	/* a unit of work has no normal attempt: only room ends the wait */
	struct mem_reserve_request req = { .bytes = bytes };
	enum mem_reserve_grant grant;
	void *none = NULL;

	if (WARN_ON_ONCE(bytes < 0 ||
			 DIV_ROUND_UP(bytes, PAGE_SIZE) > totalram_pages()))
		return false;
	if (!bytes)
		return false;
	if (timeout)
		might_sleep();
	atomic_inc(&res->waiters);
	grant = mem_reserve_charge_emerg(&req, timeout ? GFP_KERNEL : GFP_NOWAIT,
					 res, &none,
					 min_t(unsigned long, timeout,
					       MAX_SCHEDULE_TIMEOUT));
	mem_reserve_waiter_done(res);
	return grant == MEM_RESERVE_COUNTED;
}
EXPORT_SYMBOL_GPL(mem_reserve_charge_wait);

/*
 * The normal attempt of an entitled caller got @obj. Mainline would have
 * served it, so it is never refused. SLUB's fast path may have handed it
 * out of a slab made from the reserves: then, while memory is short, it
 * is reserve memory taken for this group, and counted while the group has
 * room, so that the slab behind a charged emergency object is not handed
 * out uncounted. With the group full it stays uncounted: it takes no new
 * page from the reserves, as its slab was made already. Once normal
 * memory is back the reserves are whole again below the watermarks, and
 * such an object is counted no more than any other caller's: a cache
 * that replaces charged objects then (mem_reserve_normal_memory()) would
 * otherwise get a charged one again from the same slab at every lookup.
 * Either way it is not *pfmemalloc: the reserves attempt did not serve
 * it.
 */
static void mem_reserve_keep_normal(const struct mem_reserve_request *req,
				    struct mem_reserve *res, void *obj,
				    bool *emerg)
{
	bool counted;

	if (!res || !req->slab || !slab_obj_pfmemalloc(obj))
		return;
	if (mem_reserve_normal_memory())
		return;
	if (mem_reserve_connected(res))
		counted = mem_reserve_try_charge(res, req->bytes);
	else
		counted = mem_reserve_count_unbounded(res, req->bytes);
	if (!counted)
		return;
	*emerg = true;
	trace_mem_reserve_emerg_alloc(res, obj, req->bytes, req->caller);
}

/*
 * Allocate from the reserves for a charge of req->bytes to @res, and keep
 * charged only what the free will give back.
 */
static void *mem_reserve_alloc_counted(const struct mem_reserve_request *req,
				       gfp_t flags, struct mem_reserve *res,
				       bool *emerg)
{
	void *obj = req->alloc(req, flags);
	long over = req->bytes;

	if (obj) {
		*emerg = true;
		over = req->freed_bytes ? req->bytes - req->freed_bytes(obj) : 0;
	}
	if (over > 0)
		mem_reserve_uncharge(res, over);
	if (obj)
		trace_mem_reserve_emerg_alloc(res, obj, req->bytes - max(over, 0L),
					      req->caller);
	return obj;
}

/*
 * The part common to the three wrappers, for a caller with __GFP_MEMALLOC
 * or PF_MEMALLOC. *@pfmemalloc, if asked for, is what mainline's skbuff.c
 * calls it: the attempt with the reserves served the allocation.
 */
static void *mem_reserve_alloc(const struct mem_reserve_request *req,
			       gfp_t flags, struct mem_reserve *res,
			       bool *emerg, bool *pfmemalloc)
{
	bool reserves = false;
	void *obj;

	*emerg = false;
	if (!gfp_no_watermarks_allowed(flags)) {
		obj = req->alloc(req, flags);
		goto out;
	}
	obj = mem_reserve_alloc_normal(req, mem_reserve_normal_gfp(flags));
	if (obj) {
		mem_reserve_keep_normal(req, res, obj, emerg);
		goto out;
	}
	if (!res) {
		obj = req->alloc(req, flags);
		*emerg = reserves = !!obj;
		goto out;
	}

	/* from here until the end mem_reserve_destroy() waits for us */
	atomic_inc(&res->waiters);
	switch (mem_reserve_charge_emerg(req, flags, res, &obj,
					 MAX_SCHEDULE_TIMEOUT)) {
	case MEM_RESERVE_COUNTED:
		obj = mem_reserve_alloc_counted(req, flags, res, emerg);
		reserves = !!obj;
		break;
	case MEM_RESERVE_UNCOUNTED:
		obj = req->alloc(req, flags);
		reserves = !!obj;
		break;
	case MEM_RESERVE_DENY:
		if (obj) {
			/* a waiter's retry of the normal attempt got one */
			mem_reserve_keep_normal(req, res, obj, emerg);
		} else if (flags & __GFP_NOFAIL) {
			/* __GFP_NOFAIL must not fail: as mainline, uncharged */
			obj = req->alloc(req, flags);
			reserves = !!obj;
		}
		break;
	}
	mem_reserve_waiter_done(res);
out:
	if (pfmemalloc)
		*pfmemalloc = reserves;
	return obj;
}

static void *mem_reserve_kmalloc(const struct mem_reserve_request *req,
				 gfp_t flags)
{
	return kmalloc_node_track_caller_noprof(req->size, flags, req->node,
						req->caller);
}

static void mem_reserve_kfree(const struct mem_reserve_request *req, void *obj)
{
	kfree(obj);
}

/*
 * kfree_reserve() uncharges ksize(), which for a KFENCE object is less
 * than the size class.
 */
static long mem_reserve_kfreed_bytes(void *obj)
{
	return ksize(obj);
}

/**
 * __kmalloc_reserve - kmalloc_reserve() for a caller that may use the
 *	reserves
 * @size: bytes to allocate
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set as kmalloc_reserve() sets it
 * @pfmemalloc: if not NULL, set when the attempt with the reserves served
 *	the object, which is what mainline marks an skb head pfmemalloc for
 * @caller: the address slab debugging attributes the object to
 *
 * Call kmalloc_reserve() instead, unless the caller needs @pfmemalloc.
 *
 * Return: the object, or NULL.
 */
void *__kmalloc_reserve_noprof(size_t size, gfp_t flags, int node,
			       struct mem_reserve *res, bool *emerg,
			       bool *pfmemalloc, unsigned long caller)
{
	struct mem_reserve_request req = {
		.alloc = mem_reserve_kmalloc,
		.free = mem_reserve_kfree,
		.freed_bytes = mem_reserve_kfreed_bytes,
		.slab = size <= KMALLOC_MAX_CACHE_SIZE,
		/* -1 for sizes kmalloc() refuses: they are never charged */
		.bytes = size <= KMALLOC_MAX_SIZE ? kmalloc_size_roundup(size) : -1,
		.size = size,
		.node = node,
		.caller = caller,
	};

	return mem_reserve_alloc(&req, flags, res, emerg, pfmemalloc);
}
EXPORT_SYMBOL_GPL(__kmalloc_reserve_noprof);

/**
 * __kmalloc_reserve_obj - the out-of-line path of kmalloc_reserve()
 * @size: bytes to allocate
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL
 * @caller: the address slab debugging attributes the object to
 *
 * __kmalloc_reserve_noprof() for the inline wrappers, which pass their
 * caller's emerg flag back from the two registers of the result rather
 * than through memory.
 *
 * Return: the object, or NULL, and the emerg flag kmalloc_reserve() sets.
 */
struct mem_reserve_obj __kmalloc_reserve_obj_noprof(size_t size, gfp_t flags,
						    int node,
						    struct mem_reserve *res,
						    unsigned long caller)
{
	struct mem_reserve_obj r;

	r.obj = __kmalloc_reserve_noprof(size, flags, node, res, &r.emerg, NULL,
					 caller);
	return r;
}
EXPORT_SYMBOL_GPL(__kmalloc_reserve_obj_noprof);

/**
 * __kfree_reserve - free an emergency object from kmalloc_reserve()
 * @obj: the object, or NULL
 * @res: the group it was charged to
 *
 * Call kfree_reserve() instead. Frees first and then uncharges, so the
 * memory is back before a waiter's charge can succeed. Any context.
 */
void __kfree_reserve(const void *obj, struct mem_reserve *res)
{
	size_t bytes;

	if (ZERO_OR_NULL_PTR(obj))
		return;
	bytes = ksize(obj);
	trace_mem_reserve_emerg_free(res, obj, bytes, _RET_IP_);
	kfree(obj);
	mem_reserve_uncharge(res, bytes);
}
EXPORT_SYMBOL_GPL(__kfree_reserve);

static void *mem_reserve_kmem_cache(const struct mem_reserve_request *req,
				    gfp_t flags)
{
	return kmem_cache_alloc_node_noprof(req->cache, flags, req->node);
}

static void mem_reserve_kmem_cache_free(const struct mem_reserve_request *req,
					void *obj)
{
	kmem_cache_free(req->cache, obj);
}

static void *kmem_cache_alloc_reserve_caller(struct kmem_cache *s, gfp_t flags,
					     int node, struct mem_reserve *res,
					     bool *emerg, bool *pfmemalloc,
					     unsigned long caller)
{
	struct mem_reserve_request req = {
		.alloc = mem_reserve_kmem_cache,
		.free = mem_reserve_kmem_cache_free,
		.slab = true,
		.bytes = kmem_cache_size(s),
		.cache = s,
		.node = node,
		.caller = caller,
	};

	return mem_reserve_alloc(&req, flags, res, emerg, pfmemalloc);
}

/**
 * __kmem_cache_alloc_reserve - kmem_cache_alloc_reserve() for a caller
 *	that may use the reserves
 * @s: the cache
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set as kmalloc_reserve() sets it
 * @pfmemalloc: if not NULL, set as __kmalloc_reserve() sets it
 *
 * Call kmem_cache_alloc_reserve() instead, unless the caller needs
 * @pfmemalloc.
 *
 * Return: the object, or NULL.
 */
void *__kmem_cache_alloc_reserve_noprof(struct kmem_cache *s, gfp_t flags,
					int node, struct mem_reserve *res,
					bool *emerg, bool *pfmemalloc)
{
	return kmem_cache_alloc_reserve_caller(s, flags, node, res, emerg,
					       pfmemalloc, _RET_IP_);
}
EXPORT_SYMBOL_GPL(__kmem_cache_alloc_reserve_noprof);

/**
 * __kmem_cache_alloc_reserve_obj - the out-of-line path of
 *	kmem_cache_alloc_reserve()
 * @s: the cache
 * @flags: the allocation's gfp flags
 * @node: NUMA node, or NUMA_NO_NODE
 * @res: the group to charge an emergency allocation to, or NULL
 *
 * As __kmalloc_reserve_obj(), for an object of @s.
 *
 * Return: the object, or NULL, and the emerg flag
 * kmem_cache_alloc_reserve() sets.
 */
struct mem_reserve_obj
__kmem_cache_alloc_reserve_obj_noprof(struct kmem_cache *s, gfp_t flags,
				      int node, struct mem_reserve *res)
{
	struct mem_reserve_obj r;

	r.obj = kmem_cache_alloc_reserve_caller(s, flags, node, res, &r.emerg,
						NULL, _RET_IP_);
	return r;
}
EXPORT_SYMBOL_GPL(__kmem_cache_alloc_reserve_obj_noprof);

/**
 * kmem_cache_free_reserve - free an object from kmem_cache_alloc_reserve()
 * @s: its cache
 * @obj: the object
 * @res: the group it was allocated against
 * @emerg: what kmem_cache_alloc_reserve() reported for it
 *
 * Any context.
 */
void kmem_cache_free_reserve(struct kmem_cache *s, void *obj,
			     struct mem_reserve *res, bool emerg)
{
	kmem_cache_free(s, obj);
	if (unlikely(emerg && res)) {
		trace_mem_reserve_emerg_free(res, obj, kmem_cache_size(s), _RET_IP_);
		mem_reserve_uncharge(res, kmem_cache_size(s));
	}
}
EXPORT_SYMBOL_GPL(kmem_cache_free_reserve);

static void *mem_reserve_pages_alloc(const struct mem_reserve_request *req,
				     gfp_t flags)
{
	return alloc_pages_node_noprof(req->node, flags, req->order);
}

/* Pages come from no slab: the normal attempt never gets reserve memory. */
static void mem_reserve_pages_free(const struct mem_reserve_request *req,
				   void *page)
{
	__free_pages(page, req->order);
}

/**
 * __alloc_pages_reserve - alloc_pages_reserve() for a caller that may
 *	use the reserves
 * @node: NUMA node, or NUMA_NO_NODE
 * @flags: the allocation's gfp flags
 * @order: allocation order
 * @res: the group to charge an emergency allocation to, or NULL
 * @emerg: set as kmalloc_reserve() sets it
 *
 * Call alloc_pages_reserve() instead.
 *
 * Return: the first page, or NULL.
 */
struct page *__alloc_pages_reserve_noprof(int node, gfp_t flags,
					  unsigned int order,
					  struct mem_reserve *res, bool *emerg)
{
	struct mem_reserve_request req = {
		.alloc = mem_reserve_pages_alloc,
		.free = mem_reserve_pages_free,
		.bytes = order < MAX_PAGE_ORDER + 1 ? PAGE_SIZE << order : -1,
		.order = order,
		.node = node,
		.caller = _RET_IP_,
	};

	return mem_reserve_alloc(&req, flags, res, emerg, NULL);
}
EXPORT_SYMBOL_GPL(__alloc_pages_reserve_noprof);

/**
 * free_pages_reserve - free pages from alloc_pages_reserve()
 * @page: the first page
 * @order: allocation order
 * @res: the group they were allocated against
 * @emerg: what alloc_pages_reserve() reported for them
 *
 * Any context.
 */
void free_pages_reserve(struct page *page, unsigned int order,
			struct mem_reserve *res, bool emerg)
{
	__free_pages(page, order);
	if (unlikely(emerg && res)) {
		trace_mem_reserve_emerg_free(res, page, PAGE_SIZE << order, _RET_IP_);
		mem_reserve_uncharge(res, PAGE_SIZE << order);
	}
}
EXPORT_SYMBOL_GPL(free_pages_reserve);

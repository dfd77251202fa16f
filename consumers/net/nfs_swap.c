// SPDX-License-Identifier: GPL-2.0
/*
 * The NFS swap write reserve: what NFS's writes to a swap file take from
 * the emergency reserves besides their RPC tasks, slots and buffers. A
 * swap write is issued from reclaim (PF_MEMALLOC), and each one allocates
 * a direct request, a lock context for a new lock owner, an nfs_page per
 * page (per wsize piece of a page, below a page), a write header per wsize
 * chunk with a page array if it covers more than NFS_PAGEVEC_SIZE pages,
 * a page vector and, if the server answers unstable, a commit header; and
 * for each WRITE call, sunrpc adds an AUTH_UNIX credential and, on a
 * stream transport, a bio_vec array for the pages it sends (its task,
 * slot and buffer are charged to the RPC groups). All of it may come from
 * the reserves, and in mainline nothing bounds how many such writes
 * reclaim starts.
 *
 * These objects are not charged one by one: a swap write that could not
 * get its next nfs_page would fail (mainline would have served it), and
 * writes holding half of what they need while waiting for the rest could
 * fill the group between them. Instead each swap write charges, before it
 * allocates anything, the most it can take (nfs_reserve_swap_write_bytes())
 * and gives the charge back when its direct request is freed, after its
 * last reply.
 *
 * Only writes started while the reserves are in use are charged
 * (mem_reserve_in_use(): no zone passes its min watermark): those take
 * from the reserves, right away, as the write is built. A write started
 * while normal memory is there takes it, as in mainline, and occupies no
 * room. A write that finds the group full waits for an earlier one to
 * complete, for at most nfs_swap_write_wait, the time reclaim itself waits
 * for writeback to progress (reclaim_throttle()), and only where reclaim
 * may be throttled: in kswapd and in direct reclaim, not in other kernel
 * threads or workers (nfsiod and the NFSv4 state manager help complete
 * the writes in flight). Once a wait has run out, no write waits again
 * until a charged one completes: a server that stopped answering costs
 * reclaim one such wait, not one per write. A write that does not wait,
 * or whose wait ran out, goes on as in mainline, unbounded, and the
 * group's failure counter says so.
 *
 * The group sits below the sunrpc swap reserve and is sized with it, for
 * RPC_RESERVE_REQUESTS writes of the largest swap I/O (SWAP_CLUSTER_MAX
 * pages) per swap client at a wsize of a page; a smaller wsize costs more
 * per write, and fewer fit.
 */
#include <linux/kernel.h>
#include <linux/nfs_fs.h>
#include <linux/nfs_page.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sunrpc/auth.h>
#include <linux/swap.h>
#include "internal.h"

/*
 * What the sizing counts for the direct request, whose struct is private
 * to fs/nfs (about 400 bytes on 64-bit); the charge uses its real size.
 */
#define NFS_RESERVE_DREQ_BYTES	1024

/* How long a swap write waits for room: reclaim_throttle()'s timeout. */
unsigned long nfs_swap_write_wait = HZ / 10;

/* A wait ran out, and no charged write has completed since. */
bool nfs_swap_write_stalled;

struct mem_reserve nfs_swap_write_reserve;

/* Bytes of @n objects of @size, as the allocator rounds them. */
static long nfs_objects(unsigned long n, size_t size)
{
	return n * kmalloc_size_roundup(size);
}

/**
 * nfs_reserve_swap_write_bytes - the most one swap write may allocate
 * @count: bytes the write covers, from a page boundary
 * @wsize: the server's write size
 * @dreq_size: the size of the direct request that tracks the write
 *
 * Counts what nfs_file_direct_write() allocates for a swap write of
 * @count bytes: the direct request, a lock context, the nfs_page
 * requests, the write headers and their page arrays, one page vector of
 * a chunk at a time, and a commit header; and what sunrpc allocates for
 * each WRITE call besides its task, slot and buffer: a credential and
 * the bio_vecs of its pages. Objects are counted at the size kmalloc
 * would round them to, which covers the cache-line alignment of NFS's
 * caches.
 *
 * Return: the bytes to charge.
 */
long nfs_reserve_swap_write_bytes(size_t count, size_t wsize,
				  size_t dreq_size)
{
	size_t io = max_t(size_t, wsize, NFS_MIN_FILE_IO_SIZE);
	unsigned long pages = DIV_ROUND_UP(count, PAGE_SIZE);
	/* pages a header covers; below a page, a piece of one */
	unsigned long per_header = max_t(unsigned long, io / PAGE_SIZE, 1);
	unsigned long pieces = io < PAGE_SIZE ? DIV_ROUND_UP(PAGE_SIZE, io) : 1;
	unsigned long headers = DIV_ROUND_UP(pages, per_header) * pieces;
	unsigned long header_pages = min(pages, per_header);
	long bytes;

	bytes = nfs_objects(1, dreq_size) +
		nfs_objects(1, sizeof(struct nfs_lock_context)) +
		nfs_objects(pages * pieces, sizeof(struct nfs_page)) +
		nfs_objects(headers, sizeof(struct nfs_pgio_header)) +
		/* and the COMMIT call's credential, if the server wants one */
		nfs_objects(1, sizeof(struct nfs_commit_data)) +
		nfs_objects(1, sizeof(struct rpc_cred)) +
		nfs_objects(1, header_pages * sizeof(struct page *)) +
		/* per WRITE call: a credential, the bio_vecs it sends */
		nfs_objects(headers, sizeof(struct rpc_cred)) +
		nfs_objects(headers, header_pages * sizeof(struct bio_vec));
	if (header_pages > NFS_PAGEVEC_SIZE)
		bytes += nfs_objects(headers, header_pages * sizeof(struct page *));
	return bytes;
}

/*
 * Whether the caller may wait for room: where reclaim_throttle() would
 * throttle it (its test, kswapd or a task that is no kernel thread or
 * user worker), and while the writes in flight are still completing.
 */
static bool nfs_swap_write_may_wait(void)
{
	if (!current_is_kswapd() &&
	    (current->flags & (PF_USER_WORKER | PF_KTHREAD)))
		return false;
	return !READ_ONCE(nfs_swap_write_stalled);
}

/**
 * nfs_reserve_swap_write_begin - admit a swap write to the reserve
 * @count: bytes the write covers
 * @wsize: the server's write size
 * @dreq_size: the size of the direct request that tracks the write
 *
 * Called by nfs_file_direct_write() for swap I/O before it allocates
 * anything. Charges nothing unless the reserves are in use; then, in
 * kswapd or direct reclaim, waits up to nfs_swap_write_wait for the swap
 * writes in flight to make room. Process context; may sleep.
 *
 * Return: the bytes charged, to pass to nfs_reserve_swap_write_end() once
 * the write's allocations are freed; 0 if nothing was charged (the write
 * then goes on as in mainline).
 */
long nfs_reserve_swap_write_begin(size_t count, size_t wsize,
				  size_t dreq_size)
{
	unsigned long wait = 0;
	long bytes;

	WARN_ON_ONCE(dreq_size > NFS_RESERVE_DREQ_BYTES);
	if (!mem_reserve_in_use())
		return 0;
	bytes = nfs_reserve_swap_write_bytes(count, wsize, dreq_size);
	if (nfs_swap_write_may_wait())
		wait = READ_ONCE(nfs_swap_write_wait);
	if (mem_reserve_charge_wait(&nfs_swap_write_reserve, bytes, wait))
		return bytes;
	/* a wait that ran out, not one a fatal signal cut short */
	if (wait && !fatal_signal_pending(current))
		WRITE_ONCE(nfs_swap_write_stalled, true);
	return 0;
}
EXPORT_SYMBOL_GPL(nfs_reserve_swap_write_begin);

/**
 * nfs_reserve_swap_write_end - end a swap write's charge
 * @charged: what nfs_reserve_swap_write_begin() returned
 *
 * Called when the write's direct request is freed. Any context but NMI.
 */
void nfs_reserve_swap_write_end(long charged)
{
	if (!charged)
		return;
	mem_reserve_uncharge(&nfs_swap_write_reserve, charged);
	/* the server answers: the next full group is worth a wait again */
	if (READ_ONCE(nfs_swap_write_stalled))
		WRITE_ONCE(nfs_swap_write_stalled, false);
}
EXPORT_SYMBOL_GPL(nfs_reserve_swap_write_end);

/*
 * Size the group for @clients swap clients; under net_reserve_size_lock.
 * A new size is a new start: waits are allowed again.
 */
int nfs_reserve_size(int clients)
{
	long write = nfs_reserve_swap_write_bytes(SWAP_CLUSTER_MAX * PAGE_SIZE,
						  PAGE_SIZE,
						  NFS_RESERVE_DREQ_BYTES);

	WRITE_ONCE(nfs_swap_write_stalled, false);
	return mem_reserve_kmalloc_set(&nfs_swap_write_reserve, (long)clients *
				       RPC_RESERVE_REQUESTS * write);
}

void nfs_reserve_init(void)
{
	mem_reserve_init(&nfs_swap_write_reserve, "NFS swap writes",
			 &rpc_swap_reserve);
}

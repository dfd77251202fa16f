// SPDX-License-Identifier: GPL-2.0-only
/// Bound the swap writes NFS has in flight: each write to a swap file
/// charges the NFS swap write reserve, before it allocates anything, the
/// most its direct request, nfs_page requests, write and commit headers,
/// page vectors and WRITE calls can take from the emergency reserves, and
/// gives the charge back when its direct request is freed. While memory is
/// short a write that finds the group full waits for an earlier one, for at
/// most as long as reclaim waits for writeback (net/mem_reserve/nfs_swap.c).
///
/// A swap write is issued from reclaim, so in mainline all of these may
/// come from the reserves, and nothing bounds how many writes reclaim
/// starts. Charging each object as it is allocated would fail a write
/// whose next nfs_page finds the group full, where mainline would have
/// served it, and writes holding part of what they need while waiting for
/// the rest could fill the group between them. A write is admitted whole
/// instead, and only waits for earlier writes to complete. Ordinary
/// direct I/O and NFS writeback are not swap writes and are untouched.
//
// Files: fs/nfs/internal.h fs/nfs/direct.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

// The record, once.

@has_field depends on patch@
@@
struct nfs_direct_req {
	...
	long reserve_charged;
	...
};

@dreq_field depends on patch && !has_field@
@@
struct nfs_direct_req {
	...
	struct work_struct work;
+	/* what a swap write charged to the NFS swap write reserve, or 0 */
+	long reserve_charged;
	...
};

// The admission, in the swap branch's caller. Once converted, the site no
// longer has the shape the rule matches, so it is converted only once.

@converted_begin@
@@
nfs_reserve_swap_write_begin(...)

@begin depends on patch@
identifier iocb, iter, swap, dreq, out;
expression ino, cnt;
@@
 ssize_t nfs_file_direct_write(struct kiocb *iocb, struct iov_iter *iter,
			      bool swap)
 {
 	...
 	struct nfs_direct_req *dreq;
+	long reserved = 0;
 	...
+	if (swap)
+		reserved = nfs_reserve_swap_write_begin(cnt,
+							NFS_SERVER(ino)->wsize,
+							sizeof(*dreq));
 	dreq = nfs_direct_req_alloc();
-	if (!dreq)
-		goto out;
+	if (!dreq) {
+		nfs_reserve_swap_write_end(reserved);
+		goto out;
+	}
+	dreq->reserve_charged = reserved;
 	dreq->inode = ino;
 	dreq->max_count = cnt;
 	...
 }

// The end of the charge: the direct request goes after the write's last
// reply, when its requests and headers are given back.

@end depends on patch && (begin || converted_begin)@
identifier kref, dreq;
symbol nfs_direct_cachep;
@@
 static void nfs_direct_req_free(struct kref *kref)
 {
 	... when != nfs_reserve_swap_write_end(...)
+	nfs_reserve_swap_write_end(dreq->reserve_charged);
 	kmem_cache_free(nfs_direct_cachep, dreq);
 }

@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && (begin || end) && !has_include@
@@
#include <linux/sunrpc/clnt.h>
+#include <net/net_reserve.h>

// Report, context and org: a swap write scheduled with no admission. A
// function told it does swap I/O (a bool swap parameter) that schedules
// writes and never charges the NFS swap write reserve lets reclaim start
// any number of them on emergency memory.

@initialize:python@
@@
admitted = set()

@adm depends on report || org || context@
identifier f;
@@
 f(...)
 {
 	<+... nfs_reserve_swap_write_begin(...) ...+>
 }

@script:python depends on report || org || context@
f << adm.f;
@@
admitted.add(f)

@cand depends on report || org || context exists@
identifier f, swap, sched =~ "^nfs_.*write_schedule";
parameter list[n] ps;
position p;
@@
 f(ps, bool swap, ...)
 {
 	<+... sched@p(...) ...+>
 }

@script:python unadmitted depends on report || org || context@
f << cand.f;
@@
if f in admitted:
	cocci.include_match(False)

@depends on context@
identifier cand.sched;
position cand.p;
@@
* sched@p(...)

@script:python depends on report@
p << cand.p;
f << cand.f;
@@
coccilib.report.print_report(p[0], "a swap write scheduled in %s() with no admission to the NFS swap write reserve" % f)

@script:python depends on org@
p << cand.p;
f << cand.f;
@@
coccilib.org.print_todo(p[0], "%s() schedules a swap write with no admission" % f)

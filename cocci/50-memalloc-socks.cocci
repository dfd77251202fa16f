// SPDX-License-Identifier: GPL-2.0-only
/// Tell the network reserve whenever the count of SOCK_MEMALLOC sockets
/// changes, so that it connects before the first one is used and
/// disconnects a grace period after the last one goes.
///
/// sk_set_memalloc() and sk_clear_memalloc() are the only writers of
/// memalloc_socks_key. Both already sleep (static_branch_inc/dec), so the
/// notification may connect the tree in their context.
//
// Files: net/core/sock.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

// Each site carries its own guard: a count change already followed by the
// notification is left alone, so a file converted in part is finished,
// and a second application changes nothing.

@told_here@
identifier key = memalloc_socks_key;
position p;
@@
(
 static_branch_inc@p(&key);
 net_reserve_memalloc_socks_changed();
|
 static_branch_dec@p(&key);
 net_reserve_memalloc_socks_changed();
)

@notify depends on patch@
identifier key = memalloc_socks_key;
position p != told_here.p;
@@
(
 static_branch_inc@p(&key);
+net_reserve_memalloc_socks_changed();
|
 static_branch_dec@p(&key);
+net_reserve_memalloc_socks_changed();
)

// The header, in the files this script changed and only there, once.
@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && notify && !has_include@
@@
#include <net/sock.h>
+#include <net/net_reserve.h>

// Report, context and org: a change of the memalloc socket count that the
// network reserve is not told of, site by site. Until it is, the tree is
// not connected for the new socket, and its emergency allocations are
// bounded by nothing.

@untold depends on report || org@
identifier key = memalloc_socks_key;
position p != told_here.p;
@@
\(static_branch_inc@p\|static_branch_dec@p\)(&key)

@depends on context@
identifier key = memalloc_socks_key;
position p != told_here.p;
@@
* \(static_branch_inc@p\|static_branch_dec@p\)(&key)

@script:python depends on report@
p << untold.p;
@@
coccilib.report.print_report(p[0], "memalloc socket count changed without net_reserve_memalloc_socks_changed(): the network reserve is not connected for it")

@script:python depends on org@
p << untold.p;
@@
coccilib.org.print_todo(p[0], "memalloc socket count changed without telling the network reserve")

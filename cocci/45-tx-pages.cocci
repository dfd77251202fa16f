// SPDX-License-Identifier: GPL-2.0-only
/// Charge a memalloc socket's send page that came from the emergency
/// reserves to "TX pages", until the page allocator frees it.
///
/// TCP, UDP with paged data, kTLS offload and skmsg copy what they send
/// into the socket's page fragment, which sk_page_frag_refill() refills
/// with the socket's sk_allocation: for a SOCK_MEMALLOC socket that has
/// __GFP_MEMALLOC, so under pressure the page comes from the reserves and
/// was charged to no group. sk_page_frag_refill() now refills through
/// net_reserve_page_frag_refill(), which for a memalloc socket's own
/// fragment charges a page from the reserves when the socket takes it
/// (mem_reserve_charge_page()), and once normal memory is back replaces
/// such a page the socket holds alone; the page allocator's free gives
/// the charge back, whichever skb drops the last reference. A page that
/// does not fit is served uncounted: a socket's send buffer bounds what
/// it sends.
///
/// Report mode lists calls of skb_page_frag_refill() with a socket's
/// sk_allocation outside sk_page_frag_refill(), whose pages stay
/// uncharged.
//
// Files: net/core/sock.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

@tx_page depends on patch@
typedef bool;
identifier sk, pfrag;
expression sz;
@@
bool sk_page_frag_refill(struct sock *sk, struct page_frag *pfrag)
{
<...
-skb_page_frag_refill(sz, pfrag, sk->sk_allocation)
+net_reserve_page_frag_refill(sk, pfrag, sz)
...>
}

// The header, in the files this script changed and only there, once.
@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && tx_page && !has_include@
@@
#include <net/sock.h>
+#include <net/net_reserve.h>

// Report, context and org: a refill with a socket's flags outside
// sk_page_frag_refill(), so a memalloc socket's page taken from the
// reserves and charged to no group.
@uncharged depends on report || org || context@
identifier f != sk_page_frag_refill;
expression sz, pfrag, sk;
position p;
@@
f(...)
{
<...
skb_page_frag_refill@p(sz, pfrag, sk->sk_allocation)
...>
}

@depends on context@
position uncharged.p;
expression sz, pfrag, sk;
@@
* skb_page_frag_refill@p(sz, pfrag, sk->sk_allocation)

@script:python depends on report@
p << uncharged.p;
@@
coccilib.report.print_report(p[0], "a socket's send page refilled past sk_page_frag_refill(): charged to no group from the reserves")

@script:python depends on org@
p << uncharged.p;
@@
coccilib.org.print_todo(p[0], "a socket's send page refilled past sk_page_frag_refill()")

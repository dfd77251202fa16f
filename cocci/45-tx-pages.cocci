// SPDX-License-Identifier: GPL-2.0-only
/// Charge a memalloc socket's send page that came from the emergency
/// reserves to "TX pages", until the page allocator frees it.
///
/// TCP, UDP with paged data, kTLS offload and skmsg copy what they send
/// into the socket's page fragment, which sk_page_frag_refill() refills
/// with the socket's sk_allocation: for a SOCK_MEMALLOC socket that has
/// __GFP_MEMALLOC, so under pressure the page comes from the reserves and
/// was charged to no group. kTLS offload's record prepend and tag, TCP
/// Fast Open's SYN data and MPTCP's fragments refill the same fragment
/// past sk_page_frag_refill(), with skb_page_frag_refill() and the
/// socket's flags.
///
/// Each call of skb_page_frag_refill() with a socket's flags becomes
/// net_reserve_frag_refill(), which takes the same arguments with the
/// socket in place of its flags, so a converted call keeps its layout.
/// For a memalloc socket's own fragment it charges a page from the
/// reserves when the socket takes it (mem_reserve_charge_page()), and
/// once normal memory is back replaces such a page the socket holds
/// alone; the page allocator's free gives the charge back, whichever skb
/// drops the last reference. A page that does not fit is served
/// uncounted: a socket's send buffer bounds what it sends.
///
/// Report mode lists the calls of skb_page_frag_refill() with a socket's
/// sk_allocation still to convert.
//
// Files: net/core/sock.c net/ipv4/tcp_output.c net/mptcp/protocol.c net/tls/tls_device.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

// Any call with a socket's flags: the socket's own fragment is the one
// the helper charges, any other refills as before. A converted call no
// longer matches; the helpers' own calls are where the charge is made.
@tx_page depends on patch@
identifier f !~ "^(__)?net_reserve_frag_(refill|renew)$";
struct sock *sk;
expression sz, pfrag;
@@
f(...)
{
<+...
-skb_page_frag_refill
+net_reserve_frag_refill
 (sz, pfrag,
-sk->sk_allocation
+sk
 )
...+>
}

// The header, in the files this script changed and only there, once.
@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && tx_page && !has_include@
@@
#include <net/sock.h>
+#include <net/net_reserve.h>

@include_tcp depends on patch && tx_page && !has_include && !include@
@@
#include <net/tcp.h>
+#include <net/net_reserve.h>

// Report, context and org: a refill with a socket's flags, so a memalloc
// socket's page taken from the reserves and charged to no group. The
// helpers' own calls are where the charge is made. Untyped: a socket that
// spatch cannot type (sock->sk, without the headers) is listed too.
@uncharged depends on report || org || context@
identifier f !~ "^(__)?net_reserve_frag_(refill|renew)$";
expression sz, pfrag, sk;
position p;
@@
f(...)
{
<+...
skb_page_frag_refill@p(sz, pfrag, sk->sk_allocation)
...+>
}

@depends on context@
position uncharged.p;
expression sz, pfrag, sk;
@@
* skb_page_frag_refill@p(sz, pfrag, sk->sk_allocation)

@script:python depends on report@
p << uncharged.p;
@@
coccilib.report.print_report(p[0], "a socket's send page refilled with its flags: charged to no group from the reserves")

@script:python depends on org@
p << uncharged.p;
@@
coccilib.org.print_todo(p[0], "a socket's send page refilled with its flags")

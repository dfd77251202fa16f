// SPDX-License-Identifier: GPL-2.0-only
/// Make the heads that the receive path allocates for received data
/// receive heads, charged to the SKB data reserve.
///
/// A plain alloc_skb() head that dips into the reserves is a transmit
/// head (net_reserve_skb_alloc_tx()), and receive sites make theirs that
/// way: tcp_collapse() copies a memalloc socket's receive queue into new
/// skbs, and IP reassembly splits a first fragment's frag_list into an
/// skb of its own and unclones a shared first fragment, while they
/// process an emergency skb (PF_MEMALLOC);
/// kTLS's receive side (its stream parser's copies and anchors, and the
/// skb software decryption writes clear text into) and strparser's
/// message skbs allocate with a memalloc socket's sk_allocation, which
/// carries __GFP_MEMALLOC (sunrpc over TLS). Charged to the TX reserve,
/// they were refused while a stuck transmit queue held it full, and the
/// collapse, the reassembly or the read failed where mainline would have
/// served them. They become net_reserve_alloc_rx_skb() or
/// __alloc_skb_with_frags() with SKB_ALLOC_RESERVE_RX, which ask for the
/// same memory with the receive direction. Reassembly's take the
/// direction of the datagram (__alloc_skb() with reserve_dir, and
/// net_reserve_skb_unclone()): received, unless it is reassembled on
/// output.
//
// Files: net/core/skbuff.c net/ipv4/inet_fragment.c net/ipv4/tcp_input.c net/tls/tls_strp.c net/tls/tls_sw.c
// Confidence: High
// Options: --no-includes

virtual patch
virtual context
virtual org
virtual report

// Each replacement matches only the call it replaces: a converted site is
// not matched again.

// What a fragment queue's functions allocate holds the datagram they
// reassemble, the new head of a first fragment they unclone included. It
// was received, unless the fragment that completes it is still owned by a
// local sender's send buffer (conntrack's defragmentation on output),
// which is mainline's own test there, to move that socket to the
// reassembled skb; reserve_dir keeps the answer, as reassembly takes the
// fragment's socket away before it allocates. Each step has its own
// guard: the declaration, the transmit answer, each call.
@reasm_has_dir depends on patch@
identifier fn, q;
symbol reserve_dir;
position p;
@@
fn@p(..., struct inet_frag_queue *q, ...)
{
...
int reserve_dir = SKB_ALLOC_RESERVE_RX;
...
}

@reasm_dir depends on patch@
identifier fn, q, owner;
symbol reserve_dir;
expression skb, skb2, size, gfp;
position p != reasm_has_dir.p;
@@
fn@p(..., struct inet_frag_queue *q, ...)
{
...
struct sock *owner = skb->sk;
+int reserve_dir = SKB_ALLOC_RESERVE_RX;
...
if (owner && is_skb_wmem(skb)) {
...
}
<+...
\(alloc_skb(size, gfp)\|skb_unclone(skb2, gfp)\)
...+>
}

@reasm_tx depends on patch@
identifier fn, q, owner;
symbol reserve_dir;
expression skb;
@@
fn(..., struct inet_frag_queue *q, ...)
{
...
int reserve_dir = SKB_ALLOC_RESERVE_RX;
...
if (owner && is_skb_wmem(skb)) {
... when != reserve_dir = SKB_ALLOC_RESERVE_TX;
+reserve_dir = SKB_ALLOC_RESERVE_TX;
}
...
}

@reasm depends on patch@
identifier fn, q;
symbol reserve_dir;
expression size, gfp, skb;
@@
fn(..., struct inet_frag_queue *q, ...)
{
...
int reserve_dir = SKB_ALLOC_RESERVE_RX;
<+...
(
-alloc_skb(size, gfp)
+__alloc_skb(size, gfp, reserve_dir, NUMA_NO_NODE)
|
-skb_unclone(skb, gfp)
+net_reserve_skb_unclone(skb, gfp, reserve_dir)
)
...+>
}

@collapse depends on patch@
expression size, gfp;
@@
tcp_collapse(...)
{
<+...
-alloc_skb(size, gfp)
+net_reserve_alloc_rx_skb(size, gfp)
...+>
}

// Everything allocated with kTLS's stream parser's socket flags holds
// received records.
@tls_strp depends on patch@
struct tls_strparser *strp;
expression hlen, dlen, order, err;
@@
(
-alloc_skb_with_frags(hlen, dlen, order, err, strp->sk->sk_allocation)
+__alloc_skb_with_frags(hlen, dlen, order, err, strp->sk->sk_allocation,
+		       SKB_ALLOC_RESERVE_RX)
|
-alloc_skb(0, strp->sk->sk_allocation)
+net_reserve_alloc_rx_skb(0, strp->sk->sk_allocation)
)

@tls_clrtxt depends on patch@
expression hlen, dlen, order, err, gfp;
@@
tls_alloc_clrtxt_skb(...)
{
<+...
-alloc_skb_with_frags(hlen, dlen, order, err, gfp)
+__alloc_skb_with_frags(hlen, dlen, order, err, gfp, SKB_ALLOC_RESERVE_RX)
...+>
}

@strp_msg depends on patch@
expression size, gfp;
@@
alloc_skb_for_msg(...)
{
<+...
-alloc_skb(size, gfp)
+net_reserve_alloc_rx_skb(size, gfp)
...+>
}

// Report, context and org: what the patch converts, wherever it is, and
// the same kinds of skbs elsewhere: a new skb in a fragment queue's
// function; one that a function working on an skb queue fills with
// another skb's data (a collapse); an empty one made to wrap a frag_list
// (reassembly, strparser's messages); and a paged one filled with another
// skb's data or headers (kTLS's receive copies and decryption targets).
// On the receive path each holds received data; elsewhere the report is
// a candidate to look at, not a fault.

@reasm_left depends on report || org@
identifier fn, q;
expression size, gfp;
position p;
@@
fn(..., struct inet_frag_queue *q, ...)
{
<+...
alloc_skb@p(size, gfp)
...+>
}

@reasm_unclone depends on report || org@
identifier fn, q;
expression skb, gfp;
position p;
@@
fn(..., struct inet_frag_queue *q, ...)
{
<+...
skb_unclone@p(skb, gfp)
...+>
}

@queue_copy depends on report || org exists@
identifier fn, list;
expression nskb, skb, size, gfp, off, len;
position p;
@@
fn(..., struct sk_buff_head *list, ...)
{
...
nskb = alloc_skb@p(size, gfp);
...
skb_copy_bits(skb, off, skb_put(nskb, len), len)
...
}

@wrap depends on report || org exists@
expression n, gfp, E;
position p != reasm_left.p;
@@
n = alloc_skb@p(0, gfp);
...
skb_shinfo(n)->frag_list = E;

@paged_copy depends on report || org exists@
expression n, skb, hlen, dlen, order, err, gfp, off, len, frag;
position p;
@@
n = alloc_skb_with_frags@p(hlen, dlen, order, err, gfp);
...
\(skb_copy_bits(skb, off, skb_frag_address(frag), len)\|skb_copy_header(n, skb)\)

@depends on context@
identifier fn, q;
expression size, gfp;
@@
fn(..., struct inet_frag_queue *q, ...)
{
<+...
* alloc_skb(size, gfp)
...+>
}

@depends on context@
identifier fn, q;
expression skb, gfp;
@@
fn(..., struct inet_frag_queue *q, ...)
{
<+...
* skb_unclone(skb, gfp)
...+>
}

@depends on context exists@
identifier fn, list;
expression nskb, skb, size, gfp, off, len;
@@
fn(..., struct sk_buff_head *list, ...)
{
...
* nskb = alloc_skb(size, gfp);
...
skb_copy_bits(skb, off, skb_put(nskb, len), len)
...
}

@depends on context exists@
expression n, gfp, E;
@@
* n = alloc_skb(0, gfp);
...
skb_shinfo(n)->frag_list = E;

@depends on context exists@
expression n, skb, hlen, dlen, order, err, gfp, off, len, frag;
@@
* n = alloc_skb_with_frags(hlen, dlen, order, err, gfp);
...
\(skb_copy_bits(skb, off, skb_frag_address(frag), len)\|skb_copy_header(n, skb)\)

@script:python depends on report@
p << reasm_left.p;
@@
coccilib.report.print_report(p[0], "reassembly skb allocated as a transmit head: __alloc_skb() with the datagram's direction charges a received one to receive")

@script:python depends on report@
p << reasm_unclone.p;
@@
coccilib.report.print_report(p[0], "reassembly unclones into a transmit head: net_reserve_skb_unclone() with the datagram's direction charges a received one to receive")

@script:python depends on report@
p << queue_copy.p;
@@
coccilib.report.print_report(p[0], "copy of queued skb data allocated as a transmit head: on receive, net_reserve_alloc_rx_skb() charges it to receive")

@script:python depends on report@
p << wrap.p;
@@
coccilib.report.print_report(p[0], "skb wrapping a frag_list allocated as a transmit head: on receive, net_reserve_alloc_rx_skb() charges it to receive")

@script:python depends on report@
p << paged_copy.p;
@@
coccilib.report.print_report(p[0], "paged copy of an skb allocated as a transmit head: on receive, __alloc_skb_with_frags() with SKB_ALLOC_RESERVE_RX charges it to receive")

@script:python depends on org@
p << reasm_left.p;
@@
coccilib.org.print_todo(p[0], "reassembly skb allocated as a transmit head")

@script:python depends on org@
p << reasm_unclone.p;
@@
coccilib.org.print_todo(p[0], "reassembly unclones into a transmit head")

@script:python depends on org@
p << queue_copy.p;
@@
coccilib.org.print_todo(p[0], "copy of queued skb data allocated as a transmit head")

@script:python depends on org@
p << wrap.p;
@@
coccilib.org.print_todo(p[0], "skb wrapping a frag_list allocated as a transmit head")

@script:python depends on org@
p << paged_copy.p;
@@
coccilib.org.print_todo(p[0], "paged copy of an skb allocated as a transmit head")

// The header, in the files this script changed and only there, once.
@has_include depends on patch@
@@
#include <net/net_reserve.h>

@include depends on patch && !has_include &&
	(reasm || collapse || tls_strp || tls_clrtxt || strp_msg)@
@@
#include <net/sock.h>
+#include <net/net_reserve.h>

@include_tcp depends on patch && !has_include && !include &&
	(reasm || collapse || tls_strp || tls_clrtxt || strp_msg)@
@@
#include <net/tcp.h>
+#include <net/net_reserve.h>

@include_tls depends on patch && !has_include && !include && !include_tcp &&
	(reasm || collapse || tls_strp || tls_clrtxt || strp_msg)@
@@
#include <net/tls.h>
+#include <net/net_reserve.h>

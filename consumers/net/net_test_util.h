/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers for the network reserve KUnit suites. */
#ifndef _NET_MEM_RESERVE_TEST_UTIL_H
#define _NET_MEM_RESERVE_TEST_UTIL_H

#include <kunit/test.h>
#include <linux/netdev_features.h>
#include "internal.h"
#include "loopback.h"

/* A kernel UDP socket of a test case */
struct nr_test_socket {
	struct socket *sock;
	bool memalloc;
};

/* Bytes charged to a group to fill it, given back when the case ends */
struct nr_test_filler {
	struct mem_reserve *res;
	long bytes;
};

/* Both ends of a loopback TCP (or MPTCP) connection, memalloc sockets */
struct nr_test_tcp_pair {
	struct socket *client;
	struct socket *server;
};

/*
 * Objects of one cache taken to reach a slab made from the reserves, and
 * given back by nr_test_give_back_taken()
 */
struct nr_test_taken {
	struct kmem_cache *cache;
	void **objs;
	int n;
};

void nr_test_begin(struct kunit *test);
struct nr_test_socket *nr_test_udp_socket(struct kunit *test, u16 port,
					  bool memalloc);
void nr_test_close_socket(struct kunit *test, struct nr_test_socket *s);
int nr_test_setsockopt(struct socket *sock, int level, int name, int val);
int nr_test_tls_on(struct socket *sock, int dir);
void nr_test_lo_tls_offload(struct kunit *test, netdev_features_t features);
struct nr_test_tcp_pair *nr_test_tcp_pair(struct kunit *test, u16 port,
					  int protocol);
struct nr_test_tcp_pair *nr_test_tcp_pair_rcvbuf(struct kunit *test, u16 port,
						 int protocol, int rcvbuf);
void nr_test_tcp_close(struct kunit *test, struct nr_test_tcp_pair *tp);
int nr_test_tcp_send(struct socket *sock, size_t len);
long nr_test_head_charge(const struct sk_buff *skb);
void nr_test_hold_skb(struct kunit *test, struct sk_buff *skb);
struct nr_test_filler *nr_test_fill(struct kunit *test, struct mem_reserve *res,
				    long room);
void nr_test_unfill(struct kunit *test, struct nr_test_filler *filler);
struct nr_test_taken *nr_test_taken(struct kunit *test, struct kmem_cache *cache);
bool nr_test_take_to_slab(struct nr_test_taken *t, gfp_t gfp, bool reserve);
void nr_test_give_back_taken(struct nr_test_taken *t);
int nr_test_write_knob(int *knob, long val);
void nr_test_save_knob(struct kunit *test, int *knob);

#endif /* _NET_MEM_RESERVE_TEST_UTIL_H */

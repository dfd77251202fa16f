// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile traffic for the end-to-end runs, and the client's end of it.
 *
 *   traffic sink UDP_PORT TCP_PORT      client: an ordinary UDP socket that
 *                                       is never read, and a TCP listener
 *                                       that accepts and closes
 *   traffic udp DST PORT                attacker: 1400-byte datagrams
 *   traffic frag DST PORT               attacker: first fragments of UDP
 *                                       datagrams whose rest never comes,
 *                                       each with a new IP id, so they fill
 *                                       the client's reassembly queues
 *   traffic tcp DST PORT SRC_BASE N     attacker: short TCP connections,
 *                                       each from the next of N local
 *                                       addresses from SRC_BASE on
 *                                       (neighbour and route churn on the
 *                                       client)
 *
 * The floods send about FLOOD_PPS packets a second: more than the client's
 * emulated link takes, less than a host core, which the two guests need.
 * Every mode runs until it is killed. Each locks itself in memory so that
 * the traffic goes on while the client swaps.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define FLOOD_PPS 20000
#define FLOOD_BURST 50

/* after every FLOOD_BURST packets: sleep to keep to FLOOD_PPS */
static void pace(unsigned long sent)
{
	if (sent % FLOOD_BURST == 0)
		usleep(1000000 / (FLOOD_PPS / FLOOD_BURST));
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static struct sockaddr_in addr(const char *ip, const char *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };

	if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1) {
		fprintf(stderr, "traffic: bad address %s\n", ip);
		exit(2);
	}
	sa.sin_port = htons(atoi(port));
	return sa;
}

static void run_sink(const char *udp_port, const char *tcp_port)
{
	struct sockaddr_in u = addr("0.0.0.0", udp_port);
	struct sockaddr_in t = addr("0.0.0.0", tcp_port);
	int us, ts, one = 1;

	us = socket(AF_INET, SOCK_DGRAM, 0);
	if (us < 0 || bind(us, (struct sockaddr *)&u, sizeof(u)))
		die("traffic: UDP socket");
	ts = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(ts, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ts < 0 || bind(ts, (struct sockaddr *)&t, sizeof(t)) || listen(ts, 128))
		die("traffic: TCP listener");
	for (;;) {
		int c = accept(ts, NULL, NULL);

		if (c >= 0)
			close(c);
	}
}

static void udp_flood(const char *dst, const char *port)
{
	struct sockaddr_in d = addr(dst, port);
	static char buf[1400];
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s < 0)
		die("traffic: socket");
	for (unsigned long i = 1;; i++) {
		sendto(s, buf, sizeof(buf), 0, (struct sockaddr *)&d, sizeof(d));
		pace(i);
	}
}

static void frag_flood(const char *dst, const char *port)
{
	struct sockaddr_in d = addr(dst, port);
	struct {
		struct iphdr ip;
		struct udphdr udp;
		char data[1400];
	} pkt;
	unsigned short id = 1;
	int s = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);

	if (s < 0)
		die("traffic: raw socket");
	memset(&pkt, 0, sizeof(pkt));
	pkt.ip.version = 4;
	pkt.ip.ihl = 5;
	pkt.ip.ttl = 64;
	pkt.ip.protocol = IPPROTO_UDP;
	pkt.ip.daddr = d.sin_addr.s_addr;
	/* first fragment of a 3000-byte datagram: MF set, offset 0 */
	pkt.ip.frag_off = htons(IP_MF);
	pkt.ip.tot_len = htons(sizeof(pkt));
	pkt.udp.dest = d.sin_port;
	pkt.udp.source = htons(4242);
	pkt.udp.len = htons(3000);
	for (;;) {
		pkt.ip.id = htons(id++);
		sendto(s, &pkt, sizeof(pkt), 0, (struct sockaddr *)&d, sizeof(d));
		pace(id);
	}
}

static void tcp_churn(const char *dst, const char *port, const char *base, int n)
{
	struct sockaddr_in d = addr(dst, port), src = addr(base, "0");
	struct timeval tv = { .tv_sec = 2 };
	unsigned int first = ntohl(src.sin_addr.s_addr);
	unsigned long i;

	for (i = 0;; i++) {
		int s = socket(AF_INET, SOCK_STREAM, 0);

		if (s < 0) {
			usleep(10000);
			continue;
		}
		setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		src.sin_addr.s_addr = htonl(first + i % n);
		if (!bind(s, (struct sockaddr *)&src, sizeof(src)))
			connect(s, (struct sockaddr *)&d, sizeof(d));
		close(s);
	}
}

int main(int argc, char **argv)
{
	/* no swapping out of the traffic itself, if the limits allow */
	mlockall(MCL_CURRENT | MCL_FUTURE);
	if (argc == 4 && !strcmp(argv[1], "sink"))
		run_sink(argv[2], argv[3]);
	else if (argc == 4 && !strcmp(argv[1], "udp"))
		udp_flood(argv[2], argv[3]);
	else if (argc == 4 && !strcmp(argv[1], "frag"))
		frag_flood(argv[2], argv[3]);
	else if (argc == 6 && !strcmp(argv[1], "tcp"))
		tcp_churn(argv[2], argv[3], argv[4], atoi(argv[5]));
	/* the modes return only on bad arguments */
	fprintf(stderr, "usage: see the comment at the top of traffic.c\n");
	return 2;
}

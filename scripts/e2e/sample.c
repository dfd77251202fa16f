// SPDX-License-Identifier: GPL-2.0
/*
 * The client's sampler for the end-to-end runs: every INTERVAL seconds,
 * one line with the zones' free pages against their min watermarks, the
 * pages swapped out and in, the TCP pfmemalloc drops, the failed IP
 * reassemblies and the UDP receive drops, then the reserve
 * tree from debugfs (where the kernel has one), each line prefixed with
 * "tree:". It locks itself in memory so that it keeps reporting while the
 * client swaps; if it stops, the client is hung, not the sampler swapped.
 *
 *   sample INTERVAL
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static char buf[1 << 16];

static const char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* the value after "name " on its own line, as in /proc/vmstat */
static long vmstat_value(const char *name)
{
	const char *s = slurp("/proc/vmstat");
	size_t len = strlen(name);

	for (; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		if (!strncmp(s, name, len) && s[len] == ' ')
			return atol(s + len + 1);
	return -1;
}

/*
 * "Prefix: names..." followed by "Prefix: values...", as in
 * /proc/net/snmp and /proc/net/netstat: the named value.
 */
static long proc_net_value(const char *path, const char *prefix,
			   const char *name)
{
	char *names = strstr((char *)slurp(path), prefix);
	char *values = names ? strstr(names + 1, prefix) : NULL;
	char *n, *v, *sn, *sv;

	if (!values)
		return -1;
	values[-1] = '\0';
	n = strtok_r(names, "\n ", &sn);
	v = strtok_r(values, "\n ", &sv);
	while ((n = strtok_r(NULL, "\n ", &sn)) && (v = strtok_r(NULL, "\n ", &sv)))
		if (!strcmp(n, name))
			return atol(v);
	return -1;
}

static void zones(long *free, long *min)
{
	const char *s = slurp("/proc/zoneinfo");

	*free = *min = 0;
	for (; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL) {
		long v;

		if (sscanf(s, " pages free %ld", &v) == 1)
			*free += v;
		else if (sscanf(s, " min %ld", &v) == 1)
			*min += v;
	}
}

int main(int argc, char **argv)
{
	unsigned int interval = argc > 1 ? atoi(argv[1]) : 2;
	time_t start = time(NULL);

	mlockall(MCL_CURRENT | MCL_FUTURE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		long free, min, out, in;
		char *line, *save;

		zones(&free, &min);
		out = vmstat_value("pswpout");
		in = vmstat_value("pswpin");
		printf("sample: t=%ld free=%ld min=%ld ", (long)(time(NULL) - start),
		       free, min);
		printf("pswpout=%ld pswpin=%ld pfmemalloc_drops=%ld ", out, in,
		       proc_net_value("/proc/net/netstat", "TcpExt:",
				      "PFMemallocDrop"));
		/* what the floods cost: reassembly failures, UDP drops */
		printf("reasm_fails=%ld reasm_timeouts=%ld ",
		       proc_net_value("/proc/net/snmp", "Ip:", "ReasmFails"),
		       proc_net_value("/proc/net/snmp", "Ip:", "ReasmTimeout"));
		printf("udp_in_errors=%ld udp_rcvbuf_errors=%ld\n",
		       proc_net_value("/proc/net/snmp", "Udp:", "InErrors"),
		       proc_net_value("/proc/net/snmp", "Udp:", "RcvbufErrors"));
		slurp("/sys/kernel/debug/mem_reserve/tree");
		for (line = strtok_r(buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			printf("tree: %s\n", line);
		sleep(interval);
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The end-to-end memory hog: map SIZE MiB of anonymous memory, write a
 * pattern that depends on the page, the word and a seed into every word,
 * then read all of it back and check it. On a client with less memory
 * than SIZE, most of it goes to swap and comes back, so a lost or wrong
 * byte anywhere on the swap path shows as a mismatch.
 *
 * Output, one line each, for the harness to follow:
 *   hog: wrote N MiB        every 8 MiB of the write pass
 *   hog: checked N MiB      every 8 MiB of the read pass
 *   hog: OK N MiB in S s    at the end, pattern intact
 *   hog: MISMATCH ...       the first wrong word; exit status 1
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

typedef unsigned long long u64;

#define PAGE 4096UL
#define WORDS (PAGE / sizeof(u64))
#define STEP_MIB 8

static u64 pattern(u64 page, u64 word, u64 seed)
{
	u64 x = (page << 9 | word) ^ seed;

	/* splitmix64 finaliser: neighbouring words differ in every byte */
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long mib, pages, pages_per_step, p, w;
	u64 seed, *mem;
	double start;

	if (argc != 3) {
		fprintf(stderr, "usage: %s SIZE_MIB SEED\n", argv[0]);
		return 2;
	}
	mib = strtoul(argv[1], NULL, 0);
	seed = strtoull(argv[2], NULL, 0);
	pages = mib * (1024 * 1024 / PAGE);
	pages_per_step = STEP_MIB * (1024 * 1024 / PAGE);
	setvbuf(stdout, NULL, _IOLBF, 0);

	mem = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED) {
		perror("hog: mmap");
		return 2;
	}
	start = now();
	for (p = 0; p < pages; p++) {
		for (w = 0; w < WORDS; w++)
			mem[p * WORDS + w] = pattern(p, w, seed);
		if ((p + 1) % pages_per_step == 0)
			printf("hog: wrote %lu MiB\n", (p + 1) / (pages_per_step / STEP_MIB));
	}
	for (p = 0; p < pages; p++) {
		for (w = 0; w < WORDS; w++) {
			u64 want = pattern(p, w, seed);

			if (mem[p * WORDS + w] != want) {
				printf("hog: MISMATCH page %lu word %lu: %#llx, want %#llx\n",
				       p, w, (unsigned long long)mem[p * WORDS + w],
				       (unsigned long long)want);
				return 1;
			}
		}
		if ((p + 1) % pages_per_step == 0)
			printf("hog: checked %lu MiB\n", (p + 1) / (pages_per_step / STEP_MIB));
	}
	printf("hog: OK %lu MiB in %.0f s\n", mib, now() - start);
	return 0;
}

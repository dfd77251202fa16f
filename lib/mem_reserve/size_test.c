// SPDX-License-Identifier: GPL-2.0
/* KUnit: sizing reserves, and the sizing bounds against real slab caches. */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "test_util.h"

static void size_pages_set_and_add(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 7));
	KUNIT_EXPECT_EQ(test, 7L, mem_reserve_pages(res));
	KUNIT_EXPECT_EQ(test, 7L * PAGE_SIZE, mem_reserve_limit(res));

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_add(res, 3));
	KUNIT_EXPECT_EQ(test, 10L, mem_reserve_pages(res));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_add(res, -4));
	KUNIT_EXPECT_EQ(test, 6L, mem_reserve_pages(res));
	KUNIT_EXPECT_EQ(test, 6L * PAGE_SIZE, mem_reserve_limit(res));
}

static void size_bad_sizes_are_einval(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	struct kmem_cache *s = kmem_cache_create("mr_einval", 64, 0, 0, NULL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 2));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_set(res, -1));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_set(res, LONG_MAX));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_add(res, -3));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_add(res, LONG_MAX));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_kmalloc_set(res, -1));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_kmalloc_set(res, LONG_MAX));
	/* bytes within RAM, but slab overhead would take the demand past it */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			mem_reserve_kmalloc_set(res, totalram_pages() * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_kmem_cache_set(res, s, -1));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_kmem_cache_set(res, s, INT_MAX));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_set(&mem_reserve_root, 1));
	/* nothing changed */
	KUNIT_EXPECT_EQ(test, 2L, mem_reserve_pages(res));
	KUNIT_EXPECT_EQ(test, 2L * PAGE_SIZE, mem_reserve_limit(res));
	kmem_cache_destroy(s);
}

static void size_set_enomem_when_connected(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", &mem_reserve_root);
	long root = mem_reserve_pages(&mem_reserve_root);
	long bytes = mr_test_kmalloc_bytes_past_watermark(test);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 4));
	KUNIT_EXPECT_EQ(test, -ENOMEM, mem_reserve_pages_set(res, totalram_pages()));
	KUNIT_EXPECT_EQ(test, -ENOMEM, mem_reserve_kmalloc_set(res, bytes));
	KUNIT_EXPECT_EQ(test, 4L, mem_reserve_pages(res));
	KUNIT_EXPECT_EQ(test, 4L * PAGE_SIZE, mem_reserve_limit(res));
	KUNIT_EXPECT_EQ(test, root + 4, mem_reserve_pages(&mem_reserve_root));
}

/* Pages of the distinct slabs (or large allocations) holding @objs. */
static long pages_backing(struct kunit *test, void **objs, long n)
{
	struct xarray seen;
	long pages = 0, i;

	xa_init(&seen);
	for (i = 0; i < n; i++) {
		struct folio *folio = virt_to_folio(objs[i]);
		unsigned long pfn = folio_pfn(folio);

		if (xa_load(&seen, pfn))
			continue;
		KUNIT_ASSERT_EQ(test, 0, xa_err(xa_store(&seen, pfn, folio,
							 GFP_KERNEL)));
		pages += folio_nr_pages(folio);
	}
	xa_destroy(&seen);
	return pages;
}

static void size_kmem_cache_bound_holds(struct kunit *test)
{
	static const unsigned int sizes[] = { 24, 200, 1000, 3000, 9000 };
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	const long n = 300;
	void **objs = kunit_kcalloc(test, n, sizeof(*objs), GFP_KERNEL);
	unsigned int i;
	long j;

	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct kmem_cache *s = kmem_cache_create("mr_size", sizes[i], 0,
							 0, NULL);

		KUNIT_ASSERT_NOT_NULL(test, s);
		KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_set(res, s, n));
		KUNIT_EXPECT_EQ(test, n * (long)kmem_cache_size(s),
				mem_reserve_limit(res));
		for (j = 0; j < n; j++) {
			objs[j] = kmem_cache_alloc(s, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, objs[j]);
		}
		KUNIT_EXPECT_LE_MSG(test, pages_backing(test, objs, n),
				    mem_reserve_pages(res) +
				    mem_reserve_kmem_cache_cpu_pages(s, num_online_cpus()),
				    "object size %u", sizes[i]);
		KUNIT_EXPECT_GE(test, mem_reserve_pages(res) * (long)PAGE_SIZE,
				n * (long)sizes[i]);
		for (j = 0; j < n; j++)
			kmem_cache_free(s, objs[j]);
		kmem_cache_destroy(s);
	}
}

static void size_kmalloc_bound_holds(struct kunit *test)
{
	static const unsigned int sizes[] = { 8, 100, 700, 2049, 5000, 20000 };
	const long bytes = 256 * 1024;
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	void **objs = kunit_kcalloc(test, bytes / 8, sizeof(*objs), GFP_KERNEL);
	unsigned int i;
	long j, n;

	KUNIT_ASSERT_NOT_NULL(test, objs);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(res, bytes));
	KUNIT_EXPECT_EQ(test, bytes, mem_reserve_limit(res));
	KUNIT_EXPECT_GE(test, mem_reserve_pages(res), bytes / (long)PAGE_SIZE);

	/* whatever the object size, what the limit admits fits the demand */
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		n = bytes / (long)kmalloc_size_roundup(sizes[i]);
		for (j = 0; j < n; j++) {
			objs[j] = kmalloc(sizes[i], GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, objs[j]);
		}
		KUNIT_EXPECT_LE_MSG(test, pages_backing(test, objs, n),
				    mem_reserve_pages(res) +
				    mem_reserve_kmalloc_cpu_pages(num_online_cpus()),
				    "object size %u", sizes[i]);
		for (j = 0; j < n; j++)
			kfree(objs[j]);
	}
}

/* The root holds its groups' pages and per-CPU slabs; so does the watermark. */
static void expect_root(struct kunit *test, long root, long groups, long slabs)
{
	KUNIT_EXPECT_EQ(test, slabs, mem_reserve_cpu_slab_total);
	KUNIT_EXPECT_EQ(test, root + groups + slabs,
			mem_reserve_pages(&mem_reserve_root));
	KUNIT_EXPECT_EQ(test, (unsigned long)mem_reserve_pages(&mem_reserve_root),
			READ_ONCE(memalloc_reserve_pages));
}

/*
 * The per-CPU slabs of a cache are held once, while a connected group
 * holds its objects, however many do; they go when the last one goes, or
 * sizes itself for something else.
 */
static void size_cpu_slabs_held_once(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("mr_cpu_slabs", 200, 0, 0, NULL);
	long root = mem_reserve_pages(&mem_reserve_root), km, sc, groups;
	struct mem_reserve *a, *b, *c, *d;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, 0L, mem_reserve_cpu_slab_total);
	km = mem_reserve_kmalloc_cpu_pages(num_online_cpus());
	sc = mem_reserve_kmem_cache_cpu_pages(s, num_online_cpus());
	KUNIT_ASSERT_GT(test, km, 0L);
	KUNIT_ASSERT_GT(test, sc, 0L);

	a = mr_test_reserve(test, "a", &mem_reserve_root);
	b = mr_test_reserve(test, "b", &mem_reserve_root);
	c = mr_test_reserve(test, "c", &mem_reserve_root);
	/* sized while not connected: nothing held until it connects */
	d = mr_test_reserve(test, "d", NULL);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(a, 64 * 1024));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(b, 16 * 1024));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_set(c, s, 100));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_set(d, s, 50));
	groups = mem_reserve_pages(a) + mem_reserve_pages(b) + mem_reserve_pages(c);
	expect_root(test, root, groups, km + sc);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(d, &mem_reserve_root));
	groups += mem_reserve_pages(d);
	expect_root(test, root, groups, km + sc);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(a));
	groups -= mem_reserve_pages(a);
	expect_root(test, root, groups, km + sc);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(c));
	groups -= mem_reserve_pages(c);
	expect_root(test, root, groups, km + sc);

	/* the last kmalloc group now holds pages only */
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(b, 3));
	groups = mem_reserve_pages(b) + mem_reserve_pages(d);
	expect_root(test, root, groups, sc);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(d));
	expect_root(test, root, mem_reserve_pages(b), 0);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(b));
	expect_root(test, root, 0, 0);
	kmem_cache_destroy(s);
}

/*
 * A connected group that sizes itself for another cache moves the root's
 * per-CPU slabs with it; a sizing that fails changes nothing; a subtree
 * connected below a connected node brings its caches' slabs along.
 */
static void size_cpu_slabs_follow_the_tree(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("mr_cpu_kind", 300, 0, 0, NULL);
	long root = mem_reserve_pages(&mem_reserve_root), km, sc, too_big;
	struct mem_reserve *top, *a, *b;

	KUNIT_ASSERT_NOT_NULL(test, s);
	km = mem_reserve_kmalloc_cpu_pages(num_online_cpus());
	sc = mem_reserve_kmem_cache_cpu_pages(s, num_online_cpus());
	top = mr_test_reserve(test, "top", &mem_reserve_root);
	a = mr_test_reserve(test, "a", top);
	b = mr_test_reserve(test, "b", NULL);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(a, 32 * 1024));
	expect_root(test, root, mem_reserve_pages(a), km);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_set(a, s, 50));
	expect_root(test, root, mem_reserve_pages(a), sc);
	too_big = mr_test_kmalloc_bytes_past_watermark(test);
	KUNIT_EXPECT_EQ(test, -ENOMEM, mem_reserve_kmalloc_set(a, too_big));
	KUNIT_EXPECT_PTR_EQ(test, (const void *)s, a->cpu_slabs);
	expect_root(test, root, mem_reserve_pages(a), sc);

	/* b, sized while on its own, connects below top */
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(b, 8 * 1024));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_connect(b, top));
	expect_root(test, root, mem_reserve_pages(a) + mem_reserve_pages(b),
		    sc + km);
	/* a group taken down to no pages holds no cache's slabs */
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(b, 0));
	expect_root(test, root, mem_reserve_pages(a), sc);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(top));
	expect_root(test, root, 0, 0);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(a, 0));
	kmem_cache_destroy(s);
}

/*
 * A group charged objects of a second cache: its demand covers its limit
 * in either kind, whichever packs worse, and the root holds the second
 * cache's per-CPU slabs too, once, even when another group is sized for
 * it. The cache can only be named before sizing, and cleared after.
 */
static void size_extra_cache(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("mr_extra", 3000, 0, 0, NULL);
	long root = mem_reserve_pages(&mem_reserve_root), km, sc, want;
	const long bytes = 64 * 1024;
	struct mem_reserve *a, *b;

	KUNIT_ASSERT_NOT_NULL(test, s);
	km = mem_reserve_kmalloc_cpu_pages(num_online_cpus());
	sc = mem_reserve_kmem_cache_cpu_pages(s, num_online_cpus());
	a = mr_test_reserve(test, "a", &mem_reserve_root);
	b = mr_test_reserve(test, "b", &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_add(a, s));
	KUNIT_EXPECT_EQ(test, -EBUSY, mem_reserve_kmem_cache_add(a, s));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(a, bytes));
	KUNIT_EXPECT_EQ(test, bytes, mem_reserve_limit(a));
	/* whichever packs worse: the 3000-byte objects, but under KASAN */
	want = max(mem_reserve_kmalloc_pages(bytes),
		   mem_reserve_kmem_cache_pages(s, bytes / kmem_cache_size(s)));
	KUNIT_EXPECT_EQ(test, want, mem_reserve_pages(a));
	if (!IS_ENABLED(CONFIG_KASAN))
		KUNIT_EXPECT_GT(test, want, mem_reserve_kmalloc_pages(bytes));
	expect_root(test, root, mem_reserve_pages(a), km + sc);
	/* sized for objects: no pages on top */
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_set(a, 3));
	KUNIT_EXPECT_EQ(test, -EINVAL, mem_reserve_pages_add(a, 3));

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_set(b, s, 10));
	expect_root(test, root, mem_reserve_pages(a) + mem_reserve_pages(b),
		    km + sc);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(b, 0));
	expect_root(test, root, mem_reserve_pages(a), km + sc);

	/* a group holding nothing holds no slabs, of either cache */
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(a, 0));
	expect_root(test, root, 0, 0);
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_kmem_cache_add(a, NULL));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(a, bytes));
	KUNIT_EXPECT_EQ(test, mem_reserve_kmalloc_pages(bytes), mem_reserve_pages(a));
	expect_root(test, root, mem_reserve_pages(a), km);
	/* a cache is named before sizing; taking one back works any time */
	KUNIT_EXPECT_EQ(test, -EBUSY, mem_reserve_kmem_cache_add(a, s));
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_kmem_cache_add(a, NULL));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(a, 0));
	kmem_cache_destroy(s);
}

/*
 * Three extra caches: the demand covers the limit in whichever of the four
 * kinds packs worst, and the root holds the per-CPU slabs of all four. A
 * fourth, or the same one again, is refused; forgetting them forgets all.
 */
static void size_extra_caches(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("mr_extra", 3000, 0, SLAB_NO_MERGE, NULL);
	struct kmem_cache *t = kmem_cache_create("mr_extra2", 200, 0, SLAB_NO_MERGE, NULL);
	struct kmem_cache *u = kmem_cache_create("mr_extra3", 100, 0, SLAB_NO_MERGE, NULL);
	struct kmem_cache *v = kmem_cache_create("mr_extra4", 600, 0, SLAB_NO_MERGE, NULL);
	long root = mem_reserve_pages(&mem_reserve_root), slabs, want, others;
	const long bytes = 64 * 1024;
	struct mem_reserve *a;

	BUILD_BUG_ON(MEM_RESERVE_EXTRA_CACHES != 3);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_NOT_NULL(test, u);
	KUNIT_ASSERT_NOT_NULL(test, v);
	slabs = mem_reserve_kmalloc_cpu_pages(num_online_cpus()) +
		mem_reserve_kmem_cache_cpu_pages(s, num_online_cpus()) +
		mem_reserve_kmem_cache_cpu_pages(t, num_online_cpus()) +
		mem_reserve_kmem_cache_cpu_pages(u, num_online_cpus());
	a = mr_test_reserve(test, "a", &mem_reserve_root);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_add(a, t));
	KUNIT_EXPECT_EQ(test, -EBUSY, mem_reserve_kmem_cache_add(a, t));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_add(a, s));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_add(a, u));
	KUNIT_EXPECT_EQ(test, -EBUSY, mem_reserve_kmem_cache_add(a, v));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(a, bytes));
	others = max3(mem_reserve_kmalloc_pages(bytes),
		      mem_reserve_kmem_cache_pages(t, bytes / kmem_cache_size(t)),
		      mem_reserve_kmem_cache_pages(u, bytes / kmem_cache_size(u)));
	want = max(others, mem_reserve_kmem_cache_pages(s, bytes / kmem_cache_size(s)));
	KUNIT_EXPECT_EQ(test, want, mem_reserve_pages(a));
	/* the second named packs worst, but under KASAN */
	if (!IS_ENABLED(CONFIG_KASAN))
		KUNIT_EXPECT_GT(test, want, others);
	expect_root(test, root, mem_reserve_pages(a), slabs);

	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(a, 0));
	expect_root(test, root, 0, 0);
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_kmem_cache_add(a, NULL));
	KUNIT_EXPECT_NULL(test, a->extra_caches[0]);
	KUNIT_EXPECT_NULL(test, a->extra_caches[1]);
	KUNIT_EXPECT_NULL(test, a->extra_caches[2]);
	kmem_cache_destroy(v);
	kmem_cache_destroy(u);
	kmem_cache_destroy(t);
	kmem_cache_destroy(s);
}

/* Full slabs, in pages, that @n objects of @s fill, in its worse order */
static long full_slab_pages(struct kmem_cache *s, long n)
{
	unsigned int order, per_slab;
	long first, least;

	kmem_cache_geometry(s, false, &order, &per_slab);
	first = n / per_slab << order;
	kmem_cache_geometry(s, true, &order, &per_slab);
	least = n / per_slab << order;
	return max(first, least);
}

/*
 * Bytes within the limit, of objects of a group's extra caches, never
 * fill more full slabs than its demand, however they mix. A cache of
 * objects larger than a page, a few to a slab, packs worst; the bytes
 * its objects leave short of the next one fill slabs of a small-object
 * cache. Every mix of the two is tried, over limits a third of a slab
 * apart and between.
 */
static void size_mixed_kinds_within_demand(struct kunit *test)
{
	struct kmem_cache *big = kmem_cache_create("mr_mix_big", 9000, 0,
						   SLAB_NO_MERGE, NULL);
	struct kmem_cache *small = kmem_cache_create("mr_mix_small", 200, 0,
						     SLAB_NO_MERGE, NULL);
	struct mem_reserve *a = mr_test_reserve(test, "a", NULL);
	long limit, n, worst, pages, over = 0;
	unsigned int ob, os;

	KUNIT_ASSERT_NOT_NULL(test, big);
	KUNIT_ASSERT_NOT_NULL(test, small);
	ob = kmem_cache_size(big);
	os = kmem_cache_size(small);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_add(a, big));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_add(a, small));
	for (limit = ob; limit < 12L * ob; limit += ob / 8) {
		KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(a, limit));
		pages = mem_reserve_pages(a);
		worst = 0;
		for (n = 0; n * ob <= limit; n++)
			worst = max(worst, full_slab_pages(big, n) +
				    full_slab_pages(small, (limit - n * ob) / os));
		if (worst > pages && !over++)
			kunit_info(test, "limit %ld: %ld pages of full slabs, demand %ld\n",
				   limit, worst, pages);
	}
	KUNIT_EXPECT_EQ(test, 0L, over);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(a, 0));
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_kmem_cache_add(a, NULL));
	kmem_cache_destroy(small);
	kmem_cache_destroy(big);
}

/* The largest size @res connects at: the watermark can grow no further. */
static long fill_watermark(struct kunit *test, struct mem_reserve *res)
{
	long lo = 0, hi = totalram_pages(), mid;

	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (mem_reserve_pages_set(res, mid))
			hi = mid - 1;
		else
			lo = mid;
	}
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_pages_set(res, lo));
	return lo;
}

/*
 * Only online CPUs hold slabs: the root holds the per-CPU slabs for them,
 * gives one CPU's back once it is dead, and takes them again before it
 * comes up. A CPU comes up even when the watermark cannot hold its slabs,
 * as in mainline; they are held at the next change that has room.
 */
static void size_cpu_slabs_follow_cpu_hotplug(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("mr_cpu_hp", 200, 0, 0, NULL);
	long root = mem_reserve_pages(&mem_reserve_root), one;
	unsigned int cpus = num_online_cpus();
	unsigned int cpu = cpumask_last(cpu_online_mask);
	struct mem_reserve *c, *filler;

	if (!IS_ENABLED(CONFIG_HOTPLUG_CPU) || cpus < 2)
		kunit_skip(test, "needs CPU hotplug and a second CPU");
	KUNIT_ASSERT_NOT_NULL(test, s);
	one = mem_reserve_kmem_cache_cpu_pages(s, 1);
	c = mr_test_reserve(test, "c", &mem_reserve_root);
	filler = mr_test_reserve(test, "filler", &mem_reserve_root);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_set(c, s, 100));
	KUNIT_EXPECT_EQ(test, cpus, mem_reserve_slab_cpus);
	expect_root(test, root, mem_reserve_pages(c), cpus * one);

	KUNIT_ASSERT_EQ(test, 0, remove_cpu(cpu));
	KUNIT_EXPECT_EQ(test, cpus - 1, mem_reserve_slab_cpus);
	expect_root(test, root, mem_reserve_pages(c), (cpus - 1) * one);

	/* with no room left for its slabs, the CPU still comes up */
	fill_watermark(test, filler);
	KUNIT_EXPECT_EQ(test, 0, add_cpu(cpu));
	KUNIT_EXPECT_TRUE(test, cpu_online(cpu));
	KUNIT_EXPECT_EQ(test, cpus, mem_reserve_slab_cpus);
	KUNIT_EXPECT_EQ(test, 1U, mem_reserve_unheld_cpus);
	expect_root(test, root, mem_reserve_pages(c) + mem_reserve_pages(filler),
		    (cpus - 1) * one);

	/* the next change with room holds them */
	KUNIT_EXPECT_EQ(test, 0, mem_reserve_pages_set(filler, 0));
	KUNIT_EXPECT_EQ(test, 0U, mem_reserve_unheld_cpus);
	expect_root(test, root, mem_reserve_pages(c), cpus * one);
	if (!cpu_online(cpu))
		KUNIT_EXPECT_EQ(test, 0, add_cpu(cpu));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_disconnect(c));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(c, 0));
	kmem_cache_destroy(s);
}

/*
 * A group's own demand does not grow with the number of CPUs: only the
 * per-CPU slabs do, held once per cache and online CPU. The figures are
 * what this kernel's slab geometry gives; the table in core-api/
 * mem_reserve.rst quotes them.
 */
static void size_demand_independent_of_cpus(struct kunit *test)
{
	struct mem_reserve *res = mr_test_reserve(test, "res", NULL);
	const long bytes = 512 * 1024, limit_pages = bytes / PAGE_SIZE;
	struct kmem_cache *s = kmem_cache_create("mr_cpus", 256, 0, 0, NULL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmalloc_set(res, bytes));
	kunit_info(test, "kmalloc 512 KiB: %ld pages for a limit of %ld; per-CPU slabs, once: %ld pages per online CPU, %ld with 256 online\n",
		   mem_reserve_pages(res), limit_pages,
		   mem_reserve_kmalloc_cpu_pages(1),
		   mem_reserve_kmalloc_cpu_pages(256));
	/* KASAN's redzones take the small kmalloc classes to 4x, for real */
	if (!IS_ENABLED(CONFIG_KASAN))
		KUNIT_EXPECT_LE(test, mem_reserve_pages(res), 2 * limit_pages);

	KUNIT_ASSERT_EQ(test, 0,
			mem_reserve_kmem_cache_set(res, s, bytes / kmem_cache_size(s)));
	kunit_info(test, "kmem_cache %u B, 512 KiB: %ld pages for a limit of %ld; per-CPU slabs, once: %ld pages per online CPU, %ld with 256 online\n",
		   kmem_cache_size(s), mem_reserve_pages(res), limit_pages,
		   mem_reserve_kmem_cache_cpu_pages(s, 1),
		   mem_reserve_kmem_cache_cpu_pages(s, 256));
	KUNIT_EXPECT_LE(test, mem_reserve_pages(res), 2 * limit_pages);
	/* the per-CPU part grows with the CPUs, and only it */
	KUNIT_EXPECT_EQ(test, 128 * mem_reserve_kmem_cache_cpu_pages(s, 2),
			mem_reserve_kmem_cache_cpu_pages(s, 256));
	KUNIT_ASSERT_EQ(test, 0, mem_reserve_pages_set(res, 0));
	kmem_cache_destroy(s);
}

static struct kunit_case mem_reserve_size_cases[] = {
	KUNIT_CASE(size_pages_set_and_add),
	KUNIT_CASE(size_bad_sizes_are_einval),
	KUNIT_CASE(size_set_enomem_when_connected),
	KUNIT_CASE(size_kmem_cache_bound_holds),
	KUNIT_CASE(size_kmalloc_bound_holds),
	KUNIT_CASE(size_cpu_slabs_held_once),
	KUNIT_CASE(size_cpu_slabs_follow_the_tree),
	KUNIT_CASE(size_cpu_slabs_follow_cpu_hotplug),
	KUNIT_CASE(size_extra_cache),
	KUNIT_CASE(size_extra_caches),
	KUNIT_CASE(size_mixed_kinds_within_demand),
	KUNIT_CASE(size_demand_independent_of_cpus),
	{}
};

static struct kunit_suite mem_reserve_size_suite = {
	.name = "mem_reserve_size",
	.test_cases = mem_reserve_size_cases,
};

kunit_test_suite(mem_reserve_size_suite);

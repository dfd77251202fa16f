// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: how much a group really takes from the reserves. Each case sizes
 * a connected group, exhausts memory, fills the group to its limit from
 * the reserves with PF_MEMALLOC on every online CPU in turn, and compares
 * the pages that hold its charged objects with the pages it reserved (its
 * own demand; the partly used per-CPU slabs are held once at the root):
 * never more than the two together. The figures are printed for the
 * sizing table of Documentation/core-api/mem_reserve.rst.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>
#include "test_util.h"

#define FILL_BYTES	(256L * 1024)
/* The goal: a group reserves at most 1.5 times what it consumes. */
#define FILL_GOAL_TENTHS	15
/* Objects taken on one CPU before the fill moves on to the next. */
#define FILL_BATCH	16
/*
 * The caches are the group's own: merged with a kernel cache of the same
 * size, their slabs would also serve callers without reserve rights,
 * whose share of a slab made from the reserves the model does not bound
 * (see "What the estimate does not bound" in core-api/mem_reserve.rst).
 */
#define FILL_CACHE_FLAGS	SLAB_NO_MERGE

enum fill_kind { FILL_KMALLOC, FILL_KMEM_CACHE, FILL_TWO_CACHES, FILL_PAGES };

struct fill_param {
	const char *name;
	enum fill_kind kind;
	/* object size; 0 for kmalloc: every size class in turn */
	unsigned int size;
	/* for two caches: the other one's, whose objects alternate */
	unsigned int extra_size;
};

static const struct fill_param fill_params[] = {
	{ "kmalloc 8", FILL_KMALLOC, 8 },
	{ "kmalloc 1024", FILL_KMALLOC, 1024 },
	{ "kmalloc 200", FILL_KMALLOC, 200 },
	{ "kmalloc every class", FILL_KMALLOC, 0 },
	{ "kmem_cache 200", FILL_KMEM_CACHE, 200 },
	{ "kmem_cache 3000", FILL_KMEM_CACHE, 3000 },
	{ "kmem_cache 200 and 3000", FILL_TWO_CACHES, 200, 3000 },
	{ "pages", FILL_PAGES, PAGE_SIZE },
};

static void fill_param_desc(const struct fill_param *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fill, fill_params, fill_param_desc);

struct fill {
	const struct fill_param *p;
	struct mem_reserve *res;
	struct kmem_cache *cache;
	struct kmem_cache *extra;
	void **objs;
	bool *emerg;
	long n, max;
};

/* The size of the i-th object: @p's, or the kmalloc classes in turn. */
static unsigned int fill_size(const struct fill *f, long i)
{
	unsigned int idx;

	if (f->p->size)
		return f->p->size;
	/* classes 8 .. KMALLOC_MAX_CACHE_SIZE, smallest first */
	idx = KMALLOC_SHIFT_LOW + i % (KMALLOC_SHIFT_HIGH - KMALLOC_SHIFT_LOW + 1);
	return 1U << idx;
}

/* What the charge for the i-th object would be. */
static long fill_charge(const struct fill *f, long i)
{
	switch (f->p->kind) {
	case FILL_KMALLOC:
		return kmalloc_size_roundup(fill_size(f, i));
	case FILL_KMEM_CACHE:
		return kmem_cache_size(f->cache);
	case FILL_TWO_CACHES:
		return kmem_cache_size(i % 2 ? f->extra : f->cache);
	default:
		return PAGE_SIZE;
	}
}

static void *fill_alloc(struct fill *f, long i, bool *emerg)
{
	struct page *page;

	switch (f->p->kind) {
	case FILL_KMALLOC:
		return kmalloc_reserve(fill_size(f, i), GFP_ATOMIC, NUMA_NO_NODE,
				       f->res, emerg);
	case FILL_KMEM_CACHE:
		return kmem_cache_alloc_reserve(f->cache, GFP_ATOMIC,
						NUMA_NO_NODE, f->res, emerg);
	case FILL_TWO_CACHES:
		return kmem_cache_alloc_reserve(i % 2 ? f->extra : f->cache,
						GFP_ATOMIC, NUMA_NO_NODE, f->res,
						emerg);
	default:
		page = alloc_pages_reserve(NUMA_NO_NODE, GFP_ATOMIC, 0, f->res,
					   emerg);
		return page ? page_address(page) : NULL;
	}
}

static void fill_free(struct fill *f, long i)
{
	switch (f->p->kind) {
	case FILL_KMALLOC:
		if (f->emerg[i])
			kfree_reserve(f->objs[i], f->res, true);
		else
			kfree(f->objs[i]);
		break;
	case FILL_KMEM_CACHE:
	case FILL_TWO_CACHES:
		kmem_cache_free_reserve(f->p->kind == FILL_TWO_CACHES && i % 2 ?
					f->extra : f->cache, f->objs[i], f->res,
					f->emerg[i]);
		break;
	default:
		free_pages_reserve(virt_to_page(f->objs[i]), 0, f->res,
				   f->emerg[i]);
	}
}

/* Pages of the distinct slabs (or pages) holding the charged objects. */
static long fill_pages_consumed(struct kunit *test, struct fill *f)
{
	struct xarray seen;
	long pages = 0, i;

	xa_init(&seen);
	for (i = 0; i < f->n; i++) {
		struct folio *folio = virt_to_folio(f->objs[i]);

		if (!f->emerg[i] || xa_load(&seen, folio_pfn(folio)))
			continue;
		KUNIT_ASSERT_EQ(test, 0, xa_err(xa_store(&seen, folio_pfn(folio),
							 folio, GFP_KERNEL)));
		pages += folio_nr_pages(folio);
	}
	xa_destroy(&seen);
	return pages;
}

KUNIT_DEFINE_ACTION_WRAPPER(kvfree_action, kvfree, const void *);

static void fill_release(void *arg)
{
	struct fill *f = arg;

	while (f->n)
		fill_free(f, --f->n);
	kmem_cache_destroy(f->cache);
	kmem_cache_destroy(f->extra);
}

/*
 * Take objects from the reserves, FILL_BATCH on each online CPU in turn,
 * until the wrapper refuses one. Uncharged objects (free objects of slabs
 * that normal memory made) are kept too, so that they are not served
 * again. Returns the charge the refused object would have made.
 */
static long fill_to_refusal(struct kunit *test, struct fill *f)
{
	unsigned int noreclaim, cpu = cpumask_first(cpu_online_mask);
	long refused = 0;

	noreclaim = memalloc_noreclaim_save();
	while (f->n < f->max) {
		if (f->n % FILL_BATCH == 0) {
			cpu = cpumask_next(cpu, cpu_online_mask);
			if (cpu >= nr_cpu_ids)
				cpu = cpumask_first(cpu_online_mask);
			set_cpus_allowed_ptr(current, cpumask_of(cpu));
		}
		f->objs[f->n] = fill_alloc(f, f->n, &f->emerg[f->n]);
		if (!f->objs[f->n]) {
			refused = fill_charge(f, f->n);
			break;
		}
		f->n++;
	}
	memalloc_noreclaim_restore(noreclaim);
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	return refused;
}

static void size_fill_from_reserves(struct kunit *test)
{
	const struct fill_param *p = test->param_value;
	struct fill *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	long reserved, consumed, limit, usage, refused, slabs;
	int err;

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->p = p;
	f->res = mr_test_reserve(test, "fill", &mem_reserve_root);
	/* every object the limit admits, and as many uncharged ones */
	f->max = 2 * FILL_BYTES / KMALLOC_MIN_SIZE;
	f->objs = kvcalloc(f->max, sizeof(*f->objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f->objs);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, kvfree_action,
							   f->objs));
	f->emerg = kvcalloc(f->max, sizeof(*f->emerg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f->emerg);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, kvfree_action,
							   f->emerg));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fill_release, f));

	switch (p->kind) {
	case FILL_KMALLOC:
		err = mem_reserve_kmalloc_set(f->res, FILL_BYTES);
		break;
	case FILL_KMEM_CACHE:
		f->cache = kmem_cache_create("mr_fill", p->size, 0,
					     FILL_CACHE_FLAGS, NULL);
		KUNIT_ASSERT_NOT_NULL(test, f->cache);
		err = mem_reserve_kmem_cache_set(f->res, f->cache, FILL_BYTES /
						 kmem_cache_size(f->cache));
		break;
	case FILL_TWO_CACHES:
		/* sized for one, charged objects of both */
		f->cache = kmem_cache_create("mr_fill", p->size, 0,
					     FILL_CACHE_FLAGS, NULL);
		f->extra = kmem_cache_create("mr_fill_extra", p->extra_size, 0,
					     FILL_CACHE_FLAGS, NULL);
		KUNIT_ASSERT_NOT_NULL(test, f->cache);
		KUNIT_ASSERT_NOT_NULL(test, f->extra);
		KUNIT_ASSERT_EQ(test, 0, mem_reserve_kmem_cache_add(f->res, f->extra));
		err = mem_reserve_kmem_cache_set(f->res, f->cache, FILL_BYTES /
						 kmem_cache_size(f->cache));
		break;
	default:
		err = mem_reserve_pages_set(f->res, FILL_BYTES / PAGE_SIZE);
	}
	KUNIT_ASSERT_EQ(test, 0, err);
	limit = mem_reserve_limit(f->res);
	reserved = mem_reserve_pages(f->res);
	/* what the root holds of per-CPU slabs: this group's caches' only */
	slabs = mem_reserve_cpu_slab_total;

	KUNIT_ASSERT_GT(test, mr_test_exhaust_memory(test, GFP_ATOMIC), 0L);
	refused = fill_to_refusal(test, f);
	usage = mem_reserve_usage(f->res);
	/* the objects stay where they are; counting them needs memory */
	mr_test_give_back_memory(test);
	consumed = fill_pages_consumed(test, f);

	kunit_info(test, "%s: limit %ld pages, reserved %ld (+%ld per-CPU slabs at the root), consumed %ld, reserved/consumed %ld.%02ld on %u CPUs\n",
		   p->name, limit / (long)PAGE_SIZE, reserved,
		   slabs, consumed,
		   consumed ? reserved / consumed : 0,
		   consumed ? reserved * 100 / consumed % 100 : 0,
		   num_online_cpus());
	/* the fill reached the limit: it ended for want of room */
	KUNIT_EXPECT_LT(test, f->n, f->max);
	KUNIT_EXPECT_GT_MSG(test, usage + refused, limit,
			    "refused at %ld of %ld bytes", usage, limit);
	/* partly used slabs come from the per-CPU slabs the root holds */
	KUNIT_EXPECT_LE(test, consumed, reserved + slabs);
	/*
	 * The goal is about the model, not about KASAN: its redzones make
	 * the smallest kmalloc classes, which bound a group of any mix of
	 * sizes, take four times their size, for real.
	 */
	if (!IS_ENABLED(CONFIG_KASAN))
		KUNIT_EXPECT_LE_MSG(test, reserved * 10, consumed * FILL_GOAL_TENTHS,
				    "reserved %ld pages for %ld consumed",
				    reserved, consumed);
}

static struct kunit_case mem_reserve_size_fill_cases[] = {
	KUNIT_CASE_PARAM(size_fill_from_reserves, fill_gen_params),
	{}
};

static struct kunit_suite mem_reserve_size_fill_suite = {
	.name = "mem_reserve_size_fill",
	.test_cases = mem_reserve_size_fill_cases,
};

kunit_test_suite(mem_reserve_size_fill_suite);

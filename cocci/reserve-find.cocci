// SPDX-License-Identifier: GPL-2.0-only
/// Find allocations that can take emergency memory (ALLOC_NO_WATERMARKS)
/// without charging a reserve group, the sites a subsystem converts to
/// the mem_reserve wrappers:
///
///  - allocations whose gfp has __GFP_MEMALLOC, directly or through a
///    local gfp variable, and gfp values with __GFP_MEMALLOC kept in a
///    field (sk_allocation) for allocations made elsewhere;
///  - allocations in a PF_MEMALLOC section of the same function
///    (memalloc_noreclaim_save() up to its restore, or current->flags
///    |= PF_MEMALLOC up to current_restore_flags()), and the start of
///    each such section: what it calls runs with the reserves too;
///  - every allocation in the function named with -D fn=<name>, for the
///    functions a memalloc socket's receive or a swap writeout path
///    reaches (one function per run);
///  - open-coded fallbacks: an allocation with __GFP_NOMEMALLOC retried
///    into the same place without it (the gfp_pfmemalloc_allowed() form
///    included), which one wrapper call replaces;
///  - reserve wrappers called with a NULL group, which take emergency
///    memory unaccounted;
///  - mempools: every mempool_create*()/mempool_init*() with the number
///    of elements it pins at boot and the group size that would replace
///    it, and the mempool_alloc()s of a PF_MEMALLOC section or of the
///    -D fn function. mempool_alloc() sets __GFP_NOMEMALLOC, so a pool
///    never takes the reserves: its forward progress comes from the
///    elements it pins all the time, where a group would give it while
///    connected only and pin nothing otherwise.
///
/// Allocations with __GFP_NOMEMALLOC never use the reserves and are not
/// listed (but for the first half of a fallback). Calls are not followed
/// into other functions: name those with
/// -D fn. Patch mode changes nothing and prints what report mode prints
/// (so MODE=chain shows it too): the fix needs the subsystem's group,
/// which cocci/reserve-convert.cocci takes.
//
// Confidence: Moderate
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
# Allocators that honour __GFP_MEMALLOC and PF_MEMALLOC, and the ones
# cocci/reserve-convert.cocci turns into a wrapper.
CONVERTIBLE = {
	"kmalloc", "kzalloc", "kmalloc_node", "kzalloc_node",
	"kmalloc_node_track_caller", "kmem_cache_alloc", "kmem_cache_zalloc",
	"kmem_cache_alloc_node", "alloc_pages", "alloc_pages_node",
	"alloc_page",
}
OTHERS = {
	"__get_free_pages", "__get_free_page", "kcalloc", "kcalloc_node", "kmalloc_array", "kmalloc_array_node",
	"krealloc", "krealloc_array", "kmalloc_track_caller", "kmemdup",
	"kstrdup", "kvmalloc", "kvzalloc", "kvmalloc_node", "kvzalloc_node",
	"kvcalloc", "kmem_cache_alloc_lru", "__alloc_pages",
	"__alloc_pages_node", "get_zeroed_page", "folio_alloc",
	"__folio_alloc", "page_frag_alloc", "page_frag_alloc_align",
	"alloc_skb", "__alloc_skb", "alloc_skb_with_frags", "alloc_skb_fclone",
	"__netdev_alloc_skb", "netdev_alloc_skb", "__dev_alloc_skb",
	"dev_alloc_skb", "__napi_alloc_skb", "napi_alloc_skb",
	"__dev_alloc_pages", "dev_alloc_pages", "__dev_alloc_page",
	"dev_alloc_page", "skb_clone", "skb_copy", "pskb_copy",
	"sock_kmalloc",
}

def is_alloc(name):
	return name in CONVERTIBLE or name in OTHERS

import re

MP_CREATE = {
	"mempool_create_slab_pool", "mempool_init_slab_pool",
	"mempool_create_kmalloc_pool", "mempool_init_kmalloc_pool",
	"mempool_create_page_pool", "mempool_init_page_pool",
	"mempool_create_kvmalloc_pool", "mempool_init_kvmalloc_pool",
	"mempool_create", "mempool_create_node", "mempool_init",
	"mempool_init_node",
}

def is_mempool(name):
	return name in MP_CREATE

def pretty(e):
	e = re.sub(r"\s*(->|\.)\s*", r"\1", str(e).strip())
	e = re.sub(r"\b(sizeof|__alignof__)\s+\(", r"\1(", e)
	e = re.sub(r"([(&!*])\s+", r"\1", e)
	return re.sub(r"\s+([),])", r"\1", e)

def split_args(s):
	args, depth, cur = [], 0, ""
	for c in str(s):
		if c in "([{":
			depth += 1
		elif c in ")]}":
			depth -= 1
		if c == "," and depth == 0:
			args.append(pretty(cur))
			cur = ""
		else:
			cur += c
	if cur.strip():
		args.append(pretty(cur))
	return args

# What a pool pins and what replaces it.
def mempool_msg(mk, args):
	if mk.startswith("mempool_init"):
		args = args[1:]
	n, rest = args[0], args[1:]
	pin = "mempool pins %s elements at boot for forward progress" % n
	conv = ("; mempool_alloc() never takes the reserves: a group sized "
		"with %s gives the same while connected: "
		"cocci/reserve-convert.cocci -D group=<group>")
	if mk.endswith("slab_pool"):
		return (pin + " (of %s)" % rest[0] + conv %
			("mem_reserve_kmem_cache_set(<group>, %s, %s)" % (rest[0], n)))
	if mk.endswith("kmalloc_pool"):
		return (pin + " (of %s bytes)" % rest[0] + conv %
			("mem_reserve_kmalloc_set(<group>, %s * "
			 "kmalloc_size_roundup(%s))" % (n, rest[0])))
	if mk.endswith("page_pool"):
		return (pin + " (pages of order %s); no conversion: a group sized "
			"with mem_reserve_pages_set(<group>, %s << %s) and "
			"alloc_pages_reserve() by hand" % (rest[0], n, rest[0]))
	if mk.endswith("kvmalloc_pool"):
		return (pin + " (of %s bytes); no reserve wrapper for kvmalloc(): "
			"charge a group by hand (mem_reserve_charge()/"
			"mem_reserve_uncharge())" % rest[0])
	return (pin + " from its own alloc function %s(); no conversion: "
		"charge a group sized for %s elements by hand "
		"(mem_reserve_charge()/mem_reserve_uncharge())" % (rest[0], n))

def todo(name):
	if name in CONVERTIBLE:
		return "charge a group: cocci/reserve-convert.cocci -D group=<group>"
	if name.startswith("__get_free_page"):
		return ("charge a group: alloc_pages_reserve() and "
			"page_address(), freed with free_pages_reserve()")
	return ("no reserve wrapper for %s(): charge a group by hand "
		"(mem_reserve_charge()/mem_reserve_uncharge()) or add "
		"__GFP_NOMEMALLOC" % name)

# Report and org output, sorted by position, printed by the last rule,
# which runs once per file after all others (with --jobs, as make
# coccicheck runs spatch, each file is matched in its own process and a
# finalize rule would see nothing).
out = {"org": False}
found = {}

def emit(p, msg):
	found.setdefault((p.file, int(p.line), int(p.column)), (p, msg))

def flush():
	for k in sorted(found):
		p, msg = found[k]
		if out["org"]:
			coccilib.org.print_todo(p, msg)
		else:
			coccilib.report.print_report(p, msg)
	found.clear()

@script:python depends on org@
@@
out["org"] = True

// Patch mode has no fix to make. This rule changes nothing (the
// function does not exist) but keeps spatch from failing with "no rules
// apply".
@depends on patch@
identifier nothing = reserve_find_changes_nothing;
@@
- nothing();

// An allocation that never uses the reserves, whatever its context.
@nomem@
identifier alloc : script:python () { is_alloc(alloc) };
position p;
@@
alloc@p(..., <+... __GFP_NOMEMALLOC ...+>, ...)

// An allocation with __GFP_MEMALLOC cleared.
@cleared@
identifier alloc : script:python () { is_alloc(alloc) };
position p;
@@
alloc@p(..., <+... ~__GFP_MEMALLOC ...+>, ...)

// Tried with __GFP_NOMEMALLOC, then into the same place without it.
@fallback exists@
identifier alloc1 : script:python () { is_alloc(alloc1) };
identifier alloc2 : script:python () { is_alloc(alloc2) };
expression x, E;
position p1;
position p2 != nomem.p;
@@
x = alloc1@p1(..., <+... __GFP_NOMEMALLOC ...+>, ...);
... when != x = E
    when != kfree(x)
    when != kmem_cache_free(..., x)
    when != __free_pages(x, ...)
x = alloc2@p2(...);

@memalloc_arg@
identifier alloc : script:python () { is_alloc(alloc) };
position p != cleared.p;
@@
alloc@p(..., <+... __GFP_MEMALLOC ...+>, ...)

@memalloc_var exists@
identifier alloc : script:python () { is_alloc(alloc) };
typedef gfp_t;
local idexpression gfp_t g;
expression E;
position p;
@@
(
 g = <+... __GFP_MEMALLOC ...+>
|
 g |= <+... __GFP_MEMALLOC ...+>
)
... when != g = E
    when != g &= E
    when any
alloc@p(..., g, ...)

@memalloc_decl exists@
identifier alloc : script:python () { is_alloc(alloc) };
typedef gfp_t;
identifier g;
expression E, F;
position p;
@@
gfp_t g = <+... __GFP_MEMALLOC ...+>;
... when != g = E
    when != g &= F
    when any
alloc@p(..., g, ...)

// A gfp with __GFP_MEMALLOC kept for allocations made elsewhere.
@memalloc_field@
expression E;
identifier fld;
position p;
@@
E->fld@p = <+... __GFP_MEMALLOC ...+>

@section exists@
identifier alloc : script:python () { is_alloc(alloc) };
expression fl;
symbol current;
position ps, p != nomem.p;
@@
(
 fl = memalloc_noreclaim_save@ps();
|
 current@ps->flags |= PF_MEMALLOC;
)
... when != memalloc_noreclaim_restore(fl)
    when != current_restore_flags(..., PF_MEMALLOC)
    when != current->flags &= ~PF_MEMALLOC
    when any
alloc@p(...)

@section_decl exists@
identifier alloc : script:python () { is_alloc(alloc) };
identifier fl;
type T;
position ps, p != nomem.p;
@@
T fl = memalloc_noreclaim_save@ps();
... when != memalloc_noreclaim_restore(fl)
    when any
alloc@p(...)

@section_start@
expression fl;
symbol current;
position ps;
@@
(
 fl = memalloc_noreclaim_save@ps()
|
 current@ps->flags |= PF_MEMALLOC
)

@section_start_decl@
identifier fl;
type T;
position ps;
@@
T fl = memalloc_noreclaim_save@ps();

@named@
identifier virtual.fn;
identifier alloc : script:python () { is_alloc(alloc) };
position p != nomem.p;
@@
fn(...)
{
<...
 alloc@p(...)
...>
}

@nogroup@
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
expression E;
position p;
@@
wrap@p(..., NULL, E)

// Mempools: what they pin, and their allocations on the reserve paths.
@mp_pool@
identifier mk : script:python () { is_mempool(mk) };
expression list es;
position pc;
@@
mk@pc(es)

@mp_section exists@
expression fl, P;
symbol current;
position ps, p;
@@
(
 fl = memalloc_noreclaim_save@ps();
|
 current@ps->flags |= PF_MEMALLOC;
)
... when != memalloc_noreclaim_restore(fl)
    when != current_restore_flags(..., PF_MEMALLOC)
    when != current->flags &= ~PF_MEMALLOC
    when any
mempool_alloc@p(P, ...)

@mp_section_decl exists@
identifier fl;
type T;
expression P;
position ps, p;
@@
T fl = memalloc_noreclaim_save@ps();
... when != memalloc_noreclaim_restore(fl)
    when any
mempool_alloc@p(P, ...)

@mp_named@
identifier virtual.fn;
expression P;
position p;
@@
fn(...)
{
<...
 mempool_alloc@p(P, ...)
...>
}

@depends on context@
identifier mp_pool.mk;
position mp_pool.pc;
@@
*mk@pc(...)

@depends on context@
position mp_section.p;
@@
*mempool_alloc@p(...)

@depends on context@
position mp_section_decl.p;
@@
*mempool_alloc@p(...)

@depends on context@
position mp_named.p;
@@
*mempool_alloc@p(...)

@depends on context@
identifier fallback.alloc1;
position fallback.p1;
@@
*alloc1@p1(...)

@depends on context@
identifier memalloc_arg.alloc;
position memalloc_arg.p;
@@
*alloc@p(...)

@depends on context@
identifier memalloc_var.alloc;
position memalloc_var.p;
@@
*alloc@p(...)

@depends on context@
identifier memalloc_decl.alloc;
position memalloc_decl.p;
@@
*alloc@p(...)

@depends on context@
expression E;
identifier memalloc_field.fld;
position memalloc_field.p;
@@
*E->fld@p

@depends on context@
identifier section.alloc;
position section.p;
@@
*alloc@p(...)

@depends on context@
identifier section_decl.alloc;
position section_decl.p;
@@
*alloc@p(...)

@depends on context@
expression fl;
symbol current;
position section_start.ps;
@@
(
*fl = memalloc_noreclaim_save@ps()
|
*current@ps->flags |= PF_MEMALLOC
)

@depends on context@
identifier fl;
type T;
position section_start_decl.ps;
@@
*T fl = memalloc_noreclaim_save@ps();

@depends on context@
identifier named.alloc;
position named.p;
@@
*alloc@p(...)

@depends on context@
identifier nogroup.wrap;
position nogroup.p;
@@
*wrap@p(...)

@script:python depends on org || report || patch@
p1 << fallback.p1;
p2 << fallback.p2;
a << fallback.alloc1;
@@
emit(p1[0], "open-coded reserve fallback, retried at line %s without "
     "__GFP_NOMEMALLOC: one reserve wrapper call does both (%s)"
     % (p2[0].line, todo(a)))

@script:python depends on org || report || patch@
p << memalloc_arg.p;
a << memalloc_arg.alloc;
@@
emit(p[0], "__GFP_MEMALLOC allocation takes emergency memory without a "
     "reserve group: " + todo(a))

@script:python depends on org || report || patch@
p << memalloc_var.p;
a << memalloc_var.alloc;
@@
emit(p[0], "allocation with a __GFP_MEMALLOC gfp takes emergency memory "
     "without a reserve group: " + todo(a))

@script:python depends on org || report || patch@
p << memalloc_decl.p;
a << memalloc_decl.alloc;
@@
emit(p[0], "allocation with a __GFP_MEMALLOC gfp takes emergency memory "
     "without a reserve group: " + todo(a))

@script:python depends on org || report || patch@
p << memalloc_field.p;
@@
emit(p[0], "__GFP_MEMALLOC gfp kept for later allocations: they take "
     "emergency memory without a reserve group; list them with "
     "-D fn=<function>")

@script:python depends on org || report || patch@
ps << section.ps;
p << section.p;
a << section.alloc;
@@
emit(p[0], "allocation in the PF_MEMALLOC section of line %s takes "
     "emergency memory without a reserve group: %s" % (ps[0].line, todo(a)))

@script:python depends on org || report || patch@
ps << section_decl.ps;
p << section_decl.p;
a << section_decl.alloc;
@@
emit(p[0], "allocation in the PF_MEMALLOC section of line %s takes "
     "emergency memory without a reserve group: %s" % (ps[0].line, todo(a)))

@script:python depends on org || report || patch@
ps << section_start.ps;
@@
emit(ps[0], "PF_MEMALLOC section: what it calls may take emergency memory "
     "without a reserve group; list those functions' allocations with "
     "-D fn=<function>")

@script:python depends on org || report || patch@
ps << section_start_decl.ps;
@@
emit(ps[0], "PF_MEMALLOC section: what it calls may take emergency memory "
     "without a reserve group; list those functions' allocations with "
     "-D fn=<function>")

@script:python depends on org || report || patch@
p << named.p;
a << named.alloc;
fn << virtual.fn;
@@
emit(p[0], "allocation in %s() may take emergency memory without a "
     "reserve group: %s" % (fn, todo(a)))

@script:python depends on org || report || patch@
p << nogroup.p;
@@
emit(p[0], "reserve wrapper without a group: its emergency memory is not "
     "accounted; pass the subsystem's group")

@script:python depends on org || report || patch@
pc << mp_pool.pc;
mk << mp_pool.mk;
es << mp_pool.es;
@@
emit(pc[0], mempool_msg(mk, split_args(es)))

@script:python depends on org || report || patch@
ps << mp_section.ps;
p << mp_section.p;
P << mp_section.P;
@@
emit(p[0], "mempool_alloc() in the PF_MEMALLOC section of line %s: %s "
     "gives its pinned elements, never the reserves; replace the pool "
     "by a group (see its creation)" % (ps[0].line, pretty(P)))

@script:python depends on org || report || patch@
ps << mp_section_decl.ps;
p << mp_section_decl.p;
P << mp_section_decl.P;
@@
emit(p[0], "mempool_alloc() in the PF_MEMALLOC section of line %s: %s "
     "gives its pinned elements, never the reserves; replace the pool "
     "by a group (see its creation)" % (ps[0].line, pretty(P)))

@script:python depends on org || report || patch@
p << mp_named.p;
P << mp_named.P;
fn << virtual.fn;
@@
emit(p[0], "mempool_alloc() in %s(): %s gives its pinned elements, "
     "never the reserves; replace the pool by a group (see its creation)"
     % (fn, pretty(P)))

@script:python depends on report || org || patch@
@@
flush()

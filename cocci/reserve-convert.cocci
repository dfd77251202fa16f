// SPDX-License-Identifier: GPL-2.0-only
/// Convert the allocations that can take emergency memory to the
/// mem_reserve wrappers, charging the group given with -D group=<expr>
/// (any C expression valid where the objects are allocated and freed:
/// -D group=&foo_reserve, -D group=&priv->reserve).
///
/// The sites are those cocci/reserve-find.cocci lists: allocations with
/// __GFP_MEMALLOC in their gfp (directly or through a local gfp
/// variable), in a PF_MEMALLOC section of the same function, anywhere in
/// the function named with -D fn=<name>, and open-coded "__GFP_NOMEMALLOC
/// first, then again without" fallbacks, which become one wrapper call.
/// kmalloc(), kzalloc(), kmalloc_node(), kzalloc_node(),
/// kmalloc_node_track_caller(), kmem_cache_alloc(), kmem_cache_zalloc(),
/// kmem_cache_alloc_node(), alloc_pages(), alloc_page() and
/// alloc_pages_node() become kmalloc_reserve(),
/// kmalloc_reserve_track_caller(), kmem_cache_alloc_reserve() and
/// alloc_pages_reserve() (NUMA_NO_NODE where the call had no node; the
/// zeroing variants pass __GFP_ZERO, which the wrappers hand to the
/// allocator). The emerg flag goes with the object:
///
///  - an object kept in a local variable and freed on every path out of
///    the function that allocates it (after its NULL test) gets a
///    "bool emerg = false;" local, declared beside the variable
///    (<variable>_emerg when the function converts several variables),
///    and its frees in that function become kfree_reserve(),
///    kmem_cache_free_reserve() or free_pages_reserve();
///  - with -D emerg_field=<flag>, an object stored in a struct field
///    (E->buf = kmalloc(...), or a local stored there as E->buf = x)
///    keeps its flag in E-><flag>, which the author adds to the struct,
///    and every free of ->buf in the file passes it. One field's objects
///    per run: the only one there is, or the one -D obj_field=<field>
///    names;
///  - an open-coded fallback that already records where the object came
///    from (pf = true before the retry) passes &pf.
///
/// The group is a -D value because spatch passes only identifiers
/// through virtual metavariables; a python rule parses it as an
/// expression. It must be valid in every function that allocates or
/// frees the objects. Anything else is left as it is and listed in
/// report mode with the reason: an object that outlives the function
/// without a named field (returned, linked into a list, freed only on
/// some paths), one returned or passed on directly, __get_free_pages()
/// (no wrapper returns an address: use alloc_pages_reserve() and
/// page_address()), and allocators without a wrapper (skbs, kvmalloc,
/// krealloc...). Report mode (which needs no -D group) lists each site
/// and what patch mode does with it; context and org modes mark the same
/// sites. Without -D group patch mode changes nothing. Run
/// cocci/reserve-check.cocci afterwards.
//
// Confidence: Moderate
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
CONVERTIBLE = {
	"kmalloc", "kzalloc", "kmalloc_node", "kzalloc_node",
	"kmalloc_node_track_caller", "kmem_cache_alloc", "kmem_cache_zalloc",
	"kmem_cache_alloc_node", "alloc_pages", "alloc_pages_node",
	"alloc_page",
}
WRAPPER = {
	"kmalloc": "kmalloc_reserve", "kzalloc": "kmalloc_reserve",
	"kmalloc_node": "kmalloc_reserve", "kzalloc_node": "kmalloc_reserve",
	"kmalloc_node_track_caller": "kmalloc_reserve_track_caller",
	"kmem_cache_alloc": "kmem_cache_alloc_reserve",
	"kmem_cache_zalloc": "kmem_cache_alloc_reserve",
	"kmem_cache_alloc_node": "kmem_cache_alloc_reserve",
	"alloc_pages": "alloc_pages_reserve", "alloc_page": "alloc_pages_reserve",
	"alloc_pages_node": "alloc_pages_reserve",
}
# Allocators that can take the reserves but have no wrapper.
OTHERS = {
	"__get_free_pages", "__get_free_page", "get_zeroed_page",
	"kcalloc", "kcalloc_node", "kmalloc_array", "kmalloc_array_node",
	"krealloc", "krealloc_array", "kmalloc_track_caller", "kmemdup",
	"kstrdup", "kvmalloc", "kvzalloc", "kvmalloc_node", "kvzalloc_node",
	"kvcalloc", "kmem_cache_alloc_lru", "__alloc_pages",
	"__alloc_pages_node", "folio_alloc", "__folio_alloc",
	"page_frag_alloc", "alloc_skb", "__alloc_skb", "alloc_skb_with_frags",
	"__netdev_alloc_skb", "netdev_alloc_skb", "__dev_alloc_skb",
	"dev_alloc_skb", "__napi_alloc_skb", "napi_alloc_skb",
	"__dev_alloc_pages", "dev_alloc_pages", "__dev_alloc_page",
	"dev_alloc_page", "sock_kmalloc",
}

def key(p):
	return (p.file, int(p.line), int(p.column))

def is_conv(name):
	return name in CONVERTIBLE

def is_alloc(name):
	return name in CONVERTIBLE or name in OTHERS

selected = set()	# sites that can take the reserves
leaky = set()		# a local object that outlives its function
stored = {}		# a local object stored in a struct field: the field
field_names = set()	# the fields that converted objects would go in
wanted_field = []	# -D obj_field
flag_field = []		# -D emerg_field
fallback_first = {}	# the first half of a fallback: it, its retry
how = {}		# site converted: its position and flag
why = {}		# site left: why

def select(ps):
	for p in ps:
		selected.add(key(p))

def is_selected(ps):
	return key(ps[0]) in selected

def undecided(ps):
	k = key(ps[0])
	return k in selected and k not in how

# Report and org output, sorted by position, printed by the last rule,
# which runs once per file after all others (with --jobs, as make
# coccicheck runs spatch, each file is matched in its own process and a
# finalize rule would see nothing).
out = {"org": False}

def decide(p, alloc, flag):
	how[key(p)] = (p, flag, "%s() -> %s(), flag %s" %
		       (alloc, WRAPPER[alloc], flag.lstrip("&")))

def leave(p, msg):
	why.setdefault(key(p), (p, msg))

def flush():
	found = [(k, p, "convert: " + m) for k, (p, f, m) in how.items()]
	found += [(k, p, "left: " + m) for k, (p, m) in why.items()
		  if k not in how]
	for k, (p, k2) in fallback_first.items():
		if k2 in how:
			msg = ("fallback: merged into the wrapper call of line %s"
			       % how[k2][0].line)
		else:
			msg = ("left: first half of a fallback, merged only with "
			       "its retry (line %s)" % k2[1])
		found.append((k, p, msg))
	for k, p, msg in sorted(found, key=lambda site: site[0]):
		if out["org"]:
			coccilib.org.print_todo(p, msg)
		else:
			coccilib.report.print_report(p, msg)
	for d in (selected, leaky, stored, field_names, fallback_first, how,
		  why, local_vars, declared):
		d.clear()

def field_ok(fld):
	if wanted_field:
		return fld == wanted_field[0]
	return len(field_names) == 1

def stored_ok(ps):
	return key(ps[0]) in stored and field_ok(stored[key(ps[0])])

def field_conflict(fld):
	flag = flag_field[0]
	if wanted_field:
		return "stored in ->%s, not in -D obj_field=%s" % (fld, wanted_field[0])
	return ("objects go in ->%s and would share the flag ->%s: name "
		"the one to convert with -D obj_field=<field>" %
		(", ->".join(sorted(field_names)), flag))

# Per function, the local variables converted there, for the flags' names.
local_vars = {}
declared = set()

@script:python depends on org@
@@
out["org"] = True

@script:python grp@
g << virtual.group;
group;
@@
coccinelle.group = cocci.make_expr(g)

// ---------------------------------------------------------------------
// Which allocations can take the reserves (as cocci/reserve-find.cocci).

@nomem@
identifier alloc : script:python () { is_alloc(alloc) };
position p;
@@
alloc@p(..., <+... __GFP_NOMEMALLOC ...+>, ...)

@cleared@
identifier alloc : script:python () { is_alloc(alloc) };
position p;
@@
alloc@p(..., <+... ~__GFP_MEMALLOC ...+>, ...)

@fallback exists@
identifier alloc1 : script:python () { is_alloc(alloc1) };
identifier alloc2 : script:python () { is_alloc(alloc2) };
expression x, E;
position p1, p2 != nomem.p;
@@
x = alloc1@p1(..., <+... __GFP_NOMEMALLOC ...+>, ...);
... when != x = E
    when != kfree(x)
    when != kmem_cache_free(..., x)
    when != __free_pages(x, ...)
x = alloc2@p2(...);

@script:python@
p1 << fallback.p1;
p2 << fallback.p2;
@@
select(p2)
fallback_first[key(p1[0])] = (p1[0], key(p2[0]))

@sel_arg@
identifier alloc : script:python () { is_alloc(alloc) };
position p != cleared.p;
@@
alloc@p(..., <+... __GFP_MEMALLOC ...+>, ...)

@script:python@
p << sel_arg.p;
@@
select(p)

@sel_var exists@
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

@script:python@
p << sel_var.p;
@@
select(p)

@sel_var_decl exists@
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

@script:python@
p << sel_var_decl.p;
@@
select(p)

@sel_section exists@
identifier alloc : script:python () { is_alloc(alloc) };
expression fl;
symbol current;
position p != nomem.p;
@@
(
 fl = memalloc_noreclaim_save();
|
 current->flags |= PF_MEMALLOC;
)
... when != memalloc_noreclaim_restore(fl)
    when != current_restore_flags(..., PF_MEMALLOC)
    when != current->flags &= ~PF_MEMALLOC
    when any
alloc@p(...)

@script:python@
p << sel_section.p;
@@
select(p)

@sel_section_decl exists@
identifier alloc : script:python () { is_alloc(alloc) };
identifier fl;
type T;
position p != nomem.p;
@@
T fl = memalloc_noreclaim_save();
... when != memalloc_noreclaim_restore(fl)
    when any
alloc@p(...)

@script:python@
p << sel_section_decl.p;
@@
select(p)

@sel_fn@
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

@script:python@
p << sel_fn.p;
@@
select(p)

// ---------------------------------------------------------------------
// Where each object goes, and so where its flag can go.

// A local object on a path that leaves the function without freeing it
// (after its NULL test, if it has one right after the allocation).
@nullchecked exists@
identifier alloc : script:python () { is_conv(alloc) };
local idexpression x;
expression E;
statement S;
position p : script:python () { is_selected(p) };
@@
x = alloc@p(...);
... when != x = E
if (\(!x\|x == NULL\|unlikely(!x)\|unlikely(x == NULL)\)) S

@leak exists@
identifier alloc : script:python () { is_conv(alloc) };
local idexpression x;
expression E, C;
statement S;
position p : script:python () { is_selected(p) };
@@
x = alloc@p(...);
... when != x = E
if (\(!x\|x == NULL\|unlikely(!x)\|unlikely(x == NULL)\)) S
... when != kfree(x)
    when != kmem_cache_free(C, x)
    when != __free_pages(x, ...)
    when != __free_page(x)
    when != x = E
return ...;

@leak_unchecked exists@
identifier alloc : script:python () { is_conv(alloc) };
local idexpression x;
expression E, C;
position p != nullchecked.p;
position p1 : script:python () { is_selected(p1) };
@@
x = alloc@p@p1(...);
... when != kfree(x)
    when != kmem_cache_free(C, x)
    when != __free_pages(x, ...)
    when != __free_page(x)
    when != x = E
return ...;

@script:python@
p << leak.p;
@@
leaky.add(key(p[0]))

@script:python@
p << leak_unchecked.p;
@@
leaky.add(key(p[0]))

// Objects stored in a field. Their flag goes in -D emerg_field, so only
// one field's objects may be converted: the one -D obj_field names, or the
// only one there is.
@script:python@
f << virtual.obj_field;
@@
wanted_field.append(f)

@script:python@
f << virtual.emerg_field;
@@
flag_field.append(f)

@store exists@
identifier alloc : script:python () { is_conv(alloc) };
local idexpression x;
expression E, E2;
identifier fld;
position p : script:python () { bool(flag_field) and is_selected(p) };
@@
x = alloc@p(...);
... when != x = E2
E->fld = x;

@script:python@
p << store.p;
fld << store.fld;
@@
stored[key(p[0])] = fld
field_names.add(fld)

@field_cand@
identifier alloc : script:python () { is_conv(alloc) };
expression E;
identifier fld;
position p : script:python () { bool(flag_field) and is_selected(p) };
@@
E->fld = alloc@p(...)

@script:python@
fld << field_cand.fld;
@@
field_names.add(fld)

// A fallback that records where the object came from (pf = true, or
// *pf = true, before the retry), and whose first half jumps to where
// the retry ends: the wrapper sets that flag instead.
@pf_site exists@
identifier alloc1 : script:python () { is_alloc(alloc1) };
identifier alloc2 : script:python () { is_conv(alloc2) };
expression x, G, PF;
identifier L;
symbol true;
position p2 : script:python () { undecided(p2) };
@@
x = alloc1(..., <+... __GFP_NOMEMALLOC ...+>, ...);
if (\(x || !gfp_pfmemalloc_allowed(G)\|x || !(gfp_pfmemalloc_allowed(G))\))
	goto L;
PF = true;
x = alloc2@p2(...);
(
goto L;
|
L:
)

@script:python@
p << pf_site.p2;
a << pf_site.alloc2;
pf << pf_site.PF;
@@
pf = str(pf).replace(" ", "")
decide(p[0], a, pf[1:] if pf.startswith("*") else "&" + pf)

@field_site@
identifier alloc : script:python () { is_conv(alloc) };
expression E;
identifier fld;
position p : script:python () { bool(flag_field) and undecided(p) };
@@
E->fld = alloc@p(...)

@script:python@
p << field_site.p;
a << field_site.alloc;
e << field_site.E;
fld << field_site.fld;
@@
if field_ok(fld):
	decide(p[0], a, "&" + str(e).replace(" ", "") + "->" + flag_field[0])
else:
	leave(p[0], field_conflict(fld))

@local_site@
identifier alloc : script:python () { is_conv(alloc) };
local idexpression x;
position p : script:python () { undecided(p) and (key(p[0]) not in leaky or stored_ok(p)) };
@@
x = alloc@p(...)

@script:python@
p << local_site.p;
x << local_site.x;
@@
local_vars.setdefault((p[0].file, p[0].current_element), set()).add(x)

// The flags' names, and one declaration for each (after the first
// variable of the function that uses it).
@script:python local_name@
p << local_site.p;
x << local_site.x;
a << local_site.alloc;
fn;
var;
emv;
@@
where = (p[0].file, p[0].current_element)
name = "emerg" if len(local_vars[where]) == 1 else x + "_emerg"
decide(p[0], a, "&" + name)
if (where, name) in declared:
	cocci.include_match(False)
else:
	declared.add((where, name))
	coccinelle.fn = cocci.make_ident(p[0].current_element)
	coccinelle.var = cocci.make_ident(x)
	coccinelle.emv = cocci.make_ident(name)

// Why the other sites are left.
@left_local@
identifier alloc : script:python () { is_conv(alloc) };
local idexpression x;
position p : script:python () { undecided(p) };
@@
x = alloc@p(...)

@script:python@
p << left_local.p;
@@
if key(p[0]) in stored:
	leave(p[0], field_conflict(stored[key(p[0])]))
else:
	leave(p[0], "the object outlives the function: keep its flag in a "
	      "struct field (-D emerg_field=<field>, stored as E->field = "
	      "object), or convert by hand")

@left_field@
identifier alloc : script:python () { is_conv(alloc) };
expression E;
position p : script:python () { undecided(p) };
@@
E = alloc@p(...)

@script:python@
p << left_field.p;
@@
leave(p[0], "stored in a field: name the field for its flag with "
      "-D emerg_field=<field>")

@left_other@
identifier alloc : script:python () { is_alloc(alloc) };
position p : script:python () { undecided(p) };
@@
alloc@p(...)

@script:python@
p << left_other.p;
a << left_other.alloc;
@@
if a in ("__get_free_pages", "__get_free_page", "get_zeroed_page"):
	leave(p[0], "no reserve wrapper returns an address: allocate a "
	      "struct page with alloc_pages_reserve() and use "
	      "page_address(); free it with free_pages_reserve()")
elif a in CONVERTIBLE:
	leave(p[0], "returned or passed on directly: assign it to a "
	      "variable or field first")
else:
	leave(p[0], "no reserve wrapper for %s(): charge the group by hand "
	      "(mem_reserve_charge()/mem_reserve_uncharge())" % a)

// ---------------------------------------------------------------------
// Patch mode: the calls first (the only rule that uses the positions
// found above, since positions do not survive a change), then the code
// around them.

@conv_site depends on patch@
identifier alloc : script:python () { is_conv(alloc) };
position p : script:python () { key(p[0]) in how };
@@
alloc@p(...)

@script:python conv_flag depends on patch@
p << conv_site.p;
flag;
@@
coccinelle.flag = cocci.make_expr(how[key(p[0])][1])

@convert depends on patch@
expression grp.group;
expression conv_flag.flag;
position conv_site.p;
expression S, F, N, C, O;
@@
(
-kmalloc@p(S, F)
+kmalloc_reserve(S, F, NUMA_NO_NODE, group, flag)
|
-kzalloc@p(S, F)
+kmalloc_reserve(S, F | __GFP_ZERO, NUMA_NO_NODE, group, flag)
|
-kmalloc_node@p(S, F, N)
+kmalloc_reserve(S, F, N, group, flag)
|
-kzalloc_node@p(S, F, N)
+kmalloc_reserve(S, F | __GFP_ZERO, N, group, flag)
|
-kmalloc_node_track_caller@p(S, F, N)
+kmalloc_reserve_track_caller(S, F, N, group, flag)
|
-kmem_cache_alloc@p(C, F)
+kmem_cache_alloc_reserve(C, F, NUMA_NO_NODE, group, flag)
|
-kmem_cache_zalloc@p(C, F)
+kmem_cache_alloc_reserve(C, F | __GFP_ZERO, NUMA_NO_NODE, group, flag)
|
-kmem_cache_alloc_node@p(C, F, N)
+kmem_cache_alloc_reserve(C, F, N, group, flag)
|
-alloc_pages@p(F, O)
+alloc_pages_reserve(NUMA_NO_NODE, F, O, group, flag)
|
-alloc_page@p(F)
+alloc_pages_reserve(NUMA_NO_NODE, F, 0, group, flag)
|
-alloc_pages_node@p(N, F, O)
+alloc_pages_reserve(N, F, O, group, flag)
)

// The first half of a fallback goes: the wrapper does both halves.
@fallback_collapse depends on patch@
identifier alloc1 : script:python () { is_alloc(alloc1) };
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
expression x, G, E;
identifier L;
symbol true;
@@
(
-x = alloc1(..., <+... __GFP_NOMEMALLOC ...+>, ...);
-if (\(!x\|x == NULL\))
 x = wrap(...);
|
-x = alloc1(..., <+... __GFP_NOMEMALLOC ...+>, ...);
-if (\(x || !gfp_pfmemalloc_allowed(G)\|x || !(gfp_pfmemalloc_allowed(G))\))
-	goto L;
-E = true;
 x = wrap(...);
(
 goto L;
|
L:
)
)

// The flag is declared after the object's variable.
@local_decl depends on patch && grp@
identifier local_name.fn, local_name.var, local_name.emv;
type T;
expression E;
@@
fn(...)
{
... when any
(
+bool emv = false;
T var = E;
|
T var;
+bool emv = false;
)
... when any
}

@local_store depends on patch && grp exists@
identifier virtual.emerg_field;
identifier local_name.emv;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
expression x, E, E2;
identifier fld : script:python () { field_ok(fld) };
@@
x = wrap(..., &emv);
... when != x = E2
E->fld = x;
+E->emerg_field = emv;

// Frees in the function, of an object from a wrapper: the flag the
// allocation set. (This is also cocci/reserve-check.cocci's fix.)
@local_free depends on patch exists@
expression x, E, C, O, GR, EM;
@@
(
x = \(kmalloc_reserve\|kmalloc_reserve_track_caller\)(..., GR, &EM);
... when != x = E
    when != &EM
-kfree(x)
+kfree_reserve(x, GR, EM)
|
x = kmem_cache_alloc_reserve(..., GR, &EM);
... when != x = E
    when != &EM
-kmem_cache_free(C, x)
+kmem_cache_free_reserve(C, x, GR, EM)
|
x = alloc_pages_reserve(..., GR, &EM);
... when != x = E
    when != &EM
(
-__free_pages(x, O)
+free_pages_reserve(x, O, GR, EM)
|
-__free_page(x)
+free_pages_reserve(x, 0, GR, EM)
)
)

@local_free_decl depends on patch exists@
identifier x;
type T;
expression E, C, O, GR, EM;
@@
(
T x = \(kmalloc_reserve\|kmalloc_reserve_track_caller\)(..., GR, &EM);
... when != x = E
    when != &EM
-kfree(x)
+kfree_reserve(x, GR, EM)
|
T x = kmem_cache_alloc_reserve(..., GR, &EM);
... when != x = E
    when != &EM
-kmem_cache_free(C, x)
+kmem_cache_free_reserve(C, x, GR, EM)
|
T x = alloc_pages_reserve(..., GR, &EM);
... when != x = E
    when != &EM
(
-__free_pages(x, O)
+free_pages_reserve(x, O, GR, EM)
|
-__free_page(x)
+free_pages_reserve(x, 0, GR, EM)
)
)

// Fields whose flag is in -D emerg_field, and their frees anywhere in
// the file.
@field_obj depends on patch@
identifier virtual.emerg_field;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
expression E, x, F;
identifier fld;
@@
(
 E->fld = wrap(..., &E->emerg_field);
|
 E->fld = x;
 E->emerg_field = F;
)

@field_free depends on patch@
identifier virtual.emerg_field;
expression grp.group;
identifier field_obj.fld;
expression E, C, O;
@@
(
-kfree(E->fld)
+kfree_reserve(E->fld, group, E->emerg_field)
|
-kmem_cache_free(C, E->fld)
+kmem_cache_free_reserve(C, E->fld, group, E->emerg_field)
|
-__free_pages(E->fld, O)
+free_pages_reserve(E->fld, O, group, E->emerg_field)
|
-__free_page(E->fld)
+free_pages_reserve(E->fld, 0, group, E->emerg_field)
)

@has_include depends on patch@
@@
#include <linux/mem_reserve.h>

@add_include depends on patch && convert && !has_include@
@@
#include <linux/slab.h>
+#include <linux/mem_reserve.h>

@add_include_gfp depends on patch && convert && !has_include && !add_include@
@@
#include <linux/gfp.h>
+#include <linux/mem_reserve.h>

// ---------------------------------------------------------------------
// Context, org and report modes: each site and what patch mode does.

@site depends on context@
identifier alloc : script:python () { is_alloc(alloc) };
position p : script:python () { key(p[0]) in how or key(p[0]) in why or key(p[0]) in fallback_first };
@@
*alloc@p(...)

@script:python depends on report || org@
@@
flush()

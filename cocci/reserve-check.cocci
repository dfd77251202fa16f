// SPDX-License-Identifier: GPL-2.0-only
/// Check the users of the mem_reserve wrappers: every emergency charge
/// must come back, to the group it was taken from.
///
///  - an object of kmalloc_reserve(), kmem_cache_alloc_reserve() or
///    alloc_pages_reserve() freed with the plain free (kfree(),
///    kmem_cache_free(), __free_pages(), __free_page(), put_page()): its
///    charge is never given back. In the function that allocated it, and
///    across the file for an object kept in a struct field;
///  - a plain allocation freed with a reserve free;
///  - the emerg flag dropped (a local flag never read after the
///    allocation) or taken from another object (the free passes a flag
///    other than the one the allocation set);
///  - the free's group differing from the allocation's;
///  - a direct charge (mem_reserve_charge() and its pages, kmalloc and
///    kmem_cache variants) followed by an error return without its
///    uncharge.
///
/// Patch mode fixes the one case with an obvious fix: a plain free, in
/// the function that allocated the object, of an object whose flag is a
/// plain variable or field (&flag), becomes the reserve free with the
/// allocation's group and flag. Everything else is left as it is: run
/// report mode after patch mode for the rest. Groups are compared as
/// written: the same group spelled two ways is reported, as a hint to
/// spell it one way.
//
// Confidence: Moderate
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import re

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

# Expressions come token by token: "& foo -> res".
def tidy(e):
	e = re.sub(r"\s*(->|\.)\s*", r"\1", str(e))
	return re.sub(r"(^|[(,]\s*)& ", r"\1&", e)

@script:python depends on org@
@@
out["org"] = True

// A plain free where the flag says the object is not from the reserves
// (if (!emerg) kfree(obj)), or of an object the allocation charged to no
// group, gives nothing back because nothing was charged: not reported.
@guarded exists@
expression x, E, EM, C;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
identifier pfree = {kfree, kfree_sensitive, kvfree, kmem_cache_free,
		    __free_pages, __free_page, put_page};
position pf;
@@
(
 x = wrap(..., &EM);
 ... when != x = E
 if (!EM) {
 ... when any
(
 pfree@pf(x);
|
 pfree@pf(x, ...);
|
 pfree@pf(C, x);
)
 ... when any
 }
|
 x = wrap(..., NULL, EM);
 ... when != x = E
(
 pfree@pf(x);
|
 pfree@pf(x, ...);
|
 pfree@pf(C, x);
)
)

// A reserve object freed with the plain free, in the function that
// allocated it. The fix, when the flag is a variable or field.
@plainfree_fix depends on patch exists@
expression x, E, S, F, N, G, EM, C, O, O2;
position pf != guarded.pf;
@@
(
 x = \(kmalloc_reserve\|kmalloc_reserve_track_caller\)(S, F, N, G, &EM);
 ... when != x = E
     when != &EM
-kfree@pf(x);
+kfree_reserve(x, G, EM);
|
 x = kmem_cache_alloc_reserve(C, F, N, G, &EM);
 ... when != x = E
     when != &EM
-kmem_cache_free@pf(C, x);
+kmem_cache_free_reserve(C, x, G, EM);
|
 x = alloc_pages_reserve(N, F, O, G, &EM);
 ... when != x = E
     when != &EM
(
-__free_pages@pf(x, O2);
+free_pages_reserve(x, O2, G, EM);
|
-__free_page@pf(x);
+free_pages_reserve(x, 0, G, EM);
)
)

@plainfree exists@
expression x, E, C;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
identifier pfree = {kfree, kfree_sensitive, kvfree, kmem_cache_free,
		    __free_pages, __free_page, put_page};
position pa, pf != guarded.pf;
@@
x = wrap@pa(...);
... when != x = E
(
 pfree@pf(x);
|
 pfree@pf(x, ...);
|
 pfree@pf(C, x);
)

// Objects kept in a field: allocated by a wrapper in one place, freed
// plainly in another.
@field_reserve exists@
expression E, x, E2;
identifier fld;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
@@
(
 E->fld = wrap(...);
|
 x = wrap(...);
 ... when != x = E2
 E->fld = x;
)

@field_plainfree@
expression E, C;
identifier field_reserve.fld;
identifier pfree = {kfree, kfree_sensitive, kvfree, kmem_cache_free,
		    __free_pages, __free_page, put_page};
position pf != plainfree.pf;
@@
(
 pfree@pf(E->fld)
|
 pfree@pf(E->fld, ...)
|
 pfree@pf(C, E->fld)
)

// A plain allocation freed with a reserve free.
@plainalloc exists@
expression x, E, C;
identifier alloc = {kmalloc, kzalloc, kmalloc_node, kzalloc_node, kcalloc,
		    kmalloc_array, kmemdup, kmem_cache_alloc, kmem_cache_zalloc,
		    kmem_cache_alloc_node, alloc_pages, alloc_page,
		    alloc_pages_node};
identifier rfree = {kfree_reserve, kmem_cache_free_reserve, free_pages_reserve};
position pf;
@@
x = alloc(...);
... when != x = E
(
 rfree@pf(x, ...);
|
 rfree@pf(C, x, ...);
)

@field_plain@
expression E;
identifier fld;
identifier alloc = {kmalloc, kzalloc, kmalloc_node, kzalloc_node, kcalloc,
		    kmalloc_array, kmemdup, kmem_cache_alloc, kmem_cache_zalloc,
		    kmem_cache_alloc_node, alloc_pages, alloc_page,
		    alloc_pages_node};
@@
E->fld = alloc(...)

@field_plainalloc@
expression E, C;
identifier field_plain.fld;
identifier rfree = {kfree_reserve, kmem_cache_free_reserve, free_pages_reserve};
position pf != plainalloc.pf;
@@
(
 rfree@pf(E->fld, ...)
|
 rfree@pf(C, E->fld, ...)
)

// The flag: dropped (a local never read again), or not the allocation's.
@flagread exists@
local idexpression em;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
position pa;
@@
wrap@pa(..., &em)
... when any
em

@dropped@
local idexpression em;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
position pa != flagread.pa;
@@
wrap@pa(..., &em)

@otherflag exists@
expression x, E, G, G2, EM, EM2, C, O;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
identifier rfree = {kfree_reserve, kmem_cache_free_reserve, free_pages_reserve};
position pf;
@@
x = wrap(..., G, &EM);
... when != x = E
(
 rfree(x, G2, EM);
|
 rfree(C, x, G2, EM);
|
 rfree(x, O, G2, EM);
|
 rfree@pf(x, G2, EM2);
|
 rfree@pf(C, x, G2, EM2);
|
 rfree@pf(x, O, G2, EM2);
)

@field_flag exists@
expression E, x, E2, EM;
identifier fld, flag;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
@@
(
 E->fld = wrap(..., &E->flag);
|
 x = wrap(..., &EM);
 ... when != x = E2
 E->fld = x;
 E->flag = EM;
)

@field_otherflag@
expression E, G, EM, C, O;
identifier field_flag.fld, field_flag.flag, rfree;
position pf != otherflag.pf;
@@
(
 kfree_reserve(E->fld, G, E->flag)
|
 kmem_cache_free_reserve(C, E->fld, G, E->flag)
|
 free_pages_reserve(E->fld, O, G, E->flag)
|
 kfree_reserve@rfree@pf(E->fld, G, EM)
|
 kmem_cache_free_reserve@rfree@pf(C, E->fld, G, EM)
|
 free_pages_reserve@rfree@pf(E->fld, O, G, EM)
)

@othergroup exists@
expression x, E, G, G2, EM, EM2, C, O;
identifier wrap = {kmalloc_reserve, kmalloc_reserve_track_caller,
		   kmem_cache_alloc_reserve, alloc_pages_reserve};
identifier rfree = {kfree_reserve, kmem_cache_free_reserve, free_pages_reserve};
position pf;
@@
x = wrap(..., G, EM);
... when != x = E
(
 rfree(x, G, EM2);
|
 rfree(C, x, G, EM2);
|
 rfree(x, O, G, EM2);
|
 rfree@pf(x, G2, EM2);
|
 rfree@pf(C, x, G2, EM2);
|
 rfree@pf(x, O, G2, EM2);
)

// A direct charge, then an error return that does not give it back.
@chargeleak exists@
expression R, E, E2;
identifier ch = {mem_reserve_charge, mem_reserve_pages_charge,
		 mem_reserve_kmalloc_charge, mem_reserve_kmem_cache_charge};
identifier unch = {mem_reserve_uncharge, mem_reserve_pages_uncharge,
		   mem_reserve_kmalloc_uncharge,
		   mem_reserve_kmem_cache_uncharge};
constant C;
statement S;
symbol false;
position pc, pr;
@@
if (!ch@pc(R, ...)) S
... when != unch(R, ...)
(
 return@pr -C;
|
 return@pr NULL;
|
 return@pr false;
|
 return@pr ERR_PTR(...);
|
 E@pr = -C;
 ... when != unch(R, ...)
     when != E = E2
 return E;
)

@depends on context@
identifier plainfree.pfree;
position plainfree.pf;
@@
*pfree@pf(...)

@depends on context@
identifier field_plainfree.pfree;
position field_plainfree.pf;
@@
*pfree@pf(...)

@depends on context@
identifier plainalloc.rfree;
position plainalloc.pf;
@@
*rfree@pf(...)

@depends on context@
identifier field_plainalloc.rfree;
position field_plainalloc.pf;
@@
*rfree@pf(...)

@depends on context@
identifier dropped.wrap;
position dropped.pa;
@@
*wrap@pa(...)

@depends on context@
identifier otherflag.rfree;
position otherflag.pf;
@@
*rfree@pf(...)

@depends on context@
identifier field_otherflag.rfree;
position field_otherflag.pf;
@@
*rfree@pf(...)

@depends on context@
identifier othergroup.rfree;
position othergroup.pf;
@@
*rfree@pf(...)

@depends on context@
identifier chargeleak.ch;
position chargeleak.pc;
@@
*ch@pc(...)

@script:python depends on org || report@
pa << plainfree.pa;
pf << plainfree.pf;
wrap << plainfree.wrap;
pfree << plainfree.pfree;
@@
fix = {"kmalloc_reserve": "kfree_reserve",
       "kmalloc_reserve_track_caller": "kfree_reserve",
       "kmem_cache_alloc_reserve": "kmem_cache_free_reserve",
       "alloc_pages_reserve": "free_pages_reserve"}[wrap]
emit(pf[0], "%s() of an object from %s() (line %s): its emergency charge "
     "is never given back; free it with %s() and the allocation's group "
     "and flag" % (pfree, wrap, pa[0].line, fix))

@script:python depends on org || report@
pf << field_plainfree.pf;
fld << field_reserve.fld;
wrap << field_reserve.wrap;
pfree << field_plainfree.pfree;
@@
emit(pf[0], "%s() of ->%s, which %s() fills: its emergency charge is "
     "never given back; free it with the reserve free, the group and the "
     "object's flag" % (pfree, fld, wrap))

@script:python depends on org || report@
pf << plainalloc.pf;
alloc << plainalloc.alloc;
rfree << plainalloc.rfree;
@@
emit(pf[0], "%s() of an object from plain %s(): allocate it with the "
     "reserve wrapper or free it with the plain free" % (rfree, alloc))

@script:python depends on org || report@
pf << field_plainalloc.pf;
fld << field_plain.fld;
alloc << field_plain.alloc;
rfree << field_plainalloc.rfree;
@@
emit(pf[0], "%s() of ->%s, which plain %s() fills: allocate it with the "
     "reserve wrapper or free it with the plain free" % (rfree, fld, alloc))

@script:python depends on org || report@
pa << dropped.pa;
em << dropped.em;
wrap << dropped.wrap;
@@
emit(pa[0], "%s() sets %s, which is never read: the free cannot give "
     "the charge back; keep the flag with the object" % (wrap, em))

@script:python depends on org || report@
pf << otherflag.pf;
em << otherflag.EM;
em2 << otherflag.EM2;
rfree << otherflag.rfree;
@@
emit(pf[0], "%s() with flag %s, but the allocation set %s" %
     (rfree, tidy(em2), tidy(em)))

@script:python depends on org || report@
pf << field_otherflag.pf;
fld << field_flag.fld;
flag << field_flag.flag;
em << field_otherflag.EM;
rfree << field_otherflag.rfree;
@@
emit(pf[0], "%s() of ->%s with flag %s, but its allocation sets ->%s" %
     (rfree, fld, tidy(em), flag))

@script:python depends on org || report@
pf << othergroup.pf;
g << othergroup.G;
g2 << othergroup.G2;
rfree << othergroup.rfree;
@@
emit(pf[0], "%s() to group %s, but the allocation charged %s" %
     (rfree, tidy(g2), tidy(g)))

@script:python depends on org || report@
pc << chargeleak.pc;
pr << chargeleak.pr;
ch << chargeleak.ch;
r << chargeleak.R;
@@
emit(pc[0], "%s(%s) not given back on the error path of line %s: "
     "uncharge it there" % (ch, tidy(r), pr[0].line))

@script:python depends on report || org@
@@
flush()

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
/// Mempools: mempool_alloc() never takes the reserves (it adds
/// __GFP_NOMEMALLOC); a pool's forward progress comes from the elements it
/// pins at creation, all the time, where a group gives the same while it
/// is connected and pins nothing otherwise. For a pool created in the
/// file with mempool_create_slab_pool()/mempool_init_slab_pool() (or the
/// kmalloc variants) and used only through mempool_alloc(),
/// mempool_free(), its NULL test and its destruction, each
/// mempool_alloc() whose object is tested for NULL is a site as above,
/// becoming kmem_cache_alloc_reserve(cache, gfp, NUMA_NO_NODE, group,
/// &emerg) (kmalloc_reserve(size, ...)), and the mempool_free()s that
/// the flag reaches become kmem_cache_free_reserve() (kfree_reserve()).
/// The pool's creation and destruction are listed with the group size
/// that replaces it (mem_reserve_kmem_cache_set(group, cache, N)), and
/// patch mode removes them, their NULL test and a static pool variable
/// once no mempool_alloc()/mempool_free() of that pool is left in the
/// file. Pools with their own alloc function, page and kvmalloc pools,
/// and pools used any other way (a pointer kept, passed on) are listed,
/// not converted.
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
	return name in CONVERTIBLE or name == "mempool_alloc"

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

def wrapper(p, alloc):
	if alloc == "mempool_alloc":
		return MP_WRAPPER[pools[mpsite[key(p)]]["kind"]]
	return WRAPPER[alloc]

def decide(p, alloc, flag):
	how[key(p)] = (p, flag, "%s() -> %s(), flag %s" %
		       (alloc, wrapper(p, alloc), flag.lstrip("&")))

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
	found += [(k, p, m) for k, (p, m) in mp_notes.items()]
	for k, p, msg in sorted(found, key=lambda site: site[0]):
		if out["org"]:
			coccilib.org.print_todo(p, msg)
		else:
			coccilib.report.print_report(p, msg)
	for d in (selected, leaky, stored, field_names, fallback_first, how,
		  why, local_vars, declared):
		d.clear()
	mp_reset()

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

# Mempools: the slab and kmalloc pools created in this file, by the
# expression mempool_alloc() names them with (foo_pool, &dev->pool). Their
# allocations are converted like the others; their creation and
# destruction go when no mempool_alloc() or mempool_free() of them is left.
MP_SLAB = {"mempool_create_slab_pool", "mempool_init_slab_pool"}
MP_KMALLOC = {"mempool_create_kmalloc_pool", "mempool_init_kmalloc_pool"}
MP_OTHER = {
	"mempool_create", "mempool_create_node", "mempool_init",
	"mempool_init_node", "mempool_create_page_pool",
	"mempool_init_page_pool", "mempool_create_kvmalloc_pool",
	"mempool_init_kvmalloc_pool",
}
MP_CREATE = MP_SLAB | MP_KMALLOC | MP_OTHER
MP_OWN_FN = {"mempool_create", "mempool_create_node", "mempool_init",
	     "mempool_init_node"}
MP_STAR = MP_CREATE | {"mempool_alloc", "mempool_free", "mempool_destroy",
		       "mempool_exit"}
MP_WRAPPER = {"slab": "kmem_cache_alloc_reserve", "kmalloc": "kmalloc_reserve"}
MP_FREE = {"slab": "kmem_cache_free_reserve", "kmalloc": "kfree_reserve"}

import re

# Expressions come token by token: "& dev -> pool".
def tidy(e):
	return re.sub(r"\s+", "", str(e))

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

pools = {}		# key: the pool's creation and what it is
mp_bases = {}		# what the key names: foo_pool, dev->pool
mp_escaped = {}		# key: line of a use other than the pool calls
mp_known = set()	# positions of the pool calls' uses of a base
mp_uses = []		# every use of a base: (base, position)
mp_statics = set()	# pools declared "static mempool_t *pool;" here
mpsite = {}		# mempool_alloc() site: its pool's key
mp_tested = set()	# mempool_alloc() sites whose object is NULL-tested
mp_frees = []		# mempool_free() of a pool: (position, key, object)
mp_left = set()		# in patch mode, pools with uses left after it
local_flags = {}	# (file, function, variable): its converted flag
conv_fields = set()	# fields whose objects' flag is -D emerg_field
mp_notes = {}		# report lines for the pools and their frees
mp_labels = set()	# labels whose gotos patch mode removed
group_str = []

def mp_reset():
	for d in (pools, mp_bases, mp_escaped, mp_known, mp_statics, mpsite,
		  mp_tested, mp_left, local_flags, conv_fields, mp_notes,
		  mp_labels):
		d.clear()
	del mp_uses[:]
	del mp_frees[:]

def add_pool(p, mk, a, n, rest):
	k = tidy(a)
	rest = split_args(rest)
	if mk in MP_SLAB:
		kind = "slab"
	elif mk in MP_KMALLOC:
		kind = "kmalloc"
	else:
		kind = "other"
	pools[k] = {"kind": kind, "mk": mk, "n": pretty(n), "p": p,
		    "arg": rest[0] if rest else "", "destroy": [],
		    "expr": pretty(a), "localarg": None}
	if kind != "other":
		mp_bases[k[1:] if k.startswith("&") else k] = k

def mp_known_use(b, p):
	mp_known.add((b, key(p)))

def mp_escapes():
	for b, p in mp_uses:
		if (b, key(p)) in mp_known:
			continue
		k = mp_bases[b]
		if k not in mp_escaped or int(p.line) < mp_escaped[k]:
			mp_escaped[k] = int(p.line)

def pool_of(e):
	return pools.get(tidy(e))

def conv_pool(e):
	pool = pool_of(e)
	return (pool is not None and pool["kind"] != "other" and
		tidy(e) not in mp_escaped and not pool["localarg"])

def pool_kind(e):
	return conv_pool(e) and pool_of(e)["kind"]

def pool_sites(k):
	return [s for s, pk in mpsite.items() if pk == k]

# Patch mode removes a pool that no use is left of, if nothing outside the
# file can use it: it is static, or this run converted its allocations.
def removable(e):
	k = tidy(e)
	return (conv_pool(e) and k not in mp_left and bool(group_str) and
		(k in mp_statics or any(s in how for s in pool_sites(k))))

def label_gone(lbl):
	return lbl in mp_labels

# The line above a label, in the file as it was: does it fall through?
def falls_through(p):
	with open(p.file) as f:
		lines = f.read().split("\n")[:int(p.line) - 1]
	for l in reversed(lines):
		l = l.strip()
		if l and not l.endswith(":"):
			return not re.match(r"(return\b.*|goto\s+\w+\s*);$", l)
	return True

def size_hint(pool):
	g = group_str[0] if group_str else "<group>"
	if pool["kind"] == "kmalloc":
		return ("mem_reserve_kmalloc_set(%s, %s * kmalloc_size_roundup(%s))"
			% (g, pool["n"], pool["arg"]))
	if pool["kind"] == "slab":
		return ("mem_reserve_kmem_cache_set(%s, %s, %s)"
			% (g, pool["arg"], pool["n"]))
	return None

def mp_note(p, msg):
	mp_notes[key(p)] = (p, msg)

# What patch mode does with the pools: their frees, converted where the
# object's flag is known (its local flag in the function that allocated
# it, or -D emerg_field), and their creation and destruction.
def mp_decide():
	left = {}
	for s, k in mpsite.items():
		if s not in how:
			left.setdefault(k, []).append(s[1])
	for q, k, x in mp_frees:
		fld = re.match(r".*->(\w+)$", x)
		flag = local_flags.get((q.file, q.current_element, x))
		if flag is None and fld and flag_field and fld.group(1) in conv_fields:
			flag = x[:-len(fld.group(1))] + flag_field[0]
		if flag is not None:
			mp_note(q, "convert: mempool_free() -> %s(), flag %s"
				% (MP_FREE[pools[k]["kind"]], flag))
		else:
			left.setdefault(k, []).append(int(q.line))
			mp_note(q, "left: the object's flag is not known here (not "
				"allocated in this function, nor kept in a -D "
				"emerg_field field): convert by hand; the pool stays "
				"while it is used")
	for k, pool in pools.items():
		if pool["kind"] == "other":
			pre = "left: pool"
			if pool["mk"] in MP_OWN_FN:
				own = "its own alloc function %s()" % pool["arg"]
			else:
				own = "%s()" % pool["mk"]
			why = ("%s has no reserve wrapper: convert its users by "
			       "hand, charging the group with mem_reserve_charge()/"
			       "mem_reserve_uncharge()" % own)
		elif k in mp_escaped:
			pre = "left: pool"
			why = ("%s is used at line %d other than by mempool_alloc()/"
			       "mempool_free(): convert by hand"
			       % (pool["expr"], mp_escaped[k]))
		elif pool["localarg"]:
			pre = "left: pool"
			why = ("%s is a local of %s(), not valid where the pool is "
			       "used: convert by hand"
			       % (pool["arg"], pool["localarg"]))
		elif k in left:
			pre = "pool"
			why = ("kept while used at line%s %s" %
			       ("s" if len(left[k]) > 1 else "",
				", ".join(str(l) for l in sorted(left[k]))))
		elif k not in mp_statics and not pool_sites(k):
			pre = "pool"
			why = ("kept: not static and not allocated from here, so "
			       "other files may use it")
		else:
			pre = "pool"
			why = "patch mode removes it: no use is left"
		hint = size_hint(pool)
		rest = ("pinned %s elements at boot; remove once every user is "
			"converted (%s); size the group %s"
			% (pool["n"], why, "with " + hint if hint else
			   "for %s elements" % pool["n"]))
		mp_note(pool["p"], "%s: %s" % (pre, rest))
		for d in pool["destroy"]:
			mp_note(d, "%s of line %s: %s" % (pre, pool["p"].line, rest))

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
group_str.append(pretty(g))

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
// Mempools. mempool_alloc() never takes the reserves (it adds
// __GFP_NOMEMALLOC): a pool's forward progress comes from the elements it
// pins at creation, all the time. A group gives the same while it is
// connected and pins nothing otherwise. The allocations of a slab or
// kmalloc pool created in this file, used only through mempool_alloc()
// and mempool_free(), are sites like the others; its creation and
// destruction are listed, and removed once no use is left.

@script:python mp_start@
@@
mp_reset()

@mp_create@
identifier mk : script:python () { mk.startswith("mempool_create") and mk in MP_CREATE };
expression P, N;
expression list es;
position pc;
@@
P = mk@pc(N, es)

@script:python@
mk << mp_create.mk;
P << mp_create.P;
N << mp_create.N;
es << mp_create.es;
pc << mp_create.pc;
@@
add_pool(pc[0], mk, P, N, es)

@mp_init@
identifier mk : script:python () { mk.startswith("mempool_init") and mk in MP_CREATE };
expression A, N;
expression list es;
position pc;
@@
mk@pc(A, N, es)

@script:python@
mk << mp_init.mk;
A << mp_init.A;
N << mp_init.N;
es << mp_init.es;
pc << mp_init.pc;
@@
add_pool(pc[0], mk, A, N, es)

// A cache or size that is a local of the creating function is not valid
// where the pool is used.
@mp_localarg@
identifier mk : script:python () { mk in MP_SLAB or mk in MP_KMALLOC };
local idexpression C;
position pc;
@@
mk@pc(..., C)

@script:python@
pc << mp_localarg.pc;
@@
for pool in pools.values():
	if key(pool["p"]) == key(pc[0]):
		pool["localarg"] = pc[0].current_element

@mp_static depends on mp_create@
identifier P;
@@
static mempool_t *P;

@script:python@
P << mp_static.P;
@@
mp_statics.add(P)

@mp_destroy@
expression P : script:python () { tidy(P) in pools };
position pd;
@@
\(mempool_destroy@pd(P)\|mempool_exit@pd(P)\)

@script:python@
P << mp_destroy.P;
pd << mp_destroy.pd;
@@
pools[tidy(P)]["destroy"].append(pd[0])

// Every use of a pool other than its creation, a NULL test right after
// it, mempool_alloc(), mempool_free(), mempool_destroy() and
// mempool_exit() (a pointer kept elsewhere, an argument) leaves it as it
// is: its elements may be allocated where this file does not show.
@mp_use depends on mp_create || mp_init@
expression E : script:python () { tidy(E) in mp_bases };
position pe;
@@
E@pe

@script:python@
E << mp_use.E;
pe << mp_use.pe;
@@
mp_uses.append((tidy(E), pe[0]))

@mp_known depends on mp_create || mp_init@
expression P : script:python () { tidy(P) in mp_bases };
identifier mk : script:python () { mk in MP_CREATE };
position pk;
@@
(
 P@pk = mk(...)
|
 mk(\(P@pk\|&P@pk\), ...)
|
 mempool_alloc(\(P@pk\|&P@pk\), ...)
|
 mempool_free(..., \(P@pk\|&P@pk\))
|
 mempool_destroy(P@pk)
|
 mempool_exit(\(P@pk\|&P@pk\))
)

@script:python@
P << mp_known.P;
pk << mp_known.pk;
@@
mp_known_use(tidy(P), pk[0])

@mp_known_test depends on mp_create@
expression P : script:python () { tidy(P) in mp_bases };
identifier mk : script:python () { mk in MP_CREATE };
position pk;
statement S;
@@
P = mk(...);
if (\(!P@pk\|P@pk == NULL\|unlikely(!P@pk)\|unlikely(P@pk == NULL)\)) S

@script:python@
P << mp_known_test.P;
pk << mp_known_test.pk;
@@
mp_known_use(tidy(P), pk[0])

@script:python mp_escape depends on mp_create || mp_init@
@@
mp_escapes()

// The allocations of the pools that can be converted. One whose object
// is not tested for NULL relies on mempool_alloc() never failing when it
// may sleep; the wrapper can fail.
@mp_site@
expression P : script:python () { conv_pool(P) };
position p;
@@
mempool_alloc@p(P, ...)

@script:python@
p << mp_site.p;
P << mp_site.P;
@@
select(p)
mpsite[key(p[0])] = tidy(P)

@mp_tested exists@
expression x, E;
identifier y;
type T;
statement S;
position p : script:python () { key(p[0]) in mpsite };
@@
(
x = mempool_alloc@p(...);
... when != x = E
if (\(!x\|x == NULL\|unlikely(!x)\|unlikely(x == NULL)\|x\|x != NULL\|likely(x)\)) S
|
T y = mempool_alloc@p(...);
... when != y = E
if (\(!y\|y == NULL\|unlikely(!y)\|unlikely(y == NULL)\|y\|y != NULL\|likely(y)\)) S
)

@script:python@
p << mp_tested.p;
@@
mp_tested.add(key(p[0]))

@mp_untested@
expression x;
identifier y;
type T;
position p : script:python () { key(p[0]) in mpsite and key(p[0]) not in mp_tested };
@@
(
x = mempool_alloc@p(...);
|
T y = mempool_alloc@p(...);
)

@script:python@
p << mp_untested.p;
@@
selected.discard(key(p[0]))
leave(p[0], "mempool_alloc() never fails when it may sleep and the "
      "wrapper can: test the object for NULL first")

@mp_free@
expression x;
expression P : script:python () { conv_pool(P) };
position q;
@@
mempool_free@q(x, P)

@script:python@
q << mp_free.q;
x << mp_free.x;
P << mp_free.P;
@@
mp_frees.append((q[0], tidy(P), tidy(x)))

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
    when != mempool_free(x, ...)
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
    when != mempool_free(x, ...)
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
	conv_fields.add(fld)
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
local_flags[(p[0].file, p[0].current_element, tidy(x))] = name
if key(p[0]) in stored:
	conv_fields.add(stored[key(p[0])])
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
identifier alloc : script:python () { is_alloc(alloc) or alloc == "mempool_alloc" };
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
elif is_conv(a):
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
mpwrap;
mparg;
@@
coccinelle.flag = cocci.make_expr(how[key(p[0])][1])
pool = pools.get(mpsite.get(key(p[0])), {"kind": "slab", "arg": "0"})
coccinelle.mpwrap = cocci.make_ident(MP_WRAPPER[pool["kind"]])
coccinelle.mparg = cocci.make_expr(pool["arg"])

@convert depends on patch@
expression grp.group;
expression conv_flag.flag, conv_flag.mparg;
identifier conv_flag.mpwrap;
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
|
-mempool_alloc@p(C, F)
+mpwrap(mparg, F, NUMA_NO_NODE, group, flag)
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

// Frees of a pool's objects: in the function that allocated them, with
// their local flag, and of the -D emerg_field objects anywhere in the
// file. Then the pools no use is left of go.
@mp_local_free depends on patch exists@
expression x, E, C, GR, EM;
expression P : script:python () { pool_kind(P) == "slab" };
expression Q : script:python () { pool_kind(Q) == "kmalloc" };
@@
(
x = kmem_cache_alloc_reserve(C, ..., GR, &EM);
... when != x = E
    when != &EM
-mempool_free(x, P)
+kmem_cache_free_reserve(C, x, GR, EM)
|
x = kmalloc_reserve(..., GR, &EM);
... when != x = E
    when != &EM
-mempool_free(x, Q)
+kfree_reserve(x, GR, EM)
)

@mp_local_free_decl depends on patch exists@
identifier x;
type T;
expression E, C, GR, EM;
expression P : script:python () { pool_kind(P) == "slab" };
expression Q : script:python () { pool_kind(Q) == "kmalloc" };
@@
(
T x = kmem_cache_alloc_reserve(C, ..., GR, &EM);
... when != x = E
    when != &EM
-mempool_free(x, P)
+kmem_cache_free_reserve(C, x, GR, EM)
|
T x = kmalloc_reserve(..., GR, &EM);
... when != x = E
    when != &EM
-mempool_free(x, Q)
+kfree_reserve(x, GR, EM)
)

@mp_field_free_kmalloc depends on patch@
identifier virtual.emerg_field;
expression grp.group;
identifier field_obj.fld;
expression E;
expression Q : script:python () { pool_kind(Q) == "kmalloc" };
@@
-mempool_free(E->fld, Q)
+kfree_reserve(E->fld, group, E->emerg_field)

@mp_field_free_slab depends on patch@
identifier field_obj.fld;
expression E;
expression P : script:python () { pool_kind(P) == "slab" };
position q;
@@
mempool_free@q(E->fld, P)

@script:python mp_field_cache depends on patch@
P << mp_field_free_slab.P;
cache;
@@
coccinelle.cache = cocci.make_expr(pools[tidy(P)]["arg"])

@depends on patch@
identifier virtual.emerg_field;
expression grp.group;
identifier field_obj.fld;
expression E, P;
expression mp_field_cache.cache;
position mp_field_free_slab.q;
@@
-mempool_free@q(E->fld, P)
+kmem_cache_free_reserve(cache, E->fld, group, E->emerg_field)

@mp_still depends on patch@
expression P : script:python () { tidy(P) in pools };
@@
\(mempool_alloc(P, ...)\|mempool_free(..., P)\)

@script:python@
P << mp_still.P;
@@
mp_left.add(tidy(P))

// The labels the removed NULL tests jump to, removed too if no other goto
// is left for them (an unused label is a warning).
@mp_gone depends on patch && grp@
expression P : script:python () { removable(P) };
identifier mk : script:python () { mk in MP_SLAB or mk in MP_KMALLOC };
expression E;
identifier lbl;
@@
(
P = mk(...);
if (\(!P\|P == NULL\|unlikely(!P)\|unlikely(P == NULL)\)) goto lbl;
|
if (mk(P, ...)) goto lbl;
|
E = mk(P, ...);
if (E) goto lbl;
)

@script:python@
lbl << mp_gone.lbl;
@@
mp_labels.add(lbl)

@mp_remove depends on patch && grp@
expression P : script:python () { removable(P) };
identifier mk : script:python () { mk in MP_SLAB or mk in MP_KMALLOC };
expression E;
statement S;
@@
(
-P = mk(...);
-if (\(!P\|P == NULL\|unlikely(!P)\|unlikely(P == NULL)\)) S
|
-P = mk(...);
|
-if (mk(P, ...)) S
|
-E = mk(P, ...);
-if (E) S
|
-mempool_destroy(P);
|
-mempool_exit(P);
)

@mp_jumps depends on mp_gone@
identifier lbl : script:python () { label_gone(lbl) };
@@
goto lbl;

@script:python@
lbl << mp_jumps.lbl;
@@
mp_labels.discard(lbl)

// Only where the code above falls through to it: after a return or a
// goto the code under the label is now unreachable, and the compiler's
// unused-label warning is left to point at it.
@mp_label depends on mp_gone@
identifier lbl : script:python () { label_gone(lbl) };
position pl;
@@
lbl@pl:

@script:python@
lbl << mp_label.lbl;
pl << mp_label.pl;
@@
if not falls_through(pl[0]):
	mp_labels.discard(lbl)

@depends on mp_gone@
identifier lbl : script:python () { label_gone(lbl) };
@@
-lbl:

@mp_remove_decl depends on patch && grp@
identifier P : script:python () { removable(P) and P in mp_statics };
@@
-static mempool_t *P;

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

@script:python mp_report depends on context || report || org@
@@
mp_decide()

@site depends on context@
identifier alloc : script:python () { is_alloc(alloc) or alloc in MP_STAR };
position p : script:python () { key(p[0]) in how or key(p[0]) in why or key(p[0]) in fallback_first or key(p[0]) in mp_notes };
@@
*alloc@p(...)

@script:python depends on report || org@
@@
flush()

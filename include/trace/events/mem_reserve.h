/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mem_reserve events: who is refused, who waits and for how long, who
 * takes emergency memory and gives it back, and how the reserved total
 * moves. See Documentation/core-api/mem_reserve.rst, "Tracing".
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM mem_reserve

#if !defined(_TRACE_MEM_RESERVE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_MEM_RESERVE_H

#include <linux/mem_reserve.h>
#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(mem_reserve_bytes,
	TP_PROTO(const struct mem_reserve *res, long bytes),
	TP_ARGS(res, bytes),
	TP_STRUCT__entry(
		__string(name, res->name)
		__field(long, bytes)
		__field(long, usage)
		__field(long, limit)
	),
	TP_fast_assign(
		__assign_str(name);
		__entry->bytes = bytes;
		__entry->usage = atomic_long_read(&res->usage);
		__entry->limit = READ_ONCE(res->limit);
	),
	TP_printk("group=\"%s\" bytes=%ld usage=%ld limit=%ld",
		  __get_str(name), __entry->bytes, __entry->usage,
		  __entry->limit)
);

/* A charge found no room, or its group not connected. */
DEFINE_EVENT(mem_reserve_bytes, mem_reserve_refused,
	TP_PROTO(const struct mem_reserve *res, long bytes),
	TP_ARGS(res, bytes)
);

/* An allocation that may sleep starts waiting for room. */
DEFINE_EVENT(mem_reserve_bytes, mem_reserve_wait_begin,
	TP_PROTO(const struct mem_reserve *res, long bytes),
	TP_ARGS(res, bytes)
);

TRACE_EVENT(mem_reserve_wait_end,
	TP_PROTO(const struct mem_reserve *res, long bytes, u64 waited_ns,
		 bool charged),
	TP_ARGS(res, bytes, waited_ns, charged),
	TP_STRUCT__entry(
		__string(name, res->name)
		__field(long, bytes)
		__field(u64, waited_ns)
		__field(bool, charged)
	),
	TP_fast_assign(
		__assign_str(name);
		__entry->bytes = bytes;
		__entry->waited_ns = waited_ns;
		__entry->charged = charged;
	),
	TP_printk("group=\"%s\" bytes=%ld waited_ns=%llu %s", __get_str(name),
		  __entry->bytes, __entry->waited_ns,
		  __entry->charged ? "charged" : "not charged")
);

DECLARE_EVENT_CLASS(mem_reserve_emerg,
	TP_PROTO(const struct mem_reserve *res, const void *obj, long bytes,
		 unsigned long caller),
	TP_ARGS(res, obj, bytes, caller),
	TP_STRUCT__entry(
		__string(name, res->name)
		__field(const void *, obj)
		__field(long, bytes)
		__field(unsigned long, caller)
	),
	TP_fast_assign(
		__assign_str(name);
		__entry->obj = obj;
		__entry->bytes = bytes;
		__entry->caller = caller;
	),
	TP_printk("group=\"%s\" obj=%p bytes=%ld caller=%pS", __get_str(name),
		  __entry->obj, __entry->bytes, (void *)__entry->caller)
);

/* An allocation came from the reserves and was charged to its group. */
DEFINE_EVENT(mem_reserve_emerg, mem_reserve_emerg_alloc,
	TP_PROTO(const struct mem_reserve *res, const void *obj, long bytes,
		 unsigned long caller),
	TP_ARGS(res, obj, bytes, caller)
);

/* A charged allocation was freed and its charge given back. */
DEFINE_EVENT(mem_reserve_emerg, mem_reserve_emerg_free,
	TP_PROTO(const struct mem_reserve *res, const void *obj, long bytes,
		 unsigned long caller),
	TP_ARGS(res, obj, bytes, caller)
);

DECLARE_EVENT_CLASS(mem_reserve_tree,
	TP_PROTO(const struct mem_reserve *res, long pages, long total),
	TP_ARGS(res, pages, total),
	TP_STRUCT__entry(
		__string(name, res->name)
		__field(long, pages)
		__field(long, total)
	),
	TP_fast_assign(
		__assign_str(name);
		__entry->pages = pages;
		__entry->total = total;
	),
	TP_printk("group=\"%s\" pages=%ld total=%ld", __get_str(name),
		  __entry->pages, __entry->total)
);

/* A subtree of @pages was connected; the root now reserves @total. */
DEFINE_EVENT(mem_reserve_tree, mem_reserve_connect,
	TP_PROTO(const struct mem_reserve *res, long pages, long total),
	TP_ARGS(res, pages, total)
);

DEFINE_EVENT(mem_reserve_tree, mem_reserve_disconnect,
	TP_PROTO(const struct mem_reserve *res, long pages, long total),
	TP_ARGS(res, pages, total)
);

/* A group's own demand changed by @pages (signed). */
DEFINE_EVENT(mem_reserve_tree, mem_reserve_resize,
	TP_PROTO(const struct mem_reserve *res, long pages, long total),
	TP_ARGS(res, pages, total)
);

#endif /* _TRACE_MEM_RESERVE_H */

/* This part must be outside protection */
#include <trace/define_trace.h>

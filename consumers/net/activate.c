// SPDX-License-Identifier: GPL-2.0
/*
 * The network reserve is active exactly while a SOCK_MEMALLOC socket
 * exists: sk_set_memalloc() and sk_clear_memalloc() report every change
 * of memalloc_socks_key, and a work item connects the tree on 0 -> 1 and
 * disconnects it on 1 -> 0. A machine that never swaps over the network
 * reserves nothing.
 *
 * The tree is not changed in the caller's context: connecting raises the
 * watermarks, which sleeps, and a caller may hold a spinlock. The work
 * looks at the key when it runs, so changes that come while it is queued
 * or running are never lost: the last run sees the final state.
 *
 * Until the work has run, the SKB group is not connected, and receive
 * heads get no emergency memory at all (a group that is not connected
 * gets none from the wrappers).
 * If the watermarks cannot take the tree, the failure is logged and the
 * work tries again every NET_RESERVE_RETRY until they can or the last
 * memalloc socket is gone.
 */
#include <linux/printk.h>
#include <linux/workqueue.h>
#include <net/sock.h>
#include "internal.h"

#define NET_RESERVE_RETRY	(10 * HZ)

/* Set once the tree is registered; the work leaves it alone before that. */
static bool net_reserve_ready;
/* The last connection failed; logged once until one succeeds. */
static bool net_reserve_failing;

static void net_reserve_activate(struct work_struct *work);
static DECLARE_DELAYED_WORK(net_reserve_work, net_reserve_activate);

static void net_reserve_activate(struct work_struct *work)
{
	bool want = sk_memalloc_socks();
	int err;

	if (!READ_ONCE(net_reserve_ready) ||
	    want == mem_reserve_connected(&net_reserve_top))
		return;
	if (!want) {
		WARN_ON_ONCE(mem_reserve_disconnect(&net_reserve_top));
		return;
	}
	err = mem_reserve_connect(&net_reserve_top, &mem_reserve_root);
	if (!err) {
		net_reserve_failing = false;
		return;
	}
	if (!net_reserve_failing)
		pr_warn("net_reserve: cannot reserve %ld pages for swap over the network (%d), retrying\n",
			mem_reserve_pages(&net_reserve_top), err);
	net_reserve_failing = true;
	schedule_delayed_work(&net_reserve_work, NET_RESERVE_RETRY);
}

/**
 * net_reserve_memalloc_socks_changed - memalloc_socks_key was changed
 *
 * Queues the connection or disconnection of the network reserve to
 * match. Any context.
 */
void net_reserve_memalloc_socks_changed(void)
{
	mod_delayed_work(system_wq, &net_reserve_work, 0);
}
EXPORT_SYMBOL_GPL(net_reserve_memalloc_socks_changed);

/* Wait until the tree matches the memalloc sockets there are now. */
void net_reserve_sync(void)
{
	flush_delayed_work(&net_reserve_work);
}

/*
 * The tree is registered: from now on the work may connect it, and does
 * at once if a memalloc socket came first.
 */
void net_reserve_activation_start(void)
{
	WRITE_ONCE(net_reserve_ready, true);
	mod_delayed_work(system_wq, &net_reserve_work, 0);
}

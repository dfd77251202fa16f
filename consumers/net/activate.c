// SPDX-License-Identifier: GPL-2.0
/*
 * The network reserve is active while a SOCK_MEMALLOC socket exists:
 * sk_set_memalloc() and sk_clear_memalloc() report every change of
 * memalloc_socks_key. A machine that never swaps over the network
 * reserves nothing.
 *
 * The tree connects before sk_set_memalloc() returns, in the caller's
 * context (it already sleeps, in static_branch_inc()): the first packet of
 * the new socket may need the reserve. It disconnects only after the last
 * memalloc socket has been gone for NET_RESERVE_GRACE: a transport that
 * reconnects, as sunrpc's does (xs_reset_transport() clears the old
 * socket, xs_tcp_finish_connecting() sets the new one), keeps its reserve
 * across the gap, when the reply that frees memory must come through.
 *
 * Swap over NFS holds the tree connected from swapon to swapoff
 * (net_reserve_hold()), whether or not its transport has a socket at the
 * moment: sunrpc's groups are part of the tree, and swapon fails if the
 * tree cannot connect.
 *
 * If the watermarks cannot take the tree for a memalloc socket, the
 * failure is logged once and a work item tries again every
 * NET_RESERVE_RETRY until they can or the last memalloc socket is gone.
 * The same work puts back a route group that a family loaded later could
 * not size while the tree was connected (net_reserve_dst_reattach()).
 * Meanwhile the groups, not connected, bound nothing: emergency
 * allocations are served as in mainline (counted, without a limit), so a
 * machine too small for the tree is never worse off than without it.
 */
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/workqueue.h>
#include <net/sock.h>
#include "internal.h"

#define NET_RESERVE_RETRY	(10 * HZ)
#define NET_RESERVE_GRACE	(10 * HZ)

/* Serialises the decisions to connect and disconnect. */
static DEFINE_MUTEX(net_reserve_activate_lock);
/* Set once the tree is registered; nothing connects before that. */
static bool net_reserve_ready;
/* The last connection failed; logged once until one succeeds. */
static bool net_reserve_failing;
/* Users other than memalloc sockets that keep the tree connected. */
static int net_reserve_holders;

static void net_reserve_activate(struct work_struct *work);
static DECLARE_DELAYED_WORK(net_reserve_work, net_reserve_activate);

/*
 * Try again in NET_RESERVE_RETRY what could not be reserved; a run already
 * pending keeps its earlier time.
 */
void net_reserve_retry(void)
{
	queue_delayed_work(system_wq, &net_reserve_work, NET_RESERVE_RETRY);
}

/*
 * Connect the tree. Pages are charged only from here on, so the
 * page allocator's frees test their mark only on machines that swap over
 * the network (or run a memalloc socket).
 */
static int net_reserve_connect(void)
{
	struct mem_reserve *pages[] = { &net_rx_page_reserve, &net_tx_page_reserve };
	int i, err;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		err = mem_reserve_page_charging(pages[i]);
		/* the rest of the tree is worth connecting without it */
		if (err)
			pr_warn_once("net_reserve: %s not charged (%d)\n",
				     pages[i]->name, err);
	}
	return mem_reserve_connect(&net_reserve_top, &mem_reserve_root);
}

/* Bring the tree to what the memalloc sockets there are now want. */
static void net_reserve_update(void)
{
	bool want;
	int err;

	mutex_lock(&net_reserve_activate_lock);
	/* under the lock: a set and a clear that race are both seen */
	want = sk_memalloc_socks() || net_reserve_holders;
	if (!net_reserve_ready || want == mem_reserve_connected(&net_reserve_top))
		goto unlock;
	if (!want) {
		WARN_ON_ONCE(mem_reserve_disconnect(&net_reserve_top));
		goto unlock;
	}
	err = net_reserve_connect();
	if (!err) {
		net_reserve_failing = false;
		goto unlock;
	}
	if (!net_reserve_failing)
		pr_warn("net_reserve: cannot reserve %ld pages for swap over the network (%d): unbounded until it can, retrying\n",
			mem_reserve_pages(&net_reserve_top), err);
	net_reserve_failing = true;
	net_reserve_retry();
unlock:
	mutex_unlock(&net_reserve_activate_lock);
}

static void net_reserve_activate(struct work_struct *work)
{
	net_reserve_update();
	if (net_reserve_dst_reattach())
		net_reserve_retry();
}

/**
 * net_reserve_memalloc_socks_changed - memalloc_socks_key was changed
 *
 * While a memalloc socket exists, connects the network reserve now if it
 * is not connected. When the last one is gone, disconnects it after a
 * grace period, unless another memalloc socket comes first. Process
 * context; may sleep (sk_set_memalloc() and sk_clear_memalloc() do).
 */
void net_reserve_memalloc_socks_changed(void)
{
	might_sleep();
	if (sk_memalloc_socks())
		net_reserve_update();
	else
		mod_delayed_work(system_wq, &net_reserve_work, NET_RESERVE_GRACE);
}
EXPORT_SYMBOL_GPL(net_reserve_memalloc_socks_changed);

/**
 * net_reserve_hold - keep the network reserve connected
 *
 * Connects the network reserve now if it is not, and keeps it connected
 * until the matching net_reserve_unhold(), with or without memalloc
 * sockets. Process context; may sleep.
 *
 * Return: 0, -ENOMEM if the watermarks cannot take the tree, or -ENODEV
 * before the tree is registered.
 */
int net_reserve_hold(void)
{
	int err = 0;

	mutex_lock(&net_reserve_activate_lock);
	if (!net_reserve_ready)
		err = -ENODEV;
	else if (!mem_reserve_connected(&net_reserve_top))
		err = net_reserve_connect();
	if (!err) {
		net_reserve_holders++;
		net_reserve_failing = false;
	}
	mutex_unlock(&net_reserve_activate_lock);
	return err;
}

/**
 * net_reserve_unhold - undo net_reserve_hold()
 *
 * The tree disconnects NET_RESERVE_GRACE after nothing wants it any more.
 * Process context.
 */
void net_reserve_unhold(void)
{
	mutex_lock(&net_reserve_activate_lock);
	if (!WARN_ON_ONCE(net_reserve_holders <= 0))
		net_reserve_holders--;
	mutex_unlock(&net_reserve_activate_lock);
	/* the work decides under the lock, seeing any hold or socket since */
	mod_delayed_work(system_wq, &net_reserve_work, NET_RESERVE_GRACE);
}

/* Run a pending retry or disconnect now, and wait for it. */
void net_reserve_sync(void)
{
	flush_delayed_work(&net_reserve_work);
}

/*
 * The tree is registered: from now on it may connect, and does at once if
 * a memalloc socket came first.
 */
void net_reserve_activation_start(void)
{
	mutex_lock(&net_reserve_activate_lock);
	WRITE_ONCE(net_reserve_ready, true);
	mutex_unlock(&net_reserve_activate_lock);
	mod_delayed_work(system_wq, &net_reserve_work, 0);
}

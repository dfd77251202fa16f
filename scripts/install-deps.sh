#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the build, the checks and the tests need.
# As root, missing packages are installed with apt-get; otherwise the
# script stops and names them.
set -euo pipefail
. "$(dirname "$0")/common.sh"

packages=(
	build-essential bc bison flex libelf-dev libssl-dev python3 perl
	ccache coccinelle sparse
	# the end-to-end runs: the server's daemons, the client's NBD tool,
	# mconsole to ask a hung guest for its blocked tasks, and the network
	nfs-kernel-server rpcbind nbd-server nbd-client uml-utilities
	iproute2 iputils-ping
	# the documentation check: Sphinx with the kernel's conf.py, whose
	# default theme (alabaster) comes with it, and graphviz, without which
	# the kernel's kfigure extension warns at every build
	python3-sphinx graphviz
	# checkpatch in a git tree (the patch series' check) runs
	# scripts/spdxcheck.py, which needs these
	python3-ply python3-git
)
# The Debian tarball is only needed when the user brings no tree.
[ -n "${KSRC:-}" ] || packages+=(linux-source-6.12)
# QEMU is needed only by the benchmark and the SMP checks.
[ "${WITH_QEMU:-0}" = 1 ] && packages+=(qemu-system-x86)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "all build dependencies are installed"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	die "missing packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})"
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}"

# SPDX-License-Identifier: GPL-2.0
#
# mem_reserve workspace. The work is done by the scripts in scripts/, which
# print each phase and how long it took. KSRC=/path/to/linux-6.12 (a git
# tree) uses your own kernel tree; JOBS sets build parallelism.

.PHONY: help run e2e test deps tree overlay kunit check bench patches htmldocs clean

help:
	@echo "make run      build the UML kernel and boot it: the reserve tree and the demos"
	@echo "make e2e      swap over NFS and NBD between two UML kernels, project vs pristine 6.12"
	@echo "make test     all tests: Coccinelle cases, KUnit on UML, sparse, checkpatch, kernel-doc"
	@echo "make deps     install the Debian packages (as root)"
	@echo "make tree     extract the pristine 6.12 tree into the cache"
	@echo "make overlay  reset the tree and apply the project to it"
	@echo "make kunit    KUnit only (KUNIT_FILTER='mem_reserve_tree*' for one suite)"
	@echo "make check    the static gates only (after make kunit)"
	@echo "make bench    the benchmarks on QEMU x86_64, 2 CPUs: the library, the network vs pristine"
	@echo "make patches  the project as a git format-patch series against pristine 6.12"
	@echo "make htmldocs the project's pages, built by Sphinx with the kernel's conf.py"
	@echo "make clean    remove build outputs (keeps the pristine tree and ccache)"

run:
	@scripts/run.sh

e2e: overlay
	@scripts/e2e.sh

test:
	@scripts/test.sh

deps:
	@scripts/install-deps.sh

tree: deps
	@scripts/pristine-tree.sh

overlay: tree
	@scripts/overlay.sh

kunit: overlay
	@scripts/kunit.sh

check:
	@scripts/check-cocci.sh
	@scripts/check-sparse.sh
	@scripts/check-checkpatch.sh
	@scripts/check-kerneldoc.sh
	@scripts/check-htmldocs.sh

bench:
	@scripts/bench.sh

patches: tree
	@scripts/patches.sh

htmldocs: overlay
	@scripts/check-htmldocs.sh

clean:
	@. scripts/common.sh && rm -rf "$$MR_BUILD" && echo "removed $$MR_BUILD"

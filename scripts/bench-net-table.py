#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The network throughput table of make bench: the net_bench rows of the
pristine and the project kernels' KUnit logs side by side, with the
project's figure divided by pristine's for plain and for SOCK_MEMALLOC
sockets. Usage: bench-net-table.py PRISTINE_LOG PROJECT_LOG"""
import re
import sys

ROW = re.compile(r'net_bench: (\S+)\s+([\d.]+) \+-\s*(\d+)%\s+([\d.]+) \+-\s*(\d+)%')


def rows(path):
    found = {}
    with open(path, errors='replace') as log:
        for line in log:
            m = ROW.search(line)
            if m and m.group(1) != 'workload':
                name, p, ps, m_, ms = m.groups()
                found[name] = (float(p), int(ps), float(m_), int(ms))
    if not found:
        sys.exit(f'no net_bench rows in {path}')
    return found


def main():
    pristine, project = rows(sys.argv[1]), rows(sys.argv[2])
    cell = '{:>9.2f} +-{:<2d}%'
    print(f'{"":20} {"plain sockets":^43} | {"SOCK_MEMALLOC sockets":^43}')
    print(f'{"workload":20} {"pristine":>14} {"project":>14} {"ratio":>12} |'
          f' {"pristine":>14} {"project":>14} {"ratio":>12}')
    for name, (pp, pps, pm, pms) in pristine.items():
        if name not in project:
            sys.exit(f'{name}: no row in the project kernel\'s log')
        xp, xps, xm, xms = project[name]
        print(f'{name:20} {cell.format(pp, pps)} {cell.format(xp, xps)} {xp / pp:>11.3f}x |'
              f' {cell.format(pm, pms)} {cell.format(xm, xms)} {xm / pm:>11.3f}x')


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Put the project's MAINTAINERS sections into a kernel tree.

Usage: maintainers-entry.py TEMPLATE TREE SIGNER

Each section of TEMPLATE (scripts/patches/MAINTAINERS) goes, with only
the F: lines whose files exist in TREE, before the first section of
TREE/MAINTAINERS whose name sorts after it, as the file is ordered.
Sections put there before are replaced, so each step of patches.sh
extends the entry rather than adding another.
"""
import os
import sys


def sections(lines):
    """Split MAINTAINERS-format lines into (name, body lines) pairs."""
    out, cur = [], None
    for line in lines:
        if not line.strip():
            cur = None
            continue
        if line.startswith('#'):
            continue
        if cur is None:
            cur = (line, [])
            out.append(cur)
        else:
            cur[1].append(line)
    return out


def main():
    template, tree, signer = sys.argv[1:4]
    with open(template) as f:
        wanted = sections(f.read().splitlines())
    path = os.path.join(tree, 'MAINTAINERS')
    with open(path) as f:
        lines = f.read().splitlines()

    names = {name for name, _ in wanted}
    # drop what an earlier step put in: the name line to the blank after it
    kept, skip = [], False
    for line in lines:
        if line in names:
            skip = True
        if not skip:
            kept.append(line)
        elif not line.strip():
            skip = False
    lines = kept

    start = lines.index('Maintainers List') + 1
    end = lines.index('THE REST')
    for name, body in wanted:
        body = [b.replace('@SIGNER@', signer) for b in body
                if not b.startswith('F:\t') or
                os.path.exists(os.path.join(tree, b[3:].strip()))]
        if not any(b.startswith('F:\t') for b in body):
            continue
        at = end
        for i in range(start, end):
            # a section name: a line followed by a "X:<tab>" line
            if (lines[i] and lines[i - 1] == '' and i + 1 < len(lines) and
                    lines[i + 1][1:3] == ':\t' and
                    lines[i].upper() > name.upper()):
                at = i
                break
        lines[at:at] = [name] + body + ['']
        end += len(body) + 2
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()

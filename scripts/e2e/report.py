#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read the end-to-end client logs that scripts/e2e.sh writes.

  report.py summary LOG          one line: how the run ended
  report.py tuned LOG            min_free_kbytes plus the largest reserve
                                 total the project's client had connected
  report.py check LOG...         make test's checks, one "e2e: PASS|FAIL"
                                 line each
  report.py table SCENARIOS -- KERNELS -- DIR
                                 the README's table, in Markdown
"""
import re
import sys

SUNRPC_GROUPS = ('sunrpc swap reserve', 'RPC buffers', 'NFS swap writes')
# The tree's columns before the name, as its header line names them
# (debugfs.c); "KiB" is read as "kib".
TREE_COLUMNS = ('id', 'parent', 'conn', 'pages', 'kib', 'limit', 'usage',
                'peak', 'failed', 'waits', 'clamped', 'uncounted')


class Run:
    """What one client log says."""

    def __init__(self, path):
        try:
            with open(path, errors='replace') as f:
                self.lines = f.read().splitlines()
        except OSError:
            self.lines = []
        self.path = path
        self.columns = TREE_COLUMNS   # until a header line says otherwise
        self.groups = {}        # name -> max limit, max peak, failed, waits
        self.connected = set()  # groups seen connected while swapping
        self.after = {'swapoff': {}, 'grace': {}}   # name -> row, at the end
        self.swapoff_status = None
        self.drops = {}         # counter -> its largest sample
        self.root_kib = 0
        self.swap_out = self.swap_in = 0
        self.min_free_kbytes = None
        self.hog_seconds = None
        self.hog_mib = None
        self.harness = None
        self.hog_status = None
        self._parse()

    def _tree_row(self, text, when):
        words = text.split()
        if words[:1] == ['id'] and words[-1:] == ['name']:
            self.columns = tuple(w.lower() for w in words[:-1])
            return
        fields = text.split(None, len(self.columns))
        if len(fields) <= len(self.columns) or not fields[0].isdigit():
            return
        row = dict(zip(self.columns, fields))
        name = fields[-1].strip()
        if when in self.after:
            self.after[when][name] = row
            return
        if row['conn'] == '1':
            self.connected.add(name)
        if row['parent'] == '-' and name == 'total reserve':
            self.root_kib = max(self.root_kib, int(row['kib']))
        g = self.groups.setdefault(name, {'limit': 0, 'peak': 0,
                                          'failed': 0, 'waits': 0,
                                          'uncounted': 0})
        g['limit'] = max(g['limit'], int(row['limit']))
        for key in ('peak', 'failed', 'waits', 'uncounted'):
            g[key] = max(g[key], int(row.get(key, 0)))

    def _parse(self):
        for line in self.lines:
            if line.startswith(('tree: ', 'end: ', 'swapoff: ', 'grace: ')):
                when, text = line.split(': ', 1)
                self._tree_row(text, when)
            elif m := re.match(r'e2e-client: swapoff exit status (\d+)', line):
                self.swapoff_status = int(m[1])
            elif m := re.match(r'sample: .* pswpout=(\d+) pswpin=(\d+)', line):
                self.swap_out = max(self.swap_out, int(m[1]))
                self.swap_in = max(self.swap_in, int(m[2]))
                for key, val in re.findall(r'(\w+_(?:drops|fails|timeouts|'
                                           r'errors))=(-?\d+)', line):
                    self.drops[key] = max(self.drops.get(key, 0), int(val))
            elif m := re.match(r'e2e-client: (pswpout|pswpin) (\d+)', line):
                if m[1] == 'pswpout':
                    self.swap_out = max(self.swap_out, int(m[2]))
                else:
                    self.swap_in = max(self.swap_in, int(m[2]))
            elif m := re.match(r'e2e-client: min_free_kbytes (\d+)', line):
                self.min_free_kbytes = int(m[1])
            elif m := re.match(r'hog: OK (\d+) MiB in (\d+) s', line):
                self.hog_mib, self.hog_seconds = int(m[1]), int(m[2])
            elif m := re.match(r'e2e-client: hog exit status (\d+)', line):
                self.hog_status = int(m[1])
            elif m := re.match(r'e2e-outcome: (.*)', line):
                self.harness = m[1]

    def has(self, pattern):
        return any(re.search(pattern, line) for line in self.lines)

    def outcome(self):
        """completed, corrupted, OOM-killed, hung, ... : how the hog ended"""
        if self.has(r'^hog: MISMATCH'):
            return 'corrupted'
        if self.hog_seconds is not None:
            return 'completed'
        if self.has(r'Killed process \d+ \(hog\)') or self.hog_status == 137:
            return 'OOM-killed'
        if self.has(r'^e2e-client: no swap'):
            return 'no swap'
        if self.harness:
            return re.sub(r' after \d+ s$', '', self.harness)
        return 'no log'

    def over_limit(self):
        """groups whose peak passed the largest limit they had"""
        return sorted(name for name, g in self.groups.items()
                      if g['peak'] > g['limit'])

    def swapped(self):
        """MiB out and in, from the pages the client counted"""
        return self.swap_out * 4 // 1024, self.swap_in * 4 // 1024

    def summary(self):
        out, inn = self.swapped()
        text = f'{self.outcome()}'
        if self.hog_seconds is not None:
            text += f' in {self.hog_seconds} s'
        text += f', swapped out {out} MiB, in {inn} MiB'
        drops = ', '.join(f'{k} {v}' for k, v in sorted(self.drops.items())
                          if v > 0)
        if drops:
            text += f'; {drops}'
        for name in self.over_limit():
            g = self.groups[name]
            text += f'; OVER LIMIT {name} peak {g["peak"]} > {g["limit"]}'
        return text


    @staticmethod
    def busy(rows):
        """groups in a tree dump with anything charged"""
        return sorted(name for name, row in rows.items()
                      if int(row['usage']) != 0)


def peaks(run):
    """each charged group's peak against its limit, in KiB, refusals and
    what was served past the limit"""
    return ', '.join(f'{name} {g["peak"] // 1024}/{g["limit"] // 1024}' +
                     (f' ({g["failed"]} refused)' if g['failed'] else '') +
                     (f' ({g["uncounted"]} uncounted)' if g['uncounted'] else '')
                     for name, g in sorted(run.groups.items())
                     if g['peak'] or g['failed'] or g['uncounted'])


def table(scenarios, kernels, directory):
    heads = {'project': 'project', 'pristine': 'pristine 6.12',
             'pristine-tuned': 'pristine 6.12, min_free_kbytes raised'}
    print('| scenario | ' + ' | '.join(heads.get(k, k) for k in kernels) +
          ' | project: group peak/limit (KiB) |')
    print('|---' * (len(kernels) + 2) + '|')
    for s in scenarios:
        cells = []
        project = None
        for k in kernels:
            run = Run(f'{directory}/{s}.{k}.log')
            out, inn = run.swapped()
            cell = run.outcome()
            if run.hog_seconds is not None:
                cell += f', {run.hog_seconds} s'
            cell += f', {out}/{inn} MiB out/in'
            if run.over_limit():
                cell += ', OVER LIMIT: ' + ' '.join(run.over_limit())
            cells.append(cell)
            if k == 'project':
                project = run
        print(f'| {s} | ' + ' | '.join(cells) +
              f' | {peaks(project) if project else ""} |')


def check(paths):
    """make test's cases; returns the number that failed"""
    failed = 0
    for path in paths:
        run = Run(path)
        name = re.sub(r'.*/', '', path).replace('.log', '')
        cases = [
            # the hog says OK only after it checked every word it wrote
            ('the hog completed, no byte lost or wrong',
             run.outcome() == 'completed', run.outcome()),
            ('it really swapped over the network', run.swap_out > 0,
             f'{run.swap_out} pages out'),
            ('every group\'s peak within its limit',
             bool(run.groups) and not run.over_limit(),
             'over: ' + ' '.join(run.over_limit()) if run.groups
             else 'no reserve tree sampled'),
        ]
        # a driver's receive ring may hold charged heads until packets
        # come; the sunrpc groups hold nothing once swap is off
        at_swapoff = [g for g in Run.busy(run.after['swapoff'])
                      if g in SUNRPC_GROUPS]
        at_grace = sorted(name for name, row in run.after['grace'].items()
                          if row['parent'] != '-' and row['conn'] == '1')
        cases += [
            ('swapoff left nothing charged to the sunrpc groups',
             run.swapoff_status == 0 and bool(run.after['swapoff']) and
             not at_swapoff,
             f'swapoff status {run.swapoff_status}, charged: '
             + ' '.join(at_swapoff)),
            ('the tree disconnected a grace period after swapoff',
             bool(run.after['grace']) and not at_grace,
             'still connected: ' + ' '.join(at_grace)),
        ]
        if name.startswith('nfs'):
            writes = run.groups.get('NFS swap writes', {}).get('peak', 0)
            cases += [
                ('swap over NFS connected the sunrpc groups',
                 'RPC buffers' in run.connected,
                 'RPC buffers never seen connected'),
                # every swap write is admitted: charged while it is out
                ('the swap writes were charged to their NFS group',
                 writes > 0, f'NFS swap writes peak {writes}'),
            ]
        for what, ok, detail in cases:
            print(f'e2e: {"PASS" if ok else "FAIL"} {name}: {what}' +
                  ('' if ok else f' ({detail}; log: {path})'))
            failed += not ok
    return failed


def main(argv):
    if len(argv) == 3 and argv[1] == 'summary':
        print(Run(argv[2]).summary())
    elif len(argv) == 3 and argv[1] == 'tuned':
        run = Run(argv[2])
        if run.min_free_kbytes is not None and run.root_kib:
            print(run.min_free_kbytes + run.root_kib)
    elif len(argv) >= 3 and argv[1] == 'check':
        return 1 if check(argv[2:]) else 0
    elif argv[1:2] == ['table'] and argv.count('--') == 2:
        rest = argv[2:]
        i = rest.index('--')
        j = rest.index('--', i + 1)
        table(rest[:i], rest[i + 1:j], rest[j + 1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

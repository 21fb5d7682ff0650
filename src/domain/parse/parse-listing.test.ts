import { describe, expect, it } from 'vitest';
import { SEED_LISTING, SEED_SAVE } from '../examples/seed.ts';
import { withoutProvenance } from '../model/compare.ts';
import type { Problem } from '../model/problem.ts';
import { findChain } from '../model/ruleset.ts';
import { parseDump } from './parse-dump.ts';
import { serializeRule } from './serialize-save.ts';

const errors = (problems: readonly Problem[]): Problem[] =>
  problems.filter((p) => p.severity === 'error');

/** The warning that a listing made without -v hides -i and -o. */
const isInterfaceWarning = (p: Problem): boolean => /no in\/out columns/.test(p.message);

interface Print {
  /** -v: counters and in/out columns. */
  readonly verbose?: boolean;
  /** -x: exact counters (else abbreviated above 99999). */
  readonly exact?: boolean;
  readonly lineNumbers?: boolean;
  /** iptables 1.8.9 with -n prints protocol numbers: `0` for all, `6` for tcp. */
  readonly numericProtocol?: boolean;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { all: '0', tcp: '6', udp: '17' };

/** xtables_print_num: `%8llu ` with -x, else abbreviated to K/M/G/T past 99999. */
function count(n: number, exact: boolean): string {
  if (exact) return `${String(n).padStart(8)} `;
  if (n <= 99999) return `${String(n).padStart(5)} `;
  let v = n;
  for (const unit of ['K', 'M', 'G', 'T']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999 || unit === 'T') return `${String(v).padStart(4)}${unit} `;
  }
  return '';
}

/**
 * Re-prints the seed's collapsed listing the way iptables' print_header and
 * print_firewall align it, with the columns `format` adds. Rule n gets
 * n·37 packets and n·41000 bytes, so that -v without -x abbreviates some.
 */
function reprint(listing: string, format: Print): string {
  let n = 0;
  let ruleInChain = 0;
  return listing
    .split('\n')
    .map((line) => {
      if (line.startsWith('Chain ')) {
        ruleInChain = 0;
        return format.verbose
          ? line.replace(/\(policy (\w+)\)/, '(policy $1 0 packets, 0 bytes)')
          : line;
      }
      if (line.startsWith('target ')) {
        let header = format.lineNumbers ? 'num  ' : '';
        if (format.verbose)
          header += format.exact
            ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} `
            : ' pkts bytes ';
        header += `${'target'.padEnd(9)}  prot opt`;
        if (format.verbose) header += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
        return `${header} ${'source'.padEnd(19)}  ${'destination'.padEnd(19)} `;
      }
      if (line === '') return line;
      const [target = '', prot = '', opt = '', source = '', destination = ''] = line.split(' ');
      const rest = line.split(' ').slice(5).join(' ');
      n++;
      ruleInChain++;
      let out = format.lineNumbers ? `${String(ruleInChain).padEnd(4)} ` : '';
      if (format.verbose)
        out += count(n * 37, format.exact ?? false) + count(n * 41000, format.exact ?? false);
      const protocol = format.numericProtocol ? (PROTOCOL_NUMBERS[prot] ?? prot) : prot;
      out += `${target.padEnd(9)}  ${protocol.padEnd(5)}${opt} `;
      if (format.verbose) out += ` ${'*'.padEnd(6)} ${'*'.padEnd(6)} `;
      out += ` ${source.padEnd(19)}  ${destination.padEnd(19)} `;
      return rest ? `${out} ${rest}` : out;
    })
    .join('\n');
}

const seedModel = withoutProvenance(parseDump(SEED_SAVE).ruleset);

describe('parseListing: the seed listing in every shape iptables prints it', () => {
  const cases: { name: string; text: string }[] = [
    { name: 'the article (columns collapsed to single spaces)', text: SEED_LISTING },
    { name: 'iptables -t nat -nL, aligned', text: reprint(SEED_LISTING, {}) },
    {
      name: 'iptables -t nat -nvL, abbreviated counters',
      text: reprint(SEED_LISTING, { verbose: true }),
    },
    { name: 'iptables -t nat -nvxL', text: reprint(SEED_LISTING, { verbose: true, exact: true }) },
    {
      name: 'iptables -t nat -nL --line-numbers',
      text: reprint(SEED_LISTING, { lineNumbers: true }),
    },
    {
      name: 'iptables -t nat -nvL --line-numbers',
      text: reprint(SEED_LISTING, { lineNumbers: true, verbose: true }),
    },
    {
      name: 'iptables 1.8.9 -nL (protocol numbers)',
      text: reprint(SEED_LISTING, { numericProtocol: true }),
    },
    { name: 'with Windows line endings', text: SEED_LISTING.replace(/\n/g, '\r\n') },
    { name: 'after the pasted command line', text: `# iptables -t nat -nL\n${SEED_LISTING}` },
  ];
  it.each(cases)('$name gives the iptables-save model', ({ text }) => {
    const { ruleset, problems, format } = parseDump(text);
    expect(format).toBe('listing');
    expect(errors(problems)).toEqual([]);
    expect(withoutProvenance(ruleset)).toEqual(seedModel);
  });

  it('the aligned re-print looks like iptables output', () => {
    const lines = reprint(SEED_LISTING, { verbose: true }).split('\n');
    expect(lines[0]).toBe('Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)');
    expect(lines[1]?.trimEnd()).toBe(
      ' pkts bytes target     prot opt in     out     source               destination',
    );
    expect(lines[2]).toMatch(
      /^ {3}37 41000 LOG {8}all {2}-- {2}\* {6}\* {7}0\.0\.0\.0\/0 {12}0\.0\.0\.0\/0 {12}LOG flags 0/,
    );
  });

  it('keeps the counters, multiplied out, and warns once that -x gives exact ones', () => {
    const { ruleset, problems } = parseDump(reprint(SEED_LISTING, { verbose: true }));
    const nat = ruleset.tables[0];
    const prerouting = nat && findChain(nat, 'PREROUTING');
    expect(prerouting?.counters).toEqual({ packets: 0n, bytes: 0n });
    expect(prerouting?.rules[0]?.counters).toEqual({ packets: 37n, bytes: 41000n });
    // The third rule: 111 packets, 123000 bytes printed as "123K".
    expect(findChain(nat!, 'OUTPUT')?.rules[0]?.counters).toEqual({
      packets: 111n,
      bytes: 123000n,
    });
    const warnings = problems.filter((p) => /-x/.test(p.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ line: 11, column: 8, severity: 'warning' });
  });

  it('keeps exact counters from -x without a warning', () => {
    const { ruleset, problems } = parseDump(reprint(SEED_LISTING, { verbose: true, exact: true }));
    expect(problems).toEqual([]);
    expect(findChain(ruleset.tables[0]!, 'OUTPUT')?.rules[0]?.counters).toEqual({
      packets: 111n,
      bytes: 123000n,
    });
  });

  it('keeps each rule line and its number as the rule origin', () => {
    const { ruleset } = parseDump(SEED_LISTING);
    const rule = findChain(ruleset.tables[0]!, 'KUBE-SERVICES')?.rules[0];
    const line = SEED_LISTING.split('\n').findIndex((l) => l.includes('10.254.198.92')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(rule?.origin?.line).toBe(line);
    expect(rule?.origin?.raw).toMatch(
      /^KUBE-SVC-I64SNEMOLCWHJHS3 tcp -- 0\.0\.0\.0\/0 10\.254\.198\.92/,
    );
  });
});

const FILTER = `Chain INPUT (policy ACCEPT)
target     prot opt source               destination
KUBE-FIREWALL  all  --  0.0.0.0/0            0.0.0.0/0

Chain FORWARD (policy DROP)
target     prot opt source               destination

Chain OUTPUT (policy ACCEPT)
target     prot opt source               destination

Chain KUBE-FIREWALL (1 references)
target     prot opt source               destination
DROP       all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes firewall for dropping marked packets */ mark match 0x8000/0x8000
`;

const ONLY_BUILTINS = `Chain INPUT (policy ACCEPT)
target     prot opt source               destination

Chain FORWARD (policy ACCEPT)
target     prot opt source               destination

Chain OUTPUT (policy ACCEPT)
target     prot opt source               destination
`;

describe('parseListing: which table', () => {
  const cases: {
    name: string;
    text: string;
    table?: 'raw' | 'mangle' | 'nat' | 'filter' | 'security';
    tables: string[];
  }[] = [
    { name: 'filter told from INPUT/FORWARD/OUTPUT', text: FILTER, tables: ['filter'] },
    { name: 'nat told from its built-in chains and DNAT', text: SEED_LISTING, tables: ['nat'] },
    { name: 'the caller names it', text: ONLY_BUILTINS, table: 'security', tables: ['security'] },
    {
      name: 'two listings, the second starting at a repeated INPUT',
      text: `${FILTER}\n${SEED_LISTING}`,
      tables: ['filter', 'nat'],
    },
    {
      name: 'two listings, built-in chains only: PREROUTING after OUTPUT starts the next',
      text: `${ONLY_BUILTINS}\n${SEED_LISTING}`,
      tables: ['filter', 'nat'],
    },
    {
      name: 'command lines name the tables',
      text: `# iptables -t mangle -nL\n${ONLY_BUILTINS.replace('INPUT', 'PREROUTING')}\n$ sudo iptables -nL\n${ONLY_BUILTINS}`,
      tables: ['mangle', 'filter'],
    },
    {
      name: 'a shell prompt before the command; --table=',
      text: `[root@node ~]# iptables --table=raw -nvL\nChain PREROUTING (policy ACCEPT 0 packets, 0 bytes)\n pkts bytes target     prot opt in     out     source               destination\n`,
      tables: ['raw'],
    },
    {
      name: 'a user chain alone, named by the command line',
      text: '# iptables -t nat -nL KUBE-MARK-MASQ\nChain KUBE-MARK-MASQ (3 references)\ntarget prot opt source destination\nMARK all -- 0.0.0.0/0 0.0.0.0/0 MARK or 0x4000\n',
      tables: ['nat'],
    },
  ];
  it.each(cases)('$name', ({ text, table, tables }) => {
    const { ruleset, problems } = parseDump(text, table ? { table } : {});
    expect(errors(problems)).toEqual([]);
    expect(ruleset.tables.map((t) => t.name)).toEqual(tables);
  });

  it('reports a command line naming no table', () => {
    const { problems, ruleset } = parseDump(`# iptables -t nta -nL\n${FILTER}`);
    expect(errors(problems)).toEqual([expect.objectContaining({ line: 1, column: 15 })]);
    expect(ruleset.tables.map((t) => t.name)).toEqual(['filter']);
  });
});

describe('parseListing: rule columns', () => {
  const verbose = (line: string): string =>
    `Chain TEST (0 references)\n pkts bytes target     prot opt in     out     source               destination\n${line}\n`;
  const plain = (line: string): string =>
    `Chain TEST (0 references)\ntarget prot opt source destination\n${line}\n`;
  const cases: { name: string; text: string; rule: string }[] = [
    {
      name: 'a negated protocol',
      text: plain('ACCEPT !tcp -- 0.0.0.0/0 0.0.0.0/0'),
      rule: '-A TEST ! -p tcp -j ACCEPT',
    },
    {
      name: 'a protocol number',
      text: plain('ACCEPT 47 -- 0.0.0.0/0 0.0.0.0/0'),
      rule: '-A TEST -p gre -j ACCEPT',
    },
    {
      name: 'fragments',
      text: plain('DROP all -f 0.0.0.0/0 0.0.0.0/0'),
      rule: '-A TEST -f -j DROP',
    },
    {
      name: 'not fragments',
      text: plain('DROP all !f 0.0.0.0/0 0.0.0.0/0'),
      rule: '-A TEST ! -f -j DROP',
    },
    {
      name: 'addresses: /32 printed bare, CIDR, negated',
      text: plain('RETURN all -- 1.2.3.4 !10.0.0.0/8'),
      rule: '-A TEST -s 1.2.3.4/32 ! -d 10.0.0.0/8 -j RETURN',
    },
    {
      name: 'interfaces with -v',
      text: verbose(
        '    0     0 ACCEPT     all  --  eth+   !docker0  0.0.0.0/0            0.0.0.0/0',
      ),
      rule: '-A TEST -i eth+ ! -o docker0 -j ACCEPT',
    },
    {
      name: 'no target (the column is blank), aligned',
      text: verbose(
        '    3   180            all  --  *      *       10.0.0.1             0.0.0.0/0',
      ),
      rule: '-A TEST -s 10.0.0.1/32',
    },
    {
      name: 'no target, collapsed',
      text: plain(' all -- 0.0.0.0/0 0.0.0.0/0 /* count only */'),
      rule: '-A TEST -m comment --comment "count only"',
    },
    {
      name: 'no header: columns told from the line',
      text: 'Chain TEST (0 references)\nACCEPT tcp -- 0.0.0.0/0 0.0.0.0/0 tcp dpt:22',
      rule: '-A TEST -p tcp -m tcp --dport 22 -j ACCEPT',
    },
  ];
  it.each(cases)('$name', ({ text, rule }) => {
    const { ruleset, problems } = parseDump(text, { table: 'filter' });
    expect(errors(problems)).toEqual([]);
    const chain = ruleset.tables[0]?.chains[0];
    expect(chain?.rules.map((r) => serializeRule(r, chain.name))).toEqual([rule]);
  });

  it('reads jumps to chains of the listing, and [goto]', () => {
    const text = `Chain INPUT (policy ACCEPT)
target prot opt source destination
KUBE-A all -- 0.0.0.0/0 0.0.0.0/0
KUBE-A all -- 0.0.0.0/0 0.0.0.0/0 [goto] /* via goto */
KUBE-A all -- 0.0.0.0/0 0.0.0.0/0 /* goto printed last */ [goto]

Chain FORWARD (policy ACCEPT)
target prot opt source destination

Chain OUTPUT (policy ACCEPT)
target prot opt source destination

Chain KUBE-A (3 references)
target prot opt source destination
`;
    const { ruleset, problems } = parseDump(text);
    expect(problems.filter((p) => !isInterfaceWarning(p))).toEqual([]);
    const input = ruleset.tables[0]?.chains[0];
    expect(input?.rules.map((r) => serializeRule(r, 'INPUT'))).toEqual([
      '-A INPUT -j KUBE-A',
      '-A INPUT -m comment --comment "via goto" -g KUBE-A',
      '-A INPUT -m comment --comment "goto printed last" -g KUBE-A',
    ]);
  });
});

describe('parseListing: a listing without -v hides -i and -o', () => {
  const LOOPBACK = `Chain INPUT (policy DROP)
target     prot opt source               destination
ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0
`;
  const cases: { name: string; text: string; lines: number[] }[] = [
    {
      // -A INPUT -i lo -j ACCEPT, listed without -v: it reads as accepting everything.
      name: 'warned at the table, once however many rules',
      text: `${FILTER}ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0\n`,
      lines: [1],
    },
    { name: 'warned for a lone chain, columns told from its header', text: LOOPBACK, lines: [1] },
    {
      name: 'warned when the columns are told from the rule lines',
      text: 'Chain INPUT (policy DROP)\nACCEPT all -- 0.0.0.0/0 0.0.0.0/0\n',
      lines: [1],
    },
    {
      name: 'warned once per table, at its first line (the pasted command)',
      text: `${FILTER}\n# iptables -t nat -nL\n${SEED_LISTING}`,
      lines: [1, FILTER.split('\n').length + 1],
    },
    {
      name: 'not warned with -v',
      text: reprint(SEED_LISTING, { verbose: true, exact: true }),
      lines: [],
    },
    { name: 'not warned for a table without rules', text: ONLY_BUILTINS, lines: [] },
  ];
  it.each(cases)('$name', ({ text, lines }) => {
    const { problems } = parseDump(text, { format: 'listing' });
    const warnings = problems.filter(isInterfaceWarning);
    expect(warnings.map((p) => [p.line, p.column, p.severity])).toEqual(
      lines.map((line) => [line, 1, 'warning']),
    );
    expect(warnings[0]?.message ?? '').toMatch(lines.length ? /-v/ : /^$/);
  });
});

describe('parseListing: broken listings', () => {
  it('reports each bad line at its line and column and reads the rest', () => {
    const text = [
      'Chain INPUT (policy ACCEPT)', // 1
      'target     prot opt source               destination', // 2
      'ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:22', // 3
      'this is not a rule', // 4
      'ACCEPT     tcp  --  0.0.0.0/0', // 5
      'ACCEPT     all  --  300.1.2.3            0.0.0.0/0', // 6
      '...', // 7
      // iptables takes udp's 99999 as 34463 (getaddrinfo), but refuses it for tcp.
      'ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:99999', // 8
      'ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            frobnicate 7', // 9
      '', // 10
      'Chain FORWARD (policy MAYBE)', // 11
      'target     prot opt source               destination', // 12
      'DROP       all  --  0.0.0.0/0            0.0.0.0/0', // 13
      '', // 14
      'Chain OUTPUT (policy ACCEPT)', // 15
      'target     prot opt source               destination', // 16
      'DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp to:10.0.0.1:80 [goto]', // 17
    ].join('\n');
    const { ruleset, problems } = parseDump(text);
    expect(problems.map((p) => [p.line, p.column, p.severity])).toEqual([
      [1, 1, 'warning'],
      [4, 1, 'error'],
      [5, 29, 'error'],
      [6, 21, 'error'],
      [7, 1, 'warning'],
      [8, 71, 'error'],
      [9, 63, 'warning'],
      [11, 16, 'error'],
      [17, 1, 'error'],
    ]);
    expect(problems[0]?.message).toMatch(/in\/out columns/);
    expect(problems[1]?.message).toMatch(/opt column/);
    expect(problems[3]?.message).toMatch(/300\.1\.2\.3/);
    const filter = ruleset.tables[0]!;
    expect(filter.name).toBe('filter');
    // The bad address and port are reported and kept as written, as the save parser keeps them.
    expect(findChain(filter, 'INPUT')?.rules.map((r) => serializeRule(r, 'INPUT'))).toEqual([
      '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
      '-A INPUT -s 300.1.2.3 -j ACCEPT',
      '-A INPUT -p tcp -m tcp --dport 99999 -j ACCEPT',
      '-A INPUT -m ? --? "frobnicate 7" -j ACCEPT',
    ]);
    expect(findChain(filter, 'INPUT')?.rules[3]?.matches[0]).toMatchObject({
      module: '?',
      unknown: true,
    });
    expect(findChain(filter, 'FORWARD')?.rules).toHaveLength(1);
    expect(findChain(filter, 'OUTPUT')?.rules).toHaveLength(1);
  });

  it('reports rule lines before any chain once', () => {
    const { problems, ruleset } = parseDump(
      `ACCEPT all -- 0.0.0.0/0 0.0.0.0/0\nDROP all -- 0.0.0.0/0 0.0.0.0/0\n${FILTER}`,
      {
        format: 'listing',
      },
    );
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [1, 'error'],
      [3, 'warning'],
    ]);
    expect(ruleset.tables[0]?.chains).toHaveLength(4);
  });

  it('reports a chain line without a name and skips its rules quietly', () => {
    const { problems, ruleset } = parseDump(
      `Chain (policy ACCEPT)\ntarget prot opt source destination\nACCEPT all -- 0.0.0.0/0 0.0.0.0/0\n${FILTER}`,
      {
        format: 'listing',
      },
    );
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [1, 'error'],
      [4, 'warning'],
    ]);
    expect(ruleset.tables.map((t) => t.name)).toEqual(['filter']);
  });

  it('reports an unclosed comment as unreadable text, not a crash', () => {
    const { problems, ruleset } = parseDump(
      'Chain TEST (0 references)\ntarget prot opt source destination\nACCEPT all -- 0.0.0.0/0 0.0.0.0/0 /* never closed\n',
      { table: 'filter' },
    );
    expect(problems.filter((p) => !isInterfaceWarning(p))).toEqual([
      expect.objectContaining({ line: 3, column: 35, severity: 'warning' }),
    ]);
    expect(ruleset.tables[0]?.chains[0]?.rules[0]?.target?.name).toBe('ACCEPT');
  });

  it('is linear on a long line and a long listing', () => {
    const longComment = `ACCEPT all -- 0.0.0.0/0 0.0.0.0/0 /* ${'x */y '.repeat(20000)} */`;
    const many = Array.from(
      { length: 20000 },
      (_, i) => `ACCEPT tcp -- 10.0.${i >> 8}.${i & 255} 0.0.0.0/0 tcp dpt:${i % 65535}`,
    );
    const text = `Chain TEST (0 references)\ntarget prot opt source destination\n${longComment}\n${many.join('\n')}\n`;
    const started = Date.now();
    const { ruleset } = parseDump(text, { table: 'filter' });
    expect(ruleset.tables[0]?.chains[0]?.rules).toHaveLength(20001);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

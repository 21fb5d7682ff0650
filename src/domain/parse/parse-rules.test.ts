import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../examples/seed.ts';
import { withoutProvenance } from '../model/compare.ts';
import { parseDump } from './parse-dump.ts';
import { serializeSave } from './serialize-save.ts';

/** The seed's nat table as `iptables -t nat -S` prints it. */
const SEED_RULES = SEED_SAVE.split('\n')
  .filter((line) => line.startsWith('-A') || line.startsWith(':'))
  .map((line) => {
    if (!line.startsWith(':')) return line;
    const [name = '', policy] = line.slice(1).split(' ');
    return policy === '-' ? `-N ${name}` : `-P ${name} ${policy}`;
  })
  .join('\n');

describe('parseRules (iptables -S)', () => {
  it('reads -P/-N/-A lines and tells the table from its built-in chains and DNAT', () => {
    const rules = parseDump(SEED_RULES);
    const save = parseDump(SEED_SAVE);
    expect(rules.format).toBe('rules');
    expect(rules.problems).toEqual([]);
    expect(withoutProvenance(rules.ruleset)).toEqual(withoutProvenance(save.ruleset));
  });

  it('splits several tables printed one after another', () => {
    const text = `-P INPUT ACCEPT\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n-A FORWARD -j ACCEPT\n${SEED_RULES}`;
    const { ruleset, problems } = parseDump(text);
    expect(problems).toEqual([]);
    expect(ruleset.tables.map((t) => t.name)).toEqual(['filter', 'nat']);
  });

  it('reads counters from iptables -S -v', () => {
    const text =
      '-P INPUT ACCEPT -c 10 800\n-P FORWARD ACCEPT -c 0 0\n-P OUTPUT ACCEPT -c 5 300\n-A INPUT -s 10.0.0.0/8 -c 7 420 -j ACCEPT';
    const { ruleset, problems } = parseDump(text);
    expect(problems).toEqual([]);
    expect(serializeSave(ruleset)).toBe(
      '*filter\n:INPUT ACCEPT [10:800]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [5:300]\n[7:420] -A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n',
    );
  });

  it('uses the table the caller names', () => {
    const { ruleset } = parseDump('-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P FORWARD ACCEPT', {
      table: 'security',
    });
    expect(ruleset.tables[0]?.name).toBe('security');
  });
});

describe('telling the table of -S output', () => {
  it.each([
    {
      name: 'nat from its hooks',
      text: '-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT',
      table: 'nat',
    },
    {
      name: 'mangle from its five hooks',
      text: '-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT',
      table: 'mangle',
    },
    {
      name: 'raw from CT',
      text: '-P PREROUTING ACCEPT\n-P OUTPUT ACCEPT\n-A PREROUTING -j CT --notrack',
      table: 'raw',
    },
    {
      name: 'filter from its hooks',
      text: '-P INPUT DROP\n-P FORWARD DROP\n-P OUTPUT ACCEPT',
      table: 'filter',
    },
    {
      name: 'nat from a lone kube-proxy service chain (iptables -t nat -S KUBE-SVC-X)',
      text: '-N KUBE-SVC-X\n-A KUBE-SVC-X -j KUBE-SEP-Y',
      table: 'nat',
    },
  ])('$name', ({ text, table }) => {
    const { ruleset, problems } = parseDump(text);
    expect(problems.filter((p) => p.message.includes('table is not named'))).toEqual([]);
    expect(ruleset.tables[0]?.name).toBe(table);
  });

  it('says so when nothing tells, and reads it as filter', () => {
    const { ruleset, problems } = parseDump('-N MY-CHAIN\n-A MY-CHAIN -j ACCEPT');
    expect(ruleset.tables[0]?.name).toBe('filter');
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        severity: 'warning',
        message: expect.stringContaining('read as filter') as string,
      }),
    ]);
  });
});

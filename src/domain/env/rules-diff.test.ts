import { describe, expect, it } from 'vitest';
import { parseDump } from '../parse/parse-dump.ts';
import { generateEnvironmentRules } from './generate-environment.ts';
import type { Environment } from './environment.ts';
import { diffRules } from './rules-diff.ts';
import type { RuleDifference } from './rules-diff.ts';
import { seedWithPods } from './test-environments.ts';

function restore(env: Environment): string {
  const rules = generateEnvironmentRules(env);
  if (!rules.ok) throw new Error(JSON.stringify(rules.problems));
  return rules.restore;
}

const withProfile = (env: Environment, profile: 'legacy' | 'current'): Environment => ({
  ...env,
  node: { ...env.node, profile },
});

/** `CHAIN#index: what the rule does`, the rule text without `-A CHAIN` and comments. */
const brief = (d: RuleDifference, side: 'before' | 'after'): string => {
  const at = d[side];
  if (!at) return '-';
  const text = at.text
    .replace(/^-A \S+ /, '')
    .replace(/-m comment --comment ("[^"]*"|\S+) /, '')
    .replace(/KUBE-SEP-\w+/, 'SEP');
  return `${d.chain.replace(/-\w{16}$/, '')}#${at.index}: ${text}`;
};

describe('diffRules', () => {
  it('scaling 3 → 4 pods changes the split (1/3, 1/2 → 1/4, 1/3, 1/2) and adds the fourth', () => {
    const diff = diffRules(
      restore(withProfile(seedWithPods(3), 'legacy')),
      restore(withProfile(seedWithPods(4), 'legacy')),
    );
    expect(diff.changed.map((d) => [brief(d, 'before'), brief(d, 'after')])).toEqual([
      [
        'KUBE-SVC#1: -m statistic --mode random --probability 0.33332999982 -j SEP',
        'KUBE-SVC#1: -m statistic --mode random --probability 0.25000000000 -j SEP',
      ],
      [
        'KUBE-SVC#2: -m statistic --mode random --probability 0.50000000000 -j SEP',
        'KUBE-SVC#2: -m statistic --mode random --probability 0.33332999982 -j SEP',
      ],
      [
        'KUBE-SVC#3: -j SEP',
        'KUBE-SVC#3: -m statistic --mode random --probability 0.50000000000 -j SEP',
      ],
    ]);
    expect(diff.added.map((d) => brief(d, 'after'))).toEqual([
      'KUBE-SEP#1: -s 172.17.0.5/32 -j KUBE-MARK-MASQ',
      'KUBE-SEP#2: -p tcp -m tcp -j DNAT --to-destination 172.17.0.5:80',
      'KUBE-SVC#4: -j SEP',
    ]);
    expect(diff.removed).toEqual([]);
    expect(diff.addedChains).toEqual([
      { table: 'nat', chain: expect.stringMatching(/^KUBE-SEP-/) as string },
    ]);
    expect(diff.removedChains).toEqual([]);
    expect(diff.unchanged).toBeGreaterThan(10);
  });

  it('finds the same change in profile current', () => {
    const diff = diffRules(
      restore(withProfile(seedWithPods(3), 'current')),
      restore(withProfile(seedWithPods(4), 'current')),
    );
    expect(diff.changed.map((d) => d.chain)).toEqual(
      Array(3).fill(expect.stringMatching(/^KUBE-SVC-/)),
    );
    expect(diff.added).toHaveLength(3);
  });

  it('says the reverse when scaling down, chains removed with their rules', () => {
    const diff = diffRules(
      restore(withProfile(seedWithPods(4), 'legacy')),
      restore(withProfile(seedWithPods(3), 'legacy')),
    );
    expect(diff.changed).toHaveLength(3);
    expect(diff.removed).toHaveLength(3);
    expect(diff.added).toEqual([]);
    expect(diff.removedChains).toHaveLength(1);
  });

  it('finds nothing between a ruleset, its text, and the kernel’s form of that text', () => {
    const text = restore(seedWithPods(3));
    const { ruleset } = parseDump(text);
    for (const [a, b] of [
      [text, text],
      [ruleset, text],
    ] as const) {
      const diff = diffRules(a, b);
      expect([
        diff.added,
        diff.removed,
        diff.changed,
        diff.addedChains,
        diff.removedChains,
      ]).toEqual([[], [], [], [], []]);
    }
  });

  it('reports policies that changed and rules without a target', () => {
    const diff = diffRules(
      '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.0.0.1/32\nCOMMIT\n',
      '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.2/32\nCOMMIT\n',
    );
    expect(diff.changedPolicies).toEqual([
      { table: 'filter', chain: 'INPUT', before: 'ACCEPT', after: 'DROP' },
    ]);
    expect(diff.changed).toEqual([
      {
        table: 'filter',
        chain: 'INPUT',
        before: { index: 1, text: '-A INPUT -s 10.0.0.1/32' },
        after: { index: 1, text: '-A INPUT -s 10.0.0.2/32' },
      },
    ]);
  });

  it('passes on the problems of text it could not read', () => {
    const diff = diffRules('*filter\n-A NOPE -j ACCEPT\nCOMMIT\n', '');
    expect(diff.problems.map((p) => p.side)).toEqual(expect.arrayContaining(['before', 'after']));
  });
});

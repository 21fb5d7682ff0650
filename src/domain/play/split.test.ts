import { describe, expect, it } from 'vitest';
import { SEED_LISTING } from '../examples/seed.ts';
import { formatFixedHalfEven } from '../kube/probability.ts';
import type { Chain } from '../model/ruleset.ts';
import { findChain, findTable } from '../model/ruleset.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { dnatOf, fractionText, likelyRange, shareDecimals, splitOf } from './split.ts';

const SCALE = 2 ** 31;

/** A nat chain of `text` (iptables-save), which must parse without problems. */
function natChain(text: string, name: string): Chain {
  const { ruleset, problems } = parseDump(text, { format: 'save' });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const table = findTable(ruleset, 'nat');
  const chain = table && findChain(table, name);
  if (!chain) throw new Error(`no chain ${name}`);
  return chain;
}

/** A KUBE-SVC chain with `lines` (`-A SVC` is prepended), and three endpoint chains. */
function svc(...lines: string[]): Chain {
  const seps = ['A', 'B', 'C', 'D'].map((x) => `:KUBE-SEP-${x} - [0:0]`).join('\n');
  return natChain(
    `*nat\n:KUBE-SVC-X - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n${seps}\n${lines
      .map((l) => `-A KUBE-SVC-X ${l}`)
      .join('\n')}\nCOMMIT\n`,
    'KUBE-SVC-X',
  );
}

const random = (p: string, sep: string) =>
  `-m statistic --mode random --probability ${p} -j KUBE-SEP-${sep}`;

const seed = parseDump(SEED_LISTING).ruleset;
const seedNat = findTable(seed, 'nat');
const seedChain = (name: string): Chain => {
  const chain = seedNat && findChain(seedNat, name);
  if (!chain) throw new Error(`no chain ${name}`);
  return chain;
};
const seedAddresses = (name: string): string | undefined => {
  const chain = seedNat && findChain(seedNat, name);
  return chain && dnatOf(chain);
};

describe('splitOf', () => {
  it('reads the seed’s split as even: 1/3, then 1/2 of the remaining 2/3, then the rest', () => {
    const split = splitOf(seedChain('KUBE-SVC-I64SNEMOLCWHJHS3'), seedAddresses);
    expect(split?.branches.map((b) => [b.index, b.written, b.held, b.address])).toEqual([
      [1, '0.33332999982', '0.33332999982', '172.17.0.2:80'],
      [2, '0.50000000000', '0.50000000000', '172.17.0.3:80'],
      [3, undefined, '1', '172.17.0.4:80'],
    ]);
    const p1 = 715820724 / SCALE;
    expect(split?.branches.map((b) => b.reach)).toEqual([1, 1 - p1, (1 - p1) / 2]);
    expect(split?.branches.map((b) => b.share)).toEqual([p1, (1 - p1) / 2, (1 - p1) / 2]);
    expect(split?.branches.map((b) => b.exact && Object.values(b.exact).map(fractionText))).toEqual(
      [
        ['1/3', '1', '1/3'],
        ['1/2', '2/3', '1/3'],
        ['1', '1/3', '1/3'],
      ],
    );
    expect(split).toMatchObject({ even: true, evenInPractice: true, unreached: 0, affinity: [] });
    // 0.33333 vs 0.333335: even up to 5·10^-6, the rounding of 1/3 to 5 decimals.
    expect(split?.spread).toBeGreaterThan(5e-6);
    expect(split?.spread).toBeLessThan(5.001e-6);
    // iptables printed 0.33332999982 back; kube-proxy v1.9 wrote 0.33333.
    expect(split?.branches[0]?.kubeProxyWrote).toEqual({ text: '0.33333', decimals: 5 });
    expect(split?.branches[1]?.kubeProxyWrote).toBeUndefined();
  });

  it('holds kube-proxy’s 5-decimal 0.33333 as 715820724/2^31, and its 10-decimal 1/3 closer', () => {
    const legacy = splitOf(svc(random('0.33333', 'A'), random('0.50000', 'B'), '-j KUBE-SEP-C'));
    expect(legacy?.branches[0]).toMatchObject({
      written: '0.33333',
      stored: 715820724,
      held: '0.33332999982',
    });
    expect(legacy?.branches[0]?.kubeProxyWrote).toBeUndefined();
    expect(legacy?.even).toBe(true);
    const current = splitOf(
      svc(random('0.3333333333', 'A'), random('0.5000000000', 'B'), '-j KUBE-SEP-C'),
    );
    expect(current?.branches[0]).toMatchObject({ stored: 715827883, held: '0.33333333349' });
    expect(current?.even).toBe(true);
    expect(current?.spread).toBeLessThan(3e-10);
    expect(current?.spread).toBeGreaterThan(2e-10);
  });

  it.each([
    {
      name: 'session affinity: the --rcheck rules come first and take no share',
      lines: [
        '-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-A --mask 255.255.255.255 --rsource -j KUBE-SEP-A',
        '-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-B --mask 255.255.255.255 --rsource -j KUBE-SEP-B',
        random('0.5000000000', 'A'),
        '-j KUBE-SEP-B',
      ],
      affinity: [1, 2],
      branches: [3, 4],
      shares: ['1/2', '1/2'],
      even: true,
    },
    {
      name: 'KUBE-MARK-MASQ returns: it is passed, not a branch',
      lines: ['! -s 10.244.0.0/16 -j KUBE-MARK-MASQ', random('0.5000000000', 'A'), '-j KUBE-SEP-B'],
      affinity: [],
      branches: [2, 3],
      shares: ['1/2', '1/2'],
      even: true,
    },
    {
      name: 'one endpoint: one rule, every connection',
      lines: ['-j KUBE-SEP-A'],
      affinity: [],
      branches: [1],
      shares: ['1'],
      even: true,
    },
    {
      name: 'weights that are not 1/(n−i): uneven by design',
      lines: [random('0.25', 'A'), '-j KUBE-SEP-B'],
      affinity: [],
      branches: [1, 2],
      shares: ['1/4', '3/4'],
      even: false,
    },
    {
      name: 'a last rule that draws too: some connections fall through',
      lines: [random('0.5', 'A'), random('0.5', 'B')],
      affinity: [],
      branches: [1, 2],
      shares: ['1/2', '1/4'],
      even: false,
    },
    {
      name: 'rules after one that always holds are never reached',
      lines: ['-j KUBE-SEP-A', '-j KUBE-SEP-B'],
      affinity: [],
      branches: [1],
      shares: ['1'],
      even: true,
    },
  ])('$name', ({ lines, affinity, branches, shares, even }) => {
    const split = splitOf(svc(...lines));
    expect(split?.affinity.map((a) => a.index)).toEqual(affinity);
    expect(split?.branches.map((b) => b.index)).toEqual(branches);
    expect(split?.branches.map((b) => b.exact && fractionText(b.exact.share))).toEqual(shares);
    expect(split?.even).toBe(even);
    const total = (split?.branches ?? []).reduce((sum, b) => sum + b.share, 0);
    expect(total + (split?.unreached ?? 0)).toBeCloseTo(1, 12);
  });

  it('keeps kube-proxy’s 1/n even in practice with 10 decimals, not with 5 for 1,000 endpoints', () => {
    // kube-proxy writes 1/(n−i) for the i-th of n; with 5 decimals 1/999 … 1/667 all read 0.00100.
    const lines = (decimals: number) =>
      Array.from({ length: 1000 }, (_, i) =>
        i === 999 ? '-j KUBE-SEP-A' : random(formatFixedHalfEven(1 / (1000 - i), decimals), 'A'),
      );
    const legacy = splitOf(svc(...lines(5)));
    expect(legacy?.branches.map((b) => b.exact && fractionText(b.exact.share))).toEqual(
      Array.from({ length: 1000 }, () => '1/1000'),
    );
    expect(legacy).toMatchObject({ even: true, evenInPractice: false });
    // Shares about 1% apart: 1/999 is 1.001·10^-3, written 0.00100.
    expect((legacy?.spread ?? 0) * 1000).toBeGreaterThan(0.005);
    const current = splitOf(svc(...lines(10)));
    expect(current).toMatchObject({ even: true, evenInPractice: true });
  });

  it('falls through with the chance no draw holds', () => {
    expect(splitOf(svc(random('0.5', 'A'), random('0.5', 'B')))?.unreached).toBe(0.25);
  });

  it('gives no exact fractions where a probability is not 1/k', () => {
    const split = splitOf(svc(random('0.3', 'A'), '-j KUBE-SEP-B'));
    expect(split?.branches.map((b) => b.exact)).toEqual([undefined, undefined]);
    expect(split?.even).toBeUndefined();
    expect(split?.branches[1]?.share).toBeCloseTo(0.7, 9);
  });

  it('takes a negated probability as its complement', () => {
    const split = splitOf(svc(`-m statistic --mode random ! --probability 0.25 -j KUBE-SEP-A`));
    expect(split?.branches[0]).toMatchObject({ negated: true, probability: 0.75, share: 0.75 });
    expect(split?.branches[0]?.held).toBe('0.75000000000');
  });

  it('finds no random split in a chain without endpoints, or one that counts packets', () => {
    expect(splitOf(svc('-j KUBE-MARK-MASQ'))).toBeUndefined();
    expect(
      splitOf(svc('-m statistic --mode nth --every 2 --packet 0 -j KUBE-SEP-A', '-j KUBE-SEP-B')),
    ).toBeUndefined();
  });

  it('takes endpoint addresses from a map as well as a function', () => {
    const split = splitOf(
      svc(random('0.5', 'A'), '-j KUBE-SEP-B'),
      new Map([['KUBE-SEP-B', '10.0.0.2:80']]),
    );
    expect(split?.branches.map((b) => b.address)).toEqual([undefined, '10.0.0.2:80']);
  });
});

describe('shareDecimals', () => {
  it('shows a tenth of the smallest difference between shares', () => {
    const p1 = 715820724 / SCALE;
    expect(shareDecimals([p1, (1 - p1) / 2, (1 - p1) / 2])).toBe(7);
    const q1 = 715827883 / SCALE;
    expect(shareDecimals([q1, (1 - q1) / 2])).toBe(11);
    expect(shareDecimals([0.5, 0.5])).toBe(3);
  });
});

describe('likelyRange', () => {
  it('is the mean ± two standard deviations of Binomial(n, p)', () => {
    const range = likelyRange(1000, 1 / 3);
    expect(range.expected).toBeCloseTo(333.33, 2);
    expect(range.margin).toBeCloseTo(29.81, 2);
    expect([range.low, range.high]).toEqual([304, 363]);
    expect(likelyRange(1000, 1)).toMatchObject({ low: 1000, high: 1000, margin: 0 });
  });
});

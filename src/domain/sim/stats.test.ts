import { describe, expect, it } from 'vitest';
import {
  binomialTwoSidedPValue,
  logBinomialPmf,
  logBinomialTwoSidedPValue,
  logFactorial,
  samplesToObserveAll,
  samplesToObserveAllWithMin,
  testCategoryCounts,
} from './stats.ts';

/** A small seeded generator (mulberry32), so that the simulations below are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n draws from the categories with these probabilities. */
function sample(probs: Record<string, number>, n: number, next: () => number): Map<string, number> {
  const names = Object.keys(probs);
  const counts = new Map(names.map((c) => [c, 0]));
  for (let i = 0; i < n; i++) {
    let u = next();
    let chosen = names[names.length - 1]!;
    for (const c of names) {
      u -= probs[c]!;
      if (u < 0) {
        chosen = c;
        break;
      }
    }
    counts.set(chosen, counts.get(chosen)! + 1);
  }
  return counts;
}

describe('logFactorial', () => {
  it('is exact for small n and continuous across the table edge', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 14);
    let sum = 0;
    for (let i = 1; i <= 300; i++) sum += Math.log(i);
    expect(logFactorial(300)).toBeCloseTo(sum, 9);
    expect(logFactorial(256) - logFactorial(255)).toBeCloseTo(Math.log(256), 10);
  });

  it('refuses non-integers and negatives', () => {
    expect(() => logFactorial(-1)).toThrow(RangeError);
    expect(() => logFactorial(1.5)).toThrow(RangeError);
  });
});

describe('logBinomialPmf', () => {
  it('matches the formula and sums to 1', () => {
    // C(10,3) · 0.3³ · 0.7⁷
    expect(Math.exp(logBinomialPmf(10, 3, 0.3))).toBeCloseTo(120 * 0.027 * 0.0823543, 12);
    let total = 0;
    for (let k = 0; k <= 40; k++) total += Math.exp(logBinomialPmf(40, k, 0.37));
    expect(total).toBeCloseTo(1, 12);
  });

  it('handles p = 0, p = 1 and k > n', () => {
    expect(logBinomialPmf(5, 0, 0)).toBe(0);
    expect(logBinomialPmf(5, 1, 0)).toBe(-Infinity);
    expect(logBinomialPmf(5, 5, 1)).toBe(0);
    expect(logBinomialPmf(5, 4, 1)).toBe(-Infinity);
    expect(logBinomialPmf(5, 6, 0.5)).toBe(-Infinity);
  });

  it('stays finite far in the tail, where the probability underflows a double', () => {
    const log = logBinomialPmf(100_000, 0, 0.5);
    expect(log).toBeCloseTo(100_000 * Math.log(0.5), 6);
    expect(Math.exp(log)).toBe(0);
  });
});

describe('binomialTwoSidedPValue', () => {
  it('sums every outcome no more likely than the observed one (as R binom.test)', () => {
    // Symmetric: P(X ≤ 3) + P(X ≥ 7) for Binomial(10, ½) = 2 · 176 / 1024.
    expect(binomialTwoSidedPValue(10, 3, 0.5)).toBeCloseTo(352 / 1024, 14);
    expect(binomialTwoSidedPValue(10, 0, 0.5)).toBeCloseTo(2 / 1024, 14);
    expect(binomialTwoSidedPValue(10, 5, 0.5)).toBe(1);
    // Binomial(5, 0.2): pmf 0.32768 0.4096 0.2048 0.0512 0.0064 0.00032; k = 3 keeps the last three.
    expect(binomialTwoSidedPValue(5, 3, 0.2)).toBeCloseTo(0.0512 + 0.0064 + 0.00032, 14);
    // k = 0 (0.32768) keeps everything but k = 1.
    expect(binomialTwoSidedPValue(5, 0, 0.2)).toBeCloseTo(1 - 0.4096, 14);
  });

  it('is 1 for the only possible outcome and 0 for an impossible one', () => {
    expect(binomialTwoSidedPValue(7, 0, 0)).toBe(1);
    expect(binomialTwoSidedPValue(7, 1, 0)).toBe(0);
    expect(binomialTwoSidedPValue(7, 7, 1)).toBe(1);
    expect(binomialTwoSidedPValue(7, 6, 1)).toBe(0);
  });

  it('keeps tiny p-values in log space', () => {
    // All 1000 trials fail when p = ½: p-value 2 · 2⁻¹⁰⁰⁰, far below the smallest double.
    expect(logBinomialTwoSidedPValue(1000, 0, 0.5)).toBeCloseTo(
      Math.log(2) - 1000 * Math.log(2),
      8,
    );
  });

  it('handles a million trials', () => {
    const p = binomialTwoSidedPValue(1_000_000, 500_000, 0.5);
    expect(p).toBeGreaterThan(0.99);
    expect(binomialTwoSidedPValue(1_000_000, 498_000, 0.5)).toBeLessThan(1e-4);
  });
});

describe('testCategoryCounts', () => {
  it('accepts counts near the expectation and reports each category', () => {
    const r = testCategoryCounts({ a: 510, b: 290, c: 200 }, { a: 0.5, b: 0.3, c: 0.2 });
    expect(r.ok).toBe(true);
    expect(r.samples).toBe(1000);
    expect(r.threshold).toBeCloseTo(1e-6 / 3, 20);
    expect(r.checks.map((c) => [c.category, c.expected])).toEqual([
      ['a', 500],
      ['b', 300],
      ['c', 200],
    ]);
    expect(r.failures).toEqual([]);
  });

  it('accepts a Map and a category the simulator gives 0 that was not observed', () => {
    const r = testCategoryCounts(
      new Map([
        ['x', 3],
        ['y', 0],
      ]),
      new Map([
        ['x', 1],
        ['y', 0],
      ]),
    );
    expect(r.ok).toBe(true);
  });

  it('fails counts far from the expectation', () => {
    const r = testCategoryCounts({ a: 600, b: 400 }, { a: 0.5, b: 0.5 });
    expect(r.ok).toBe(false);
    expect(r.failures.map((c) => c.category)).toEqual(['a', 'b']);
  });

  it('fails a category the simulator never produces', () => {
    const r = testCategoryCounts({ a: 999, z: 1 }, { a: 1 });
    expect(r.ok).toBe(false);
    // z is impossible, and so is a count of a below the total when a has probability 1.
    expect(r.failures).toMatchObject([
      { category: 'a', observed: 999, probability: 1, pValue: 0 },
      { category: 'z', observed: 1, probability: 0, pValue: 0 },
    ]);
    // Two categories in the Bonferroni correction: a and the unexpected z.
    expect(r.threshold).toBeCloseTo(5e-7, 20);
  });

  it('refuses probabilities that do not sum to 1 and counts that are not counts', () => {
    expect(() => testCategoryCounts({ a: 1 }, { a: 0.5, b: 0.4 })).toThrow(/sum to 0.9/);
    expect(() => testCategoryCounts({ a: 1.5 }, { a: 1 })).toThrow(RangeError);
    expect(() => testCategoryCounts({ a: 1 }, { a: 1.2, b: -0.2 })).toThrow(RangeError);
    expect(() => testCategoryCounts({ a: 1 }, { a: 1 }, 0)).toThrow(RangeError);
  });

  it('a correct distribution fails at most alpha of the time (simulated)', () => {
    const probs = { a: 0.5, b: 0.3, c: 0.15, d: 0.05 };
    const next = rng(12345);
    const trials = 2000;
    let failed = 0;
    for (let t = 0; t < trials; t++) {
      if (!testCategoryCounts(sample(probs, 200, next), probs, 0.05).ok) failed++;
    }
    // Bonferroni is conservative: expect at most 5% (2000 trials: ±0.5% standard error).
    expect(failed / trials).toBeLessThan(0.06);
  });

  it('detects a wrong distribution given enough samples', () => {
    const truth = { a: 0.55, b: 0.45 };
    const claimed = { a: 0.5, b: 0.5 };
    const counts = sample(truth, 20_000, rng(7));
    expect(testCategoryCounts(counts, truth).ok).toBe(true);
    expect(testCategoryCounts(counts, claimed).ok).toBe(false);
  });
});

describe('samplesToObserveAll', () => {
  it('is the smallest n with Σ (1 − pᵢ)ⁿ ≤ failure', () => {
    // 2 · ½ⁿ ≤ 1e-7 ⇔ n ≥ log₂(2e7) ≈ 24.25.
    expect(samplesToObserveAll([0.5, 0.5], 0.5)).toBe(25);
    // pmin 0.5 leaves the 0.1 category out: only 0.1ⁿ (missing the 0.9 one) counts.
    expect(samplesToObserveAll([0.9, 0.1], 0.5, 2e-7)).toBe(smallestN((n) => 0.1 ** n <= 2e-7));
    expect(samplesToObserveAll([0.9, 0.1], 0.1, 1e-3)).toBe(
      smallestN((n) => 0.1 ** n + 0.9 ** n <= 1e-3),
    );
  });

  it('needs no samples when no category reaches pmin', () => {
    expect(samplesToObserveAll([0.01, 0.02], 0.5)).toBe(0);
  });

  it('a category of probability 1 is seen at the first sample', () => {
    expect(samplesToObserveAll([1], 0.5)).toBe(1);
  });

  it('worst case from pmin alone: floor(1/pmin) categories of pmin', () => {
    // 10 · 0.9ⁿ ≤ 1e-7 ⇔ n ≥ ln(1e-8) / ln(0.9) ≈ 174.8.
    expect(samplesToObserveAllWithMin(0.1)).toBe(175);
    expect(samplesToObserveAllWithMin(0.3)).toBe(smallestN((n) => 3 * 0.7 ** n <= 1e-7));
    // Never fewer than with the actual probabilities.
    expect(samplesToObserveAllWithMin(0.1)).toBeGreaterThanOrEqual(
      samplesToObserveAll([0.1, 0.2, 0.3, 0.4], 0.1),
    );
  });

  it('the bound holds when simulated', () => {
    const probs = { a: 0.6, b: 0.3, c: 0.1 };
    const n = samplesToObserveAll(Object.values(probs), 0.1, 1e-3);
    const next = rng(99);
    let missed = 0;
    for (let t = 0; t < 3000; t++) {
      if ([...sample(probs, n, next).values()].some((k) => k === 0)) missed++;
    }
    // Expected about 3 misses (1e-3 · 3000); far more would mean the bound is wrong.
    expect(missed).toBeLessThanOrEqual(12);
  });
});

function smallestN(ok: (n: number) => boolean): number {
  let n = 0;
  while (!ok(n)) n++;
  return n;
}

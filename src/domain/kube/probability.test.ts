import { describe, expect, it } from 'vitest';
import { formatProbability } from './probability.ts';

describe("formatProbability (Go's %0.Nf of 1/n)", () => {
  it.each([
    { name: 'TestComputeProbability 1', n: 1, decimals: 10, out: '1.0000000000' },
    { name: 'TestComputeProbability 2', n: 2, decimals: 10, out: '0.5000000000' },
    { name: 'TestComputeProbability 10', n: 10, decimals: 10, out: '0.1000000000' },
    { name: 'TestComputeProbability 100001', n: 100001, decimals: 10, out: '0.0000099999' },
    { name: 'three endpoints, current', n: 3, decimals: 10, out: '0.3333333333' },
    { name: 'three endpoints, seed', n: 3, decimals: 5, out: '0.33333' },
    { name: 'two endpoints, seed', n: 2, decimals: 5, out: '0.50000' },
    {
      name: 'tie at 5 places rounds to even (Go 0.01562, toFixed 0.01563)',
      n: 64,
      decimals: 5,
      out: '0.01562',
    },
    // docs §3.4 lists 320 as a tie, but 1/320 is not a binary fraction: its double is
    // 0.0031250000000000001734…, above the tie, so Go (and this) round up.
    { name: '1/320 is just above a tie, so rounds up', n: 320, decimals: 5, out: '0.00313' },
    { name: 'tie at 10 places, 1/2048', n: 2048, decimals: 10, out: '0.0004882812' },
    { name: 'not a tie: 1/6 rounds up', n: 6, decimals: 5, out: '0.16667' },
    { name: 'not a tie: 2/3-ish rounding of 1/7', n: 7, decimals: 10, out: '0.1428571429' },
  ])('$name', ({ n, decimals, out }) => {
    expect(formatProbability(n, decimals)).toBe(out);
  });
});

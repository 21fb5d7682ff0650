import { describe, expect, it } from 'vitest';
import { formatProbability, quantiseProbability } from './probability.ts';

describe('quantiseProbability', () => {
  // lround(p·2^31)/2^31 printed with %.11f, as the kernel and iptables do (verified).
  it.each([
    { name: 'a third', input: '0.33333', out: '0.33332999982' },
    { name: 'a long third', input: '0.3333333333', out: '0.33333333349' },
    { name: 'a half', input: '0.5', out: '0.50000000000' },
    { name: 'a quarter', input: '0.25', out: '0.25000000000' },
    { name: 'a fifth', input: '0.2', out: '0.20000000019' },
    { name: 'a hundredth', input: '0.01', out: '0.00999999978' },
    { name: 'one', input: '1', out: '1.00000000000' },
    { name: 'zero', input: '0', out: '0.00000000000' },
    { name: 'leading dot', input: '.5', out: '0.50000000000' },
    { name: 'exponent', input: '5e-1', out: '0.50000000000' },
    // 2^-12 = 0.000244140625: the 12th decimal is an exact tie, printed to even.
    { name: 'tie rounds to even', input: '0.000244140625', out: '0.00024414062' },
    // 2^-16 = 0.0000152587890625: above the half, rounded up.
    { name: 'above the tie', input: '0.0000152587890625', out: '0.00001525879' },
    // 2^-32: p·2^31 = 0.5 exactly, and lround takes it away from zero (to 1).
    { name: 'lround half up', input: '0.00000000023283064365386962890625', out: '0.00000000047' },
    // 2.5·2^-31: lround gives 3 where round-half-even would give 2.
    { name: 'lround 2.5', input: '0.00000000116415321826934814453125', out: '0.00000000140' },
    { name: 'over one', input: '1.5', out: undefined },
    { name: 'not a number', input: 'abc', out: undefined },
  ])('$name', ({ input, out }) => {
    expect(quantiseProbability(input)).toBe(out);
  });
});

describe('formatProbability', () => {
  it.each([
    { name: 'every stored value of 2^19', stored: 2 ** 19, out: '0.00024414062' },
    { name: 'odd neighbour rounds up', stored: 3 * 2 ** 19, out: '0.00073242188' },
    { name: 'all ones', stored: 2 ** 31, out: '1.00000000000' },
  ])('$name', ({ stored, out }) => {
    expect(formatProbability(stored)).toBe(out);
  });
});

import { describe, expect, it } from 'vitest';
import { matchSequences } from './match-sequences.ts';

describe('matchSequences', () => {
  // pairs: `i:j` for each a[i] kept as b[j].
  it.each([
    { name: 'equal', a: 'a b', b: 'a b', pairs: '0:0 1:1' },
    { name: 'one replaced', a: 'a b c', b: 'a x c', pairs: '0:0 2:2' },
    { name: 'one inserted', a: 'a c', b: 'a b c', pairs: '0:0 1:2' },
    { name: 'one removed', a: 'a b c', b: 'a c', pairs: '0:0 2:1' },
    { name: 'moved to the end', a: 'x a b', b: 'a b x', pairs: '1:0 2:1' },
    { name: 'nothing alike', a: 'a', b: 'b', pairs: '' },
    { name: 'empty', a: '', b: 'b', pairs: '' },
  ])('$name', ({ a, b, pairs }) => {
    const words = (text: string) => text.split(' ').filter(Boolean);
    const found = matchSequences(words(a), words(b)).map(([i, j]) => `${i}:${j}`);
    expect(found.join(' ')).toBe(pairs);
  });

  it('matches large reorderings in order without building the quadratic table', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `r${i}`);
    const b = [...a.slice(1500), ...a.slice(0, 1500)].map((t, i) => (i % 2 ? t : `${t}!`));
    const pairs = matchSequences(a, b);
    expect(pairs.length).toBeGreaterThan(700);
    for (const [i, j] of pairs) expect(a[i]).toBe(b[j]);
    for (let k = 1; k < pairs.length; k++) {
      expect(pairs[k]?.[0]).toBeGreaterThan(pairs[k - 1]?.[0] ?? -1);
      expect(pairs[k]?.[1]).toBeGreaterThan(pairs[k - 1]?.[1] ?? -1);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it.each([
    { name: 'plain words', line: '-A X -j ACCEPT', words: ['-A', 'X', '-j', 'ACCEPT'] },
    {
      name: 'runs of blanks and tabs',
      line: '  -A\tX   -j  ACCEPT ',
      words: ['-A', 'X', '-j', 'ACCEPT'],
    },
    {
      name: 'a quoted comment is one word',
      line: '-m comment --comment "ns1/svc1:p80 cluster IP"',
      words: ['-m', 'comment', '--comment', 'ns1/svc1:p80 cluster IP'],
    },
    {
      name: 'escaped quote inside quotes',
      line: '--comment "say \\"hi\\""',
      words: ['--comment', 'say "hi"'],
    },
    { name: 'escaped backslash', line: '--comment "a\\\\b"', words: ['--comment', 'a\\b'] },
    {
      name: 'single quotes are ordinary',
      line: "--comment 'a b'",
      words: ['--comment', "'a", "b'"],
    },
    { name: 'empty quotes are an empty word', line: '--comment ""', words: ['--comment', ''] },
    { name: 'CRLF line', line: '-j ACCEPT\r', words: ['-j', 'ACCEPT'] },
  ])('$name', ({ line, words }) => {
    const result = tokenize(line);
    expect(result.unclosedQuote).toBeUndefined();
    expect(result.tokens.map((t) => t.text)).toEqual(words);
  });

  it('gives 1-based columns', () => {
    expect(tokenize('  -A X').tokens.map((t) => t.column)).toEqual([3, 6]);
  });

  it('reports where an unclosed quote opened', () => {
    expect(tokenize('-m comment --comment "oops').unclosedQuote).toBe(22);
  });

  it('marks a quoted "!" so it is not read as negation', () => {
    const [bang] = tokenize('"!"').tokens;
    expect(bang).toMatchObject({ text: '!', quoted: true });
  });
});

import { countLines, splitLines, TextLines } from './lines.ts';

const TEXTS = [
  '',
  'a',
  'a\n',
  'a\nb',
  'a\n\nb\n',
  '\n',
  '\n\n',
  'a\r\nb\r\n',
  '\r',
  'a\r\r\nb',
  'x\ry\n',
  '-A X -j Y\n-A X\r\n',
];

describe('TextLines', () => {
  it.each(TEXTS.map((t) => [JSON.stringify(t), t]))('has splitLines’ lines: %s', (_name, text) => {
    const lines = new TextLines(text);
    const made = Array.from({ length: lines.count }, (_, i) => lines.line(i));
    expect(made).toEqual(splitLines(text));
    expect(lines.count).toBe(countLines(text));
    for (let i = 0; i < lines.count; i++)
      expect(text.slice(lines.start(i), lines.end(i))).toBe(made[i]);
  });
});

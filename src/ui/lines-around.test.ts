import { linesAround } from './lines-around.ts';

describe('linesAround', () => {
  const text = 'one\ntwo\r\nthree\nfour\nfive\n';

  it('gives the line and its neighbours, numbered, without carriage returns', () => {
    expect(linesAround(text, 3, 1)).toEqual([
      { number: 2, text: 'two' },
      { number: 3, text: 'three' },
      { number: 4, text: 'four' },
    ]);
  });

  it('stops at either end of the text', () => {
    expect(linesAround(text, 1, 2).map((l) => l.number)).toEqual([1, 2, 3]);
    expect(linesAround('a\nb', 2, 2)).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: 'b' },
    ]);
  });

  it('gives nothing for a line past the end', () => {
    expect(linesAround('a\nb', 9, 1)).toEqual([]);
  });
});

import type { Playback } from '../../store/playback-slice.ts';
import { numbersFor, splitPlaceOf } from './split-format.ts';

describe('numbersFor', () => {
  it.each([
    { name: 'the seed’s spread', x: 5.0003e-6, power: '5 × 10⁻⁶' },
    { name: 'profile current’s spread', x: 2.33e-10, power: '2.3 × 10⁻¹⁰' },
    { name: 'a mantissa that rounds up to 10', x: 9.96e-7, power: '1 × 10⁻⁶' },
  ])('writes $name as a power of ten', ({ x, power }) => {
    expect(numbersFor('en').power(x)).toBe(power);
    expect(numbersFor('zh').power(x)).toBe(power);
  });

  it('reads big counts in each language’s words, and astronomic ones as powers', () => {
    expect(numbersFor('en').big(3.6e10)).toBe('36B');
    expect(numbersFor('zh').big(3.6e10)).toBe('360亿');
    expect(numbersFor('en').big(1.7e19)).toBe('1.7 × 10¹⁹');
    expect(numbersFor('en').count(1000)).toBe('1,000');
    expect(numbersFor('en').decimal(0.3333300001, 7)).toBe('0.33333');
    expect(numbersFor('en').percent(1 / 3)).toBe('33.3%');
  });
});

describe('splitPlaceOf', () => {
  it('finds nothing before a scenario is played', () => {
    const idle: Playback = { status: 'idle' };
    expect(splitPlaceOf(idle)).toBeUndefined();
  });
});

import { PNG_MAX_PIXELS, PNG_MAX_SIDE, pngScale } from './svg-png.ts';

describe('pngScale', () => {
  it.each([
    {
      name: 'a small graph gets the scale asked for',
      width: 2000,
      height: 1000,
      wanted: 2,
      scale: 2,
    },
    { name: 'a wide one fits 16,384 px', width: 20_000, height: 1000, wanted: 2, scale: 0.8192 },
    { name: 'a tall one too', width: 1000, height: 40_000, wanted: 3, scale: 0.4096 },
    {
      name: 'a big square one fits 100 M pixels',
      width: 8000,
      height: 8000,
      wanted: 2,
      scale: 1.25,
    },
  ])('$name', ({ width, height, wanted, scale }) => {
    const got = pngScale(width, height, wanted);
    expect(got).toBeCloseTo(scale, 4);
    expect(width * got).toBeLessThanOrEqual(PNG_MAX_SIDE);
    expect(height * got).toBeLessThanOrEqual(PNG_MAX_SIDE);
    expect(width * got * height * got).toBeLessThanOrEqual(PNG_MAX_PIXELS);
  });
});

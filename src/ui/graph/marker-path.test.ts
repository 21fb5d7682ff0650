import { describe, expect, it } from 'vitest';
import { markerPath } from './marker-path.ts';

const from = { x: 0, y: 0 };
const to = { x: 100, y: 50 };

describe('markerPath', () => {
  it('leads in to a bezier edge, follows it, and leads out to the new spot', () => {
    expect(markerPath('M10,20 C30,20 60,40 90,40', false, from, to)).toBe(
      'M 0 0 L 10 20  C30,20 60,40 90,40 L 100 50',
    );
  });

  it('walks a bezier edge backwards for a return', () => {
    expect(markerPath('M10,20 C30,20 60,40 90,40', true, from, to)).toBe(
      'M 0 0 L 90 40 C 60 40 30 20 10 20 L 100 50',
    );
  });

  it('follows any path forwards, but reverses only a single cubic', () => {
    const step = 'M10 20L10 30Q10 35 15 35L90 35';
    expect(markerPath(step, false, from, to)).toBe(
      'M 0 0 L 10 20 L10 30Q10 35 15 35L90 35 L 100 50',
    );
    expect(markerPath(step, true, from, to)).toBeUndefined();
    expect(markerPath('', false, from, to)).toBeUndefined();
  });
});

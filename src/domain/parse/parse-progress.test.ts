import { describe, expect, it } from 'vitest';
import { SEED_LISTING, SEED_SAVE } from '../examples/seed.ts';
import { syntheticDump } from '../examples/synthetic-dump.ts';
import { parseDump } from './parse-dump.ts';

/** Every progress report of one parse. */
function reports(text: string, format?: 'save' | 'rules' | 'listing') {
  const seen: [number, number][] = [];
  parseDump(text, {
    ...(format ? { format } : {}),
    progress: (done, total) => seen.push([done, total]),
  });
  return seen;
}

describe('parse progress', () => {
  it('reports a growing count of lines and ends at the total', () => {
    const text = syntheticDump({ services: 2000 });
    const total = text
      .split('\n')
      .filter((_, i, all) => i < all.length - 1 || all[i] !== '').length;
    const seen = reports(text);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toEqual([total, total]);
    for (let i = 1; i < seen.length; i++) {
      expect((seen[i] as [number, number])[0]).toBeGreaterThanOrEqual(
        (seen[i - 1] as [number, number])[0],
      );
      expect((seen[i] as [number, number])[1]).toBe(total);
    }
  });

  it('reports for every format, and not at all when nobody asks', () => {
    expect(reports(SEED_SAVE, 'save').at(-1)).toEqual([
      SEED_SAVE.trimEnd().split('\n').length,
      SEED_SAVE.trimEnd().split('\n').length,
    ]);
    const listing = reports(SEED_LISTING, 'listing');
    expect(listing.length).toBeGreaterThan(2);
    expect(listing.at(-1)?.[0]).toBe(listing.at(-1)?.[1]);
    const rules = reports('-P INPUT ACCEPT\n-A INPUT -j ACCEPT\n', 'rules');
    expect(rules.at(-1)).toEqual([2, 2]);
    expect(() => parseDump(SEED_SAVE)).not.toThrow();
  });
});

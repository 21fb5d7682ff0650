import { describe, expect, it } from 'vitest';
import { NARRATION_KEYS, type NarrationKey } from '../../domain/play/narration-keys.ts';
import { en } from './en.ts';
import { zh } from './zh.ts';

/** Every string of a nested catalogue object, by dotted path. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix === '' ? k : `${prefix}.${k}`));
}

/** The names a string interpolates, once each: `{{dst}}`, `{{count, number}}` → dst, count. */
const interpolated = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''))].sort();

const keys = Object.keys(NARRATION_KEYS) as NarrationKey[];

// The domain's narrate() returns only keys of NARRATION_KEYS, each with exactly its values
// (src/domain/play/narration.test.ts runs it over every scenario); here each language says them.
describe.each([
  ['en', en],
  ['zh', zh],
])('the %s narration catalogue', (_, catalogue) => {
  const strings = new Map(leaves(catalogue.narration));

  it('says every sentence narrate can return', () => {
    const missing = keys.filter((k) => {
      const text = strings.get(k);
      return typeof text !== 'string' || text.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it('interpolates only the values narrate supplies', () => {
    const unsupplied = keys.flatMap((k) =>
      interpolated(String(strings.get(k)))
        .filter((name) => !(NARRATION_KEYS[k] as readonly string[]).includes(name))
        .map((name) => `${k}: {{${name}}}`),
    );
    expect(unsupplied).toEqual([]);
  });

  it('holds no sentence narrate never says', () => {
    expect([...strings.keys()].filter((k) => !(k in NARRATION_KEYS))).toEqual([]);
  });
});

describe('the zh narration', () => {
  const english = new Map(leaves(en.narration));
  const chinese = new Map(leaves(zh.narration));

  it('translates every sentence, naming the same values as the English', () => {
    const problems = keys.flatMap((k) => {
      const text = String(chinese.get(k));
      const source = String(english.get(k));
      if (text === source) return [`${k}: not translated`];
      const [mine, theirs] = [interpolated(text).join(), interpolated(source).join()];
      return mine === theirs ? [] : [`${k}: {${mine}} vs {${theirs}}`];
    });
    expect(problems).toEqual([]);
  });
});

import { TOUR_STEPS } from '../../domain/tour/tour-steps.ts';
import { en } from '../i18n/en.ts';
import { zh } from '../i18n/zh.ts';

/** Every string of a nested catalogue object, by dotted path. */
function leaves(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [[prefix, String(value)]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const names = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('the tour’s catalogue', () => {
  it('has a title and a text for every step, and nothing for steps the tour lacks', () => {
    const ids = TOUR_STEPS.map((s) => s.id).sort();
    for (const catalogue of [en, zh]) {
      expect(Object.keys(catalogue.tour.steps).sort()).toEqual(ids);
      for (const id of ids) {
        expect(catalogue.tour.steps[id].title.trim()).not.toBe('');
        expect(catalogue.tour.steps[id].text.trim()).not.toBe('');
      }
    }
  });

  it('is translated into Chinese string by string, with the same values', () => {
    const chinese = new Map(leaves(zh.tour));
    const problems = leaves(en.tour).flatMap(([key, text]) => {
      const translated = chinese.get(key);
      if (translated === undefined) return [`${key}: missing`];
      if (translated === text) return [`${key}: not translated`];
      return names(translated).join() === names(text).join() ? [] : [`${key}: values differ`];
    });
    expect(problems).toEqual([]);
  });
});

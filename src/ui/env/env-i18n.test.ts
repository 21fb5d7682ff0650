import { en } from '../i18n/en.ts';
import { zh } from '../i18n/zh.ts';

/** Every `a.b.c` key of a catalogue section, with its text. */
function entries(section: object, prefix = 'env'): [string, string][] {
  return Object.entries(section).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string'
      ? [[`${prefix}.${key}`, value]]
      : entries(value as object, `${prefix}.${key}`),
  );
}

const interpolations = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();

describe('the environment editor’s words', () => {
  const english = new Map(entries(en.env));
  const chinese = new Map(entries(zh.env));

  it('has every English key in Chinese too, and no other', () => {
    expect([...chinese.keys()]).toEqual([...english.keys()]);
  });

  it.each([...english])('%s: the Chinese is Chinese, with the same placeholders', (key, text) => {
    const translated = chinese.get(key) ?? '';
    expect(interpolations(translated)).toEqual(interpolations(text));
    // Kubernetes' own words (ClusterIP, Pod {{n}}) stay as they are; anything longer is translated.
    if (/\s\w+\s\w+/.test(text.replace(/\{\{[^}]*\}\}/g, ''))) {
      expect(translated).toMatch(/\p{Script=Han}/u);
    }
  });
});

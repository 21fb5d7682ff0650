import type { Language } from '../../store/settings-slice.ts';
import { en, type Catalogue } from './en.ts';

/** The `lang` attribute each UI language puts on <html>. */
export const HTML_LANG: Readonly<Record<Language, string>> = { en: 'en', zh: 'zh-Hans' };

/** `a.b.c` for every string of a nested catalogue. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** A plural form's key without its form: `graph.packets_one` → `graph.packets`. */
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** Every key `t` takes: the catalogue's paths, plural forms by their common name. */
export type TranslationKey = WithoutPlural<Leaves<Catalogue>>;

/**
 * What a string interpolates (`{{name}}`, `{{count, number}}`), and:
 * `count` picks the plural form (`key_one`, `key_other`) by the language's rules;
 * `defaultValue` is said when the catalogue lacks the key (which is still reported).
 */
export interface TOptions {
  readonly count?: number;
  readonly defaultValue?: string;
  readonly [name: string]: unknown;
}

export type TFunction = (key: TranslationKey, options?: TOptions) => string;

/**
 * A key the catalogues lack is a bug the reader would see as a raw key: say so as an error,
 * in whichever language, so the console shows it and the Playwright fixture (which fails a
 * test on any console error) catches it.
 */
export function reportMissingKey(language: Language, key: string): void {
  console.error(`Missing translation: ${key} (${language})`);
}

/** A catalogue string cut at its `{{…}}`: text, then a value's name and format, and so on. */
interface Template {
  readonly texts: readonly string[];
  readonly values: readonly { readonly name: string; readonly format: string | undefined }[];
}

const PLACEHOLDER = /\{\{\s*([^,}\s]+)\s*(?:,\s*([^}]*?)\s*)?\}\}/g;

function compile(text: string): Template {
  const texts: string[] = [];
  const values: { name: string; format: string | undefined }[] = [];
  let from = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    texts.push(text.slice(from, match.index));
    values.push({ name: match[1] ?? '', format: match[2] });
    from = match.index + match[0].length;
  }
  texts.push(text.slice(from));
  return { texts, values };
}

/** The catalogues in the page, by language; English always, Chinese once loaded. */
const catalogues = new Map<Language, Catalogue>([['en', en]]);
/** Each language's strings by key, cut for interpolation, as they are first asked for. */
const templates = new Map<Language, Map<string, Template | null>>();

/**
 * Put a language's catalogue in the page (or take it out, with `null`: a test of loading).
 *
 * @example
 *   provideCatalogue('zh', zh);
 */
export function provideCatalogue(language: Language, catalogue: Catalogue | null): void {
  if (catalogue === null) catalogues.delete(language);
  else catalogues.set(language, catalogue);
  templates.delete(language);
}

/** `map`'s value for `key`, made by `make` the first time it is asked for. */
function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function template(language: Language, key: string): Template | null {
  const known = cached(templates, language, () => new Map<string, Template | null>());
  return cached(known, key, () => {
    let node: unknown = catalogues.get(language);
    for (const part of key.split('.')) {
      node =
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined;
    }
    return typeof node === 'string' ? compile(node) : null;
  });
}

const pluralRules = new Map<Language, Intl.PluralRules>();
const numberFormats = new Map<Language, Intl.NumberFormat>();

const pluralForm = (language: Language, count: number): string =>
  cached(pluralRules, language, () => new Intl.PluralRules(language)).select(count);

function formatted(language: Language, value: unknown, format: string | undefined): string {
  if (format === 'number' && typeof value === 'number')
    return cached(numberFormats, language, () => new Intl.NumberFormat(language)).format(value);
  return String(value);
}

function fill(
  language: Language,
  { texts, values }: Template,
  options: TOptions | undefined,
): string {
  if (values.length === 0) return texts[0] ?? '';
  let text = texts[0] ?? '';
  values.forEach(({ name, format }, i) => {
    const value = options?.[name];
    // A value not given stays as written, where the reader (and a test) can see it is missing.
    text += value === undefined ? `{{${name}}}` : formatted(language, value, format);
    text += texts[i + 1] ?? '';
  });
  return text;
}

/** `t` in one language: the key's string (its plural form for `count`), values filled in. */
function translate(language: Language, key: string, options?: TOptions): string {
  const count = options?.count;
  let found: Template | null = null;
  if (typeof count === 'number') {
    found =
      (count === 0 ? template(language, `${key}_zero`) : null) ??
      template(language, `${key}_${pluralForm(language, count)}`);
  }
  found ??= template(language, key);
  if (found === null) {
    reportMissingKey(language, key);
    const fallback = options?.defaultValue;
    return fallback === undefined ? key : fill(language, compile(fallback), options);
  }
  return fill(language, found, options);
}

/**
 * Says the UI's words in one language at a time. `t` is a new function after each change of
 * language, so what was built with the old one (a memo keyed on `t`) is built again.
 *
 * @example
 *   const words = new Translator('en');
 *   words.t('tour.position', { step: 2, count: 9 }); // 'Step 2 of 9'
 *   await words.changeLanguage('zh');
 */
export class Translator {
  #language: Language;
  #t: TFunction;
  readonly #listeners = new Set<() => void>();

  constructor(language: Language) {
    this.#language = language;
    this.#t = this.getFixedT(language);
  }

  get language(): Language {
    return this.#language;
  }

  get t(): TFunction {
    return this.#t;
  }

  /** `t` in a language of its own, whatever this translator speaks. */
  getFixedT(language: Language): TFunction {
    return (key, options) => translate(language, key, options);
  }

  /** Speak `language` from now on (its catalogue must be loaded: see loadLanguage). */
  changeLanguage(language: Language): Promise<void> {
    if (language !== this.#language) {
      this.#language = language;
      this.#t = this.getFixedT(language);
      for (const listener of this.#listeners) listener();
    }
    return Promise.resolve();
  }

  /** Called after each change of language; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** A translator of its own, in the same language (two players on a page may differ). */
  clone(): Translator {
    return new Translator(this.#language);
  }
}

/**
 * The app's translator. English is bundled, so it speaks at once; Chinese is a chunk of its
 * own (loadLanguage), fetched before the first render of a page that opens in it.
 */
export const i18n = new Translator('en');

/** Each language's catalogue: English is in the page already, Chinese loads when it is wanted. */
const CATALOGUES: Readonly<Record<Language, () => Promise<Catalogue>>> = {
  en: () => Promise.resolve(en),
  zh: async () => (await import('./zh.ts')).zh,
};

/** Whether the language's catalogue is loaded (every translator shares it). */
export const hasLanguage = (language: Language): boolean => catalogues.has(language);

/**
 * Load a language's catalogue, once: before changing to it, as a missing catalogue shows keys.
 * A reader of English never fetches the Chinese one (~19 kB gzipped).
 *
 * @example
 *   await loadLanguage('zh');
 *   await i18n.changeLanguage('zh');
 */
export async function loadLanguage(language: Language): Promise<void> {
  if (hasLanguage(language)) return;
  const catalogue = await CATALOGUES[language]();
  if (!hasLanguage(language)) provideCatalogue(language, catalogue);
}

/**
 * How the random split's numbers read in the UI language: shares and counts through
 * Intl.NumberFormat, powers of ten with superscripts (5 × 10⁻⁶), and the request's split chain
 * found in a played conversation. iptables' own texts (`0.33332999982`) are never reformatted:
 * they stay as the rules beside them print them.
 */
import type { Playback } from '../../store/playback-slice.ts';
import type { Language } from '../../store/settings-slice.ts';
import { HTML_LANG } from '../i18n/i18n.ts';

export interface SplitNumbers {
  /** A share or chance with `digits` decimals at most: 0.33333, 0.333335. */
  decimal(x: number, digits: number): string;
  /** A share as a percentage with one decimal: 33.3%. */
  percent(x: number): string;
  /** A count of packets: 1,000. */
  count(n: number): string;
  /** A count too big to read digit by digit: 36B, 360亿; past trillions, 1.7 × 10¹⁹. */
  big(n: number): string;
  /** A small positive number as m × 10ⁿ with two significant digits: 5 × 10⁻⁶. */
  power(x: number): string;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

const superscript = (n: number): string => [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');

/**
 * Formatters for `language`, made once per language: Intl.NumberFormat is slow to build.
 *
 * @example
 *   numbersFor('en').power(5.0003e-6); // '5 × 10⁻⁶'
 */
export function numbersFor(language: Language): SplitNumbers {
  const locale = HTML_LANG[language];
  const decimals = new Map<number, Intl.NumberFormat>();
  const decimal = (digits: number): Intl.NumberFormat => {
    let format = decimals.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      decimals.set(digits, format);
    }
    return format;
  };
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale);
  const compact = new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumSignificantDigits: 2,
  });
  const mantissa = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  const power = (x: number): string => {
    if (!(x > 0) || !Number.isFinite(x)) return count.format(x);
    let exponent = Math.floor(Math.log10(x));
    let m = Number((x / 10 ** exponent).toPrecision(2));
    // 9.96 rounds up to 10: carry into the exponent.
    if (m >= 10) {
      m /= 10;
      exponent += 1;
    }
    return `${mantissa.format(m)} × 10${superscript(exponent)}`;
  };
  return {
    decimal: (x, digits) => decimal(digits).format(x),
    percent: (x) => percent.format(x),
    count: (n) => count.format(n),
    big: (n) => (n < 1e12 ? compact.format(n) : power(n)),
    power,
  };
}

/** Where a played request met a random split: a table and chain (`nat`, `KUBE-SVC-…`). */
export interface SplitPlace {
  readonly table: string;
  readonly chain: string;
}

/** kube-proxy's split chains: all endpoints (SVC), local ones (SVL), v1.9's local ones (XLB). */
const SPLIT_CHAIN = /^KUBE-(SVC|SVL|XLB)-/;

/**
 * The chain whose random split the played request went through: the first with a drawn rule,
 * else (one endpoint, nothing drawn) the first KUBE-SVC/SVL/XLB chain it walked. Undefined
 * when it met none: its connection was refused before any split, or the rules are not
 * kube-proxy's.
 */
export function splitPlaceOf(playback: Playback): SplitPlace | undefined {
  if (playback.status !== 'ready') return undefined;
  const request = playback.legs.find((leg) => leg.role === 'request');
  const steps = request?.outcome.steps ?? [];
  for (const step of steps) {
    if (step.kind === 'rule' && step.probability !== undefined)
      return { table: step.table, chain: step.chain };
  }
  for (const step of steps) {
    if (step.kind !== 'event' && SPLIT_CHAIN.test(step.chain))
      return { table: step.table, chain: step.chain };
  }
  return undefined;
}

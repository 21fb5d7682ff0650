/**
 * Rates of the limit and hashlimit matches. Both read `N[/unit]` the same
 * way (atoi for N; the unit a case-insensitive prefix of second, minute, hour
 * or day: `3/m`, `3/minu`, `3/SEC`), store the period N stands for in
 * fixed-point units of 1/scale second (integer division), and print it back in
 * the largest unit that gives an exact enough count: `60/min` → `1/sec`.
 */

const UNITS = [
  { name: 'day', word: 'day', seconds: 86400 },
  { name: 'hour', word: 'hour', seconds: 3600 },
  { name: 'min', word: 'minute', seconds: 60 },
  { name: 'sec', word: 'second', seconds: 1 },
] as const;

/** libxt_limit's scale: a period of 1/10000 s. */
export const LIMIT_SCALE = 10000;
/** libxt_hashlimit's scale from revision 2 on (what iptables 1.8 loads): 1/1000000 s. */
export const HASHLIMIT_SCALE = 1000000;

/** A rate as stored: the period, and the seconds of the unit it was written in. */
export interface Rate {
  readonly period: number;
  readonly unitSeconds: number;
}

/** atoi: leading blanks and a sign, then decimal digits; whatever follows is ignored. */
function atoi(text: string): number {
  const m = /^\s*([+-]?[0-9]+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** libxt_limit's/libxt_hashlimit's parse_rate; undefined where iptables says "bad rate". */
export function parseRate(text: string, scale: number): Rate | undefined {
  let unitSeconds = 1;
  const slash = text.indexOf('/');
  if (slash >= 0) {
    // The units are tried in the order second, minute, hour, day.
    const word = text.slice(slash + 1).toLowerCase();
    const unit = [...UNITS].reverse().find((u) => word !== '' && u.word.startsWith(word));
    if (!unit) return undefined;
    unitSeconds = unit.seconds;
  }
  const count = atoi(text);
  const period = count > 0 ? Math.floor((scale * unitSeconds) / count) : 0;
  // 0 is "bad rate"; a period of 0 is "Rate too fast".
  return period > 0 ? { period, unitSeconds } : undefined;
}

/** print_rate: the text iptables-save prints, and the seconds of the unit it chose. */
export function formatRate(period: number, scale: number): { text: string; unitSeconds: number } {
  let i = 1;
  for (; i < UNITS.length; i++) {
    const mult = scale * (UNITS[i] as (typeof UNITS)[number]).seconds;
    if (period > mult || Math.floor(mult / period) < mult % period) break;
  }
  const unit = UNITS[i - 1] as (typeof UNITS)[number];
  return {
    text: `${Math.floor((scale * unit.seconds) / period)}/${unit.name}`,
    unitSeconds: unit.seconds,
  };
}

/** `--limit RATE` as iptables-save prints it back. */
export function limitRate(text: string): string | undefined {
  const rate = parseRate(text, LIMIT_SCALE);
  return rate && formatRate(rate.period, LIMIT_SCALE).text;
}

/** hashlimit's byte rates (`1kb/s`, `512b/s`) are kept as written. */
export const BYTE_RATE = /^[0-9]+[kmg]?b\/s$/i;

/**
 * hashlimit's rate, still in the unit it was written in (`60/MIN` → `60/min`,
 * `5` → `5/sec`): the default --hashlimit-htable-expire depends on that unit,
 * so the conversion to the printed unit waits for the match's canonicalise.
 */
export function hashlimitRate(text: string): string | undefined {
  if (BYTE_RATE.test(text)) return text;
  const rate = parseRate(text, HASHLIMIT_SCALE);
  if (!rate) return undefined;
  const unit = UNITS.find((u) => u.seconds === rate.unitSeconds) as (typeof UNITS)[number];
  return `${atoi(text)}/${unit.name}`;
}

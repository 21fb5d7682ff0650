/**
 * The pieces every compiled match is made of: a predicate over the packet
 * being walked, option-by-option compilation with negation, and the
 * "uncertain" predicate for what the simulator cannot decide.
 */
import type { Match, Option } from '../model/ruleset.ts';
import type { Env } from './runtime.ts';

export type Predicate = (env: Env) => boolean;

export interface CompiledMatch {
  readonly match: Match;
  readonly test: Predicate;
}

export const uncertain =
  (reason: string): Predicate =>
  (env) => {
    env.uncertain = reason;
    return false;
  };

/** `80` or `80:90` → [low, high]. */
export function range(text: string | undefined): readonly [number, number] | undefined {
  if (text === undefined) return undefined;
  const [a, b] = text.split(':');
  const low = Number(a);
  const high = b === undefined ? low : Number(b);
  return Number.isInteger(low) && Number.isInteger(high) ? [low, high] : undefined;
}

export const inRange = (v: number, r: readonly [number, number]): boolean => v >= r[0] && v <= r[1];

/** A predicate for one option, negated as written. */
export const negate = (o: Option, p: Predicate): Predicate => (o.negated ? (env) => !p(env) : p);

export function portOption(o: Option, side: 'sport' | 'dport'): Predicate | string {
  const r = range(o.args[0]);
  if (!r) return `unreadable port ${o.args[0] ?? ''}`;
  return negate(o, (env) => inRange(env.pkt[side], r));
}

export function all(predicates: readonly Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0] as Predicate;
  return (env) => {
    for (const p of predicates) if (!p(env)) return false;
    return true;
  };
}

export type OptionCompiler = (o: Option, match: Match) => Predicate | string;

/** What the simulator says of an option of a module it does not know. */
export const unknownOption = (match: Match, o: Option): string =>
  `kpviz does not know --${o.name} of -m ${match.module}`;

/** Compile every option with `one`; an option it cannot read makes the match uncertain. */
export function byOption(match: Match, one: OptionCompiler): Predicate {
  const predicates: Predicate[] = [];
  for (const o of match.options) {
    if (o.unknown) return uncertain(unknownOption(match, o));
    const p = one(o, match);
    if (typeof p === 'string') return uncertain(`-m ${match.module}: ${p}`);
    predicates.push(p);
  }
  return predicates.length === 0 ? () => true : all(predicates);
}

/**
 * The pieces every compiled match is made of: a predicate over the packet
 * being walked, option-by-option compilation with negation, and the
 * "uncertain" predicate for what the simulator cannot decide.
 */
import type { Match, Option } from '../model/ruleset.ts';
import type { Env } from './runtime.ts';
import type { Doubt } from './types.ts';

export type Predicate = (env: Env) => boolean;

export interface CompiledMatch {
  readonly match: Match;
  readonly test: Predicate;
}

/** A match that cannot be decided: it does not hold, and says why (in English and as data). */
export const uncertain =
  (reason: string, doubt: Doubt): Predicate =>
  (env) => {
    env.uncertain = reason;
    env.doubt = doubt;
    return false;
  };

/** Why an option compiler could not compile an option: the kind of doubt, and its English. */
export interface Refusal {
  readonly doubt: 'option-unknown' | 'option-unreadable' | 'option-not-simulated';
  readonly text: string;
}

/** An option whose argument cannot be read (`unreadable port 8o`). */
export const unreadable = (text: string): Refusal => ({ doubt: 'option-unreadable', text });

/** An option that tests what the simulated packet or connection does not carry. */
export const notSimulated = (text: string): Refusal => ({ doubt: 'option-not-simulated', text });

/** An option the module's compiler does not know. */
export const unknownOptionName = (o: Option): Refusal => ({
  doubt: 'option-unknown',
  text: `unknown option --${o.name}`,
});

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

export function portOption(o: Option, side: 'sport' | 'dport'): Predicate | Refusal {
  const r = range(o.args[0]);
  if (!r) return unreadable(`unreadable port ${o.args[0] ?? ''}`);
  return negate(o, (env) => inRange(env.pkt[side], r));
}

export function all(predicates: readonly Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0] as Predicate;
  return (env) => {
    for (const p of predicates) if (!p(env)) return false;
    return true;
  };
}

export type OptionCompiler = (o: Option, match: Match) => Predicate | Refusal;

/** What the simulator says of an option of a module it does not know. */
export const unknownOption = (match: Match, o: Option): string =>
  `kpviz does not know --${o.name} of -m ${match.module}`;

/** The doubt of an option kpviz does not know. */
export const unknownOptionDoubt = (match: Match, o: Option): Doubt => ({
  kind: 'option-unknown',
  module: match.module,
  option: o.name,
});

/** Compile every option with `one`; an option it cannot read makes the match uncertain. */
export function byOption(match: Match, one: OptionCompiler): Predicate {
  const predicates: Predicate[] = [];
  for (const o of match.options) {
    if (o.unknown) return uncertain(unknownOption(match, o), unknownOptionDoubt(match, o));
    const p = one(o, match);
    if (typeof p !== 'function') {
      return uncertain(`-m ${match.module}: ${p.text}`, {
        kind: p.doubt,
        module: match.module,
        option: o.name,
      });
    }
    predicates.push(p);
  }
  return predicates.length === 0 ? () => true : all(predicates);
}

/**
 * A random split read from a chain's rules: each `-m statistic --mode random --probability p`
 * rule takes p of the packets that reach it and lets 1 − p fall through; a rule after them
 * with no random match takes the rest. kube-proxy writes 1/n, 1/(n−1), …, 1/2 and then the
 * rest, so each of n endpoints gets 1/n — the seed article read 0.33333 and 0.5 as uneven.
 */
import {
  formatProbability,
  kernelProbability,
  PROBABILITY_SCALE,
} from '../model/ext/probability.ts';
import type { RuleStep } from '../sim/types.ts';
import type { Narration, NarrationContext } from './narration.ts';
import { say } from './narration-keys.ts';
import { fraction, optionOf, ruleTextOf, targetOf } from './narration-text.ts';

/** One branch of the split. */
export interface SplitRule {
  readonly index: number;
  /** The rule's probability, or undefined for the rule that takes the rest. */
  readonly probability?: number;
  /** The fraction of the packets entering the split that get to this rule. */
  readonly reach: number;
  /** The fraction that this rule sends on: reach × probability (reach for the last). */
  readonly share: number;
}

/** Chains no random split jumps to as a branch: kube-proxy's mark chain, and verdicts. */
const NOT_A_BRANCH = new Set(['KUBE-MARK-MASQ', 'RETURN', 'ACCEPT', 'DROP', 'REJECT', 'MARK']);

/** A chain longer than this is not read for a split (a 10,000-Service KUBE-SERVICES). */
const MAX_RULES = 2000;

/** The probability a rule's text gives its random match (negation: the complement). */
function randomProbability(text: string): number | undefined {
  if (!/--mode\s+random/.test(text)) return undefined;
  const p = optionOf(text, 'probability');
  const value = kernelProbability(p?.value ?? '1');
  return p?.negated ? 1 - value : value;
}

/**
 * The random split of `chain`, from the rules' text; undefined when the context has no text
 * or the chain has no random rule.
 */
export function splitOf(
  context: NarrationContext | undefined,
  table: string,
  chain: string,
): SplitRule[] | undefined {
  const rules: SplitRule[] = [];
  let reach = 1;
  for (let index = 1; index <= MAX_RULES; index++) {
    const text = ruleTextOf(context, table, chain, index);
    if (text === undefined) break;
    const probability = randomProbability(text);
    if (probability !== undefined) {
      rules.push({ index, probability, reach, share: reach * probability });
      reach *= 1 - probability;
      continue;
    }
    const target = targetOf(text);
    if (rules.length > 0 && target !== undefined && !NOT_A_BRANCH.has(target)) {
      rules.push({ index, reach, share: reach });
      break;
    }
  }
  return rules.length > 0 ? rules : undefined;
}

/** The branches share out every packet, each the same (within the kernel's rounding). */
export const isEven = (split: readonly SplitRule[]): boolean =>
  Math.abs(split.reduce((sum, r) => sum + r.share, 0) - 1) < 1e-4 &&
  // Relative: with many endpoints each share is small, and 5-decimal probabilities drift.
  split.every((r) => Math.abs(r.share * split.length - 1) < 1e-3);

/** A probability as iptables prints it back: the kernel keeps round(p·2^31). */
export const printedProbability = (p: number): string =>
  formatProbability(Math.round(p * PROBABILITY_SCALE));
/** Why a random branch went this way: its share of the split, when the chain's text is known. */
export function splitWhy(step: RuleStep, context: NarrationContext | undefined): Narration[] {
  const split = splitOf(context, step.table, step.chain);
  const rule = split?.find((r) => r.index === step.index);
  if (split && rule) {
    const reach = fraction(rule.reach);
    const share = fraction(rule.share);
    const n = split.length;
    const shares = split.map((r) => fraction(r.share)).join(', ');
    // The first rule sees every packet: "1 of them reach it" would read oddly.
    const first = rule.reach > 1 - 1e-9;
    if (isEven(split))
      return [
        first ? say('split.evenFirst', { share, n }) : say('split.even', { reach, share, n }),
      ];
    return [
      first
        ? say('split.unevenFirst', { share, shares })
        : say('split.uneven', { reach, share, shares }),
    ];
  }
  return /^KUBE-(SVC|SVL)-/.test(step.chain) ? [say('split.kube', {})] : [];
}

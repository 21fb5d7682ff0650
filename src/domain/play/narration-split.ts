/**
 * The narration of a random split: each `-m statistic --mode random --probability p` rule takes
 * p of the packets that reach it and lets 1 − p fall through; a rule after them with no random
 * match takes the rest. kube-proxy writes 1/n, 1/(n−1), …, 1/2 and then the rest, so each of n
 * endpoints gets 1/n — the seed article read 0.33333 and 0.5 as uneven. The split itself is
 * split.ts's reading of the rules, the one the split view shows; this file only words it.
 */
import type { RuleStep } from '../sim/types.ts';
import type { Narration, NarrationContext } from './narration.ts';
import { say } from './narration-keys.ts';
import { fraction } from './narration-text.ts';
import { fractionText, type Fraction, type RandomSplit, type SplitBranch } from './split.ts';

/** A rule of a chain whose split the context knows, and the branch it is there. */
export interface InSplit {
  readonly split: RandomSplit;
  readonly branch: SplitBranch;
}

/** Whether some rule of the split draws: one endpoint's rule alone takes everything. */
export const isDrawn = (split: RandomSplit): boolean =>
  split.branches.some((b) => b.stored !== undefined);

/**
 * Where rule `step.index` stands in its chain's random split; undefined when the context knows
 * no split there, the split draws nothing (one endpoint), or the rule is no branch of it.
 */
export function inSplit(
  step: Pick<RuleStep, 'table' | 'chain' | 'index'>,
  context: NarrationContext | undefined,
): InSplit | undefined {
  const split = context?.split?.(step.table, step.chain);
  if (!split || !isDrawn(split)) return undefined;
  const branch = split.branches.find((b) => b.index === step.index);
  return branch && { split, branch };
}

/** A share as a reader checks it: the 1/k kube-proxy meant, else the nearest simple fraction. */
const shareText = (exact: Fraction | undefined, value: number): string =>
  exact ? fractionText(exact) : fraction(value);

/** Why a random branch went this way: its share of the split, when the context knows it. */
export function splitWhy(step: RuleStep, context: NarrationContext | undefined): Narration[] {
  const found = inSplit(step, context);
  if (!found) return /^KUBE-(SVC|SVL)-/.test(step.chain) ? [say('split.kube', {})] : [];
  const { split, branch } = found;
  const reach = shareText(branch.exact?.reach, branch.reach);
  const share = shareText(branch.exact?.share, branch.share);
  const n = split.branches.length;
  const shares = split.branches.map((b) => shareText(b.exact?.share, b.share)).join(', ');
  // The first rule sees every packet: "1 of them reach it" would read oddly.
  const first = branch === split.branches[0];
  // Even as kube-proxy meant it, as the split view says; the view tells the kernel's rounding.
  if (split.even === true)
    return [first ? say('split.evenFirst', { share, n }) : say('split.even', { reach, share, n })];
  return [
    first
      ? say('split.unevenFirst', { share, shares })
      : say('split.uneven', { reach, share, shares }),
  ];
}

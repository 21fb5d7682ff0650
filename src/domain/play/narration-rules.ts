/**
 * The narration of rules: kube-proxy's chains first (narration-kube.ts), then what holds for
 * any rule of any dump — its target's verdict or effect, the random match of a split, the
 * first match that did not hold — so a pasted Docker or host firewall is narrated too.
 */
import type { RuleStep, SkipStep } from '../sim/types.ts';
import type { Narration, NarrationContext } from './narration.ts';
import { narrateDoubt } from './narration-doubt.ts';
import { narrateKubeRule } from './narration-kube.ts';
import { narrateKubeSkip } from './narration-kube-skip.ts';
import { say } from './narration-keys.ts';
import { inSplit, splitWhy } from './narration-split.ts';
import {
  fraction,
  hex,
  jumpTarget,
  optionOf,
  printedProbability,
  ruleTextOf,
  targetOf,
} from './narration-text.ts';
import type { Frame } from './types.ts';

const BUILTIN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

/**
 * A rule whose random match decided: held (the packet takes this branch) or not (it falls
 * through). Undefined when another match of the rule decided.
 */
function randomRule(
  step: RuleStep,
  context: NarrationContext | undefined,
): Narration[] | undefined {
  const chance = step.probability;
  if (chance === undefined) return undefined;
  const randomFailed = !step.matched && step.failedModule === 'statistic';
  if (!step.matched && !randomFailed) return undefined;
  // The step's probability is that of the result: 1 − p when the match did not hold.
  const p = randomFailed ? 1 - chance : chance;
  const text = ruleTextOf(context, step.table, step.chain, step.index);
  const probability = optionOf(text, 'probability')?.value ?? printedProbability(p);
  const target = jumpTarget(step);
  // A random rule that drops or accepts (a lossy link's test rule) is told by its verdict.
  if (step.matched && target === undefined) return undefined;
  const what =
    step.matched && target !== undefined
      ? say('random.held', { probability, fraction: fraction(p), target })
      : say('random.passed', { probability, fraction: fraction(p) });
  return [what, ...splitWhy(step, context)];
}

/** The last branch of a split: no random match, it takes what the rules above let through. */
function restOfSplit(
  step: RuleStep,
  context: NarrationContext | undefined,
): Narration[] | undefined {
  const target = jumpTarget(step);
  if (!step.matched || target === undefined) return undefined;
  // A branch without a random match ends a split that draws: it is the last one.
  const branch = inSplit(step, context)?.branch;
  if (branch === undefined || branch.stored !== undefined) return undefined;
  return [say('random.rest', { target }), ...splitWhy(step, context)];
}

function effectOf(frame: Frame, step: RuleStep): Narration[] | undefined {
  const effect = step.effect;
  if (!effect) return undefined;
  switch (effect.kind) {
    case 'dnat':
      return [
        say('effect.dnat', { from: effect.from, to: effect.to }),
        say('effect.whyDnat', { from: effect.from, to: effect.to }),
      ];
    case 'snat': {
      const { from, to } = effect;
      const dev = frame.after.outInterface ?? '';
      // MASQUERADE to the address the packet already has: a binding, but no change.
      if (from === to && effect.masquerade) return [say('effect.masqueradeSame', { src: to, dev })];
      return [
        effect.masquerade
          ? say('effect.masquerade', { from, to, dev })
          : say('effect.snat', { from, to }),
        say('effect.whySnat', { from, to }),
      ];
    }
    case 'redirect':
      return [say('effect.redirect', { from: effect.from, to: effect.to })];
    case 'mark':
      return [
        say('effect.mark', { from: hex(effect.from), to: hex(effect.to) }),
        say('effect.whyMark', {}),
      ];
    case 'connmark':
      return [say('effect.connmark', { from: hex(effect.from), to: hex(effect.to) })];
    case 'log':
      return [say('effect.log', { target: effect.target })];
    case 'notrack':
      return [say('effect.notrack', {})];
  }
}

/** What any rule's target did, read from the step alone (and the rule's text for names). */
function genericRule(
  frame: Frame,
  step: RuleStep,
  context: NarrationContext | undefined,
): Narration[] {
  if (!step.matched) return [say('rule.passed', { failed: step.failed ?? '' })];
  const effect = effectOf(frame, step);
  if (effect) return effect;
  const verdict = step.verdict;
  const text = ruleTextOf(context, step.table, step.chain, step.index);
  if (verdict === undefined) return [say('rule.noTarget', {})];
  const target = jumpTarget(step);
  if (target !== undefined)
    return [say(verdict.startsWith('goto') ? 'rule.goto' : 'rule.jump', { target })];
  switch (verdict) {
    case 'ACCEPT':
      return [say('rule.accept', { table: step.table, hook: step.hook })];
    case 'DROP':
      return [say('rule.drop', {})];
    case 'REJECT': {
      const answer =
        step.rejectWith ?? optionOf(text, 'reject-with')?.value ?? 'icmp-port-unreachable';
      return [say('rule.reject', { with: answer })];
    }
    case 'RETURN':
      return [
        say(BUILTIN.has(step.chain) ? 'rule.returnBuiltin' : 'rule.return', { chain: step.chain }),
      ];
    case 'continue': {
      const name = targetOf(text);
      return [
        name === undefined
          ? say('rule.continueUnnamed', {})
          : say('rule.continue', { target: name }),
      ];
    }
    default:
      return [say('rule.verdict', { verdict })];
  }
}

export function narrateRule(
  frame: Frame,
  step: RuleStep,
  context: NarrationContext | undefined,
): Narration[] {
  const said =
    narrateKubeRule(frame, step, context) ??
    randomRule(step, context) ??
    restOfSplit(step, context) ??
    genericRule(frame, step, context);
  // A rule kpviz could not decide says so (its first doubt), unless a why fills the second place.
  return step.uncertain !== undefined && said.length < 2
    ? [...said, narrateDoubt(step.doubts?.[0])]
    : said;
}

export function narrateSkip(
  frame: Frame,
  step: SkipStep,
  context: NarrationContext | undefined,
): Narration[] {
  const kube = narrateKubeSkip(frame, step, context);
  if (kube) return kube;
  const { first, last, chain } = step;
  return [
    first === last ? say('skip.one', { first, chain }) : say('skip.many', { first, last, chain }),
  ];
}

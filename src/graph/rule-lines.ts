/**
 * A chain's rules as the lines of its node. A long chain is cut down to the
 * lines worth drawing: KUBE-SERVICES of a 10,000-Service cluster has 10,001
 * rules, 180,000 px of lines that would all say "some other Service".
 */
import { serializeRule } from '../domain/parse/serialize-save.ts';
import { unsupportedParts } from '../domain/sim/support.ts';
import type { Rule, Ruleset } from '../domain/model/ruleset.ts';
import { analyseRuleset } from './analysis.ts';
import { nodeOfRule, ruleIndexOf, ruleKey } from './ids.ts';
import { chainById, jumpTarget } from './ruleset-index.ts';
import type { IndexedChain, RulesetIndex } from './ruleset-index.ts';
import { ruleComment, summariseRule } from './summarise-match.ts';
import { summariseTarget } from './summarise-target.ts';
import type { RuleLine } from './types.ts';

/** A chain up to this long shows every rule. */
export const MAX_LINES = 40;
/** A longer one shows its first rules… */
const HEAD_LINES = 12;
/**
 * …its last ones (KUBE-SERVICES' last rule is the jump to KUBE-NODEPORTS,
 * which must come last: kube-proxy says so in its comment)…
 */
const TAIL_LINES = 3;
// …and every rule whose jump leads to a chain the graph shows.

/**
 * One rule as a node line.
 *
 * @example
 *   ruleLine(entry, rule, 1, index).summary; // 'tcp dpt:80 dst 10.254.198.92'
 */
export function ruleLine(
  entry: IndexedChain,
  rule: Rule,
  index: number,
  rulesetIndex: RulesetIndex,
): RuleLine {
  const target = rule.target;
  const targetId = jumpTarget(rulesetIndex, entry.table.name, rule)?.id;
  const targetSummary = target && summariseTarget(target);
  const comment = ruleComment(rule);
  const unsupported = unsupportedParts(rule, entry.table);
  return {
    key: ruleKey(entry.table.name, entry.chain.name, index),
    index,
    target: target?.name ?? '',
    ...(targetSummary === undefined ? {} : { targetSummary }),
    ...(targetId === undefined ? {} : { targetId }),
    goto: target?.kind === 'goto',
    summary: summariseRule(rule),
    ...(comment === undefined ? {} : { comment }),
    text: serializeRule(rule, entry.chain.name),
    ...(rule.origin ? { line: rule.origin.line } : {}),
    ...(rule.counters ? { packets: rule.counters.packets } : {}),
    ...(unsupported.length > 0 ? { unsupported } : {}),
  };
}

/**
 * The lines of a chain's node, and the chain's rule count when some are left
 * out. `shownHere`: the names of the user chains the graph shows in the
 * chain's table. A rule jumps to one of those exactly when its target is
 * one of those names, so each of KUBE-SERVICES' 10,000 rules costs one
 * look-up.
 *
 * @example
 *   const { rules, ruleCount } = chainLines(kubeServices, index, new Set(['KUBE-SVC-…']));
 *   // rules: 12 first, the jumps to shown chains, 3 last; ruleCount: 10001
 */
export function chainLines(
  entry: IndexedChain,
  index: RulesetIndex,
  shownHere: ReadonlySet<string>,
): { rules: RuleLine[]; ruleCount?: number } {
  const all = entry.chain.rules;
  const long = all.length > MAX_LINES;
  const rules: RuleLine[] = [];
  for (let i = 0; i < all.length; i++) {
    const rule = all[i] as Rule;
    const target = rule.target?.name;
    const keep =
      !long ||
      i < HEAD_LINES ||
      i >= all.length - TAIL_LINES ||
      (target !== undefined && shownHere.has(target));
    if (keep) rules.push(ruleLine(entry, rule, i + 1, index));
  }
  return rules.length === all.length ? { rules } : { rules, ruleCount: all.length };
}

/**
 * Any rule of a ruleset as a node line, by its key, whether a graph draws it
 * or not (a long chain draws only some): for the details of a search result.
 * Undefined for a key naming no rule of the ruleset.
 *
 * @example
 *   ruleLineOf(ruleset, 'nat/KUBE-SERVICES#4000')?.targetId; // 'nat/KUBE-SVC-…'
 */
export function ruleLineOf(ruleset: Ruleset, key: string): RuleLine | undefined {
  const position = ruleIndexOf(key);
  if (!Number.isInteger(position) || position < 1) return undefined;
  // The per-ruleset index the graph is built from, not one of its own.
  const { index } = analyseRuleset(ruleset);
  const entry = chainById(index, nodeOfRule(key));
  const rule = entry?.chain.rules[position - 1];
  return entry && rule && ruleLine(entry, rule, position, index);
}

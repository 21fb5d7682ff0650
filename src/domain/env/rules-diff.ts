/**
 * What changed between two rulesets, rule by rule: for an editor that shows what an edit of the
 * environment did to kube-proxy's rules. Both sides are first put in the form the kernel holds
 * them in (asLoadedByKernel), so restore text and a node's iptables-save compare alike.
 */
import type { TableName } from '../model/names.ts';
import type { Problem } from '../model/problem.ts';
import type { Chain, Rule, Ruleset, Table } from '../model/ruleset.ts';
import { asLoadedByKernel } from '../model/kernel-form.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { serializeRule } from '../parse/serialize-save.ts';
import { matchSequences } from './match-sequences.ts';

/** A rule on one side: its 1-based position in its chain and its iptables-save text. */
export interface RuleAt {
  readonly index: number;
  readonly text: string;
}

export interface RuleDifference {
  readonly table: TableName;
  readonly chain: string;
  /** Absent for an added rule. */
  readonly before?: RuleAt;
  /** Absent for a removed rule. */
  readonly after?: RuleAt;
}

export interface ChainRef {
  readonly table: TableName;
  readonly chain: string;
}

export interface PolicyChange extends ChainRef {
  readonly before: string;
  readonly after: string;
}

export interface RulesDiff {
  /** Rules only after (the rules of added chains too). */
  readonly added: readonly RuleDifference[];
  /** Rules only before (the rules of removed chains too). */
  readonly removed: readonly RuleDifference[];
  /** Rules with the same role on both sides (same chain, same target) that differ. */
  readonly changed: readonly RuleDifference[];
  readonly addedChains: readonly ChainRef[];
  readonly removedChains: readonly ChainRef[];
  readonly changedPolicies: readonly PolicyChange[];
  /** How many rules are the same on both sides. */
  readonly unchanged: number;
  /** Problems reading a side given as text. */
  readonly problems: readonly (Problem & { readonly side: 'before' | 'after' })[];
}

/**
 * A rule's role in its chain: where it jumps. kube-proxy names a chain after what it serves
 * (KUBE-SVC-… per service port, KUBE-SEP-… per endpoint), so a rule that jumps to the same
 * chain on both sides plays the same part, and differs only in its matches: a probability, an
 * address, a port.
 */
const roleOf = (rule: Rule): string =>
  rule.target ? `${rule.target.kind} ${rule.target.name}` : '(no target)';

interface Builder {
  readonly added: RuleDifference[];
  readonly removed: RuleDifference[];
  readonly changed: RuleDifference[];
  unchanged: number;
}

function diffChain(table: TableName, before: Chain, after: Chain, out: Builder): void {
  const chain = after.name;
  const a = before.rules.map((r) => serializeRule(r, chain));
  const b = after.rules.map((r) => serializeRule(r, chain));
  const same = matchSequences(a, b);
  out.unchanged += same.length;
  const kept = { a: new Set(same.map(([i]) => i)), b: new Set(same.map(([, j]) => j)) };
  const gone = before.rules.flatMap((r, i) => (kept.a.has(i) ? [] : [{ r, i }]));
  const come = after.rules.flatMap((r, j) => (kept.b.has(j) ? [] : [{ r, j }]));
  const byRole = new Map<string, number[]>();
  for (const { r, i } of gone) {
    const list = byRole.get(roleOf(r));
    if (list) list.push(i);
    else byRole.set(roleOf(r), [i]);
  }
  const paired = new Set<number>();
  for (const { r, j } of come) {
    const i = byRole.get(roleOf(r))?.shift();
    const afterAt = { index: j + 1, text: b[j] ?? '' };
    if (i === undefined) {
      out.added.push({ table, chain, after: afterAt });
    } else {
      paired.add(i);
      out.changed.push({
        table,
        chain,
        before: { index: i + 1, text: a[i] ?? '' },
        after: afterAt,
      });
    }
  }
  for (const { i } of gone) {
    if (!paired.has(i))
      out.removed.push({ table, chain, before: { index: i + 1, text: a[i] ?? '' } });
  }
}

const EMPTY_CHAIN = (name: Chain['name']): Chain => ({ name, rules: [] });

function read(
  side: Ruleset | string,
  name: 'before' | 'after',
  problems: RulesDiff['problems'][number][],
) {
  if (typeof side !== 'string') return asLoadedByKernel(side);
  const parsed = parseDump(side);
  for (const p of parsed.problems) problems.push({ ...p, side: name });
  return asLoadedByKernel(parsed.ruleset);
}

const chainsOf = (table: Table | undefined) =>
  new Map((table?.chains ?? []).map((c) => [c.name, c]));

/**
 * @example
 * // scaling a Service from 3 pods to 4:
 * diffRules(before.restore, after.restore).changed.map((c) => c.after?.text);
 * // ['-A KUBE-SVC-… -m statistic --mode random --probability 0.25000 -j KUBE-SEP-…', …]
 */
export function diffRules(before: Ruleset | string, after: Ruleset | string): RulesDiff {
  const problems: RulesDiff['problems'][number][] = [];
  const old = read(before, 'before', problems);
  const now = read(after, 'after', problems);
  const out: Builder = { added: [], removed: [], changed: [], unchanged: 0 };
  const addedChains: ChainRef[] = [];
  const removedChains: ChainRef[] = [];
  const changedPolicies: PolicyChange[] = [];
  const tables = [...new Set([...now.tables, ...old.tables].map((t) => t.name))];
  for (const table of tables) {
    const was = chainsOf(old.tables.find((t) => t.name === table));
    const is = chainsOf(now.tables.find((t) => t.name === table));
    for (const [name, chain] of is) {
      const prior = was.get(name);
      if (!prior) addedChains.push({ table, chain: name });
      else if ((prior.policy ?? '-') !== (chain.policy ?? '-')) {
        changedPolicies.push({
          table,
          chain: name,
          before: prior.policy ?? '-',
          after: chain.policy ?? '-',
        });
      }
      diffChain(table, prior ?? EMPTY_CHAIN(name), chain, out);
    }
    for (const [name, chain] of was) {
      if (is.has(name)) continue;
      removedChains.push({ table, chain: name });
      diffChain(table, chain, EMPTY_CHAIN(name), out);
    }
  }
  return { ...out, addedChains, removedChains, changedPolicies, problems };
}

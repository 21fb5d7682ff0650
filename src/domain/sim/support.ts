/**
 * What of a rule the simulator cannot be sure of, read from the rule alone:
 * so the graph and the rule tables can mark it before any packet meets it,
 * in the same words the trace uses when one does.
 */
import type { Rule, Table } from '../model/ruleset.ts';
import { unsupportedMatch } from './match-compile.ts';
import { unknownTarget, unsupportedTarget } from './targets.ts';

const VERDICTS: ReadonlySet<string> = new Set(['ACCEPT', 'DROP', 'RETURN']);

/** Each table's chain names, made when a rule of it is first asked about (tables never change). */
const CHAIN_NAMES = new WeakMap<Table, ReadonlySet<string>>();

/**
 * The names of `table`'s chains: asked for each rule of a chain's details, where a search
 * through 50,000 chains for every one of KUBE-SERVICES' 10,000 rules took seconds.
 */
function chainNames(table: Table): ReadonlySet<string> {
  let names = CHAIN_NAMES.get(table);
  if (!names) {
    names = new Set(table.chains.map((chain) => chain.name));
    CHAIN_NAMES.set(table, names);
  }
  return names;
}

/**
 * Reasons the simulator is not sure of `rule` (empty when it is): matches or
 * options it does not know or does not simulate, a target it does not act
 * out, QUEUE (a userspace program decides).
 *
 * @example
 *   unsupportedParts(rule, natTable); // ['-m string is not simulated']
 */
export function unsupportedParts(rule: Rule, table: Table): string[] {
  const reasons: string[] = [];
  for (const match of rule.matches) {
    const reason = unsupportedMatch(match);
    if (reason !== undefined) reasons.push(reason);
  }
  const target = rule.target;
  if (target === undefined || VERDICTS.has(target.name)) return reasons;
  if (target.name === 'QUEUE') {
    reasons.push('QUEUE hands the packet to a userspace program');
  } else if (target.unknown) {
    reasons.push(unknownTarget(target.name));
  } else if (!chainNames(table).has(target.name)) {
    const reason = unsupportedTarget(target.name);
    if (reason !== undefined) reasons.push(reason);
  }
  return reasons;
}

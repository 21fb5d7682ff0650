/**
 * The ruleset seen as a graph of chains: every chain by node id, and for each
 * user chain the rules that jump or go to it. Everything else (groups,
 * labels, visibility) reads it. A dump of 10,000 Services has 50,000 chains
 * and 170,000 rules, so it is built once per ruleset (see analyseRuleset)
 * and allocates little per rule.
 */
import { isBuiltinChain, isTableName } from '../domain/model/names.ts';
import type { Chain, Rule, Ruleset, Table } from '../domain/model/ruleset.ts';
import { chainId } from './ids.ts';
import type { NodeId } from './types.ts';

export interface IndexedChain {
  readonly id: NodeId;
  readonly table: Table;
  readonly chain: Chain;
  /** A built-in chain: drawn as a HookTableNode of the pipeline, not as a ChainNode. */
  readonly builtin: boolean;
}

/** A rule that jumps or goes to a user chain. */
export interface Jump {
  readonly from: NodeId;
  /** The rule's 1-based position in `from`. */
  readonly index: number;
  readonly rule: Rule;
  readonly to: NodeId;
}

export interface RulesetIndex {
  readonly chains: ReadonlyMap<NodeId, IndexedChain>;
  /** Each table's chains by name. */
  readonly byName: ReadonlyMap<string, ReadonlyMap<string, IndexedChain>>;
  /** Jumps by the chain they lead to. */
  readonly callers: ReadonlyMap<NodeId, readonly Jump[]>;
  /** Jumps by the chain they leave from. */
  readonly callees: ReadonlyMap<NodeId, readonly Jump[]>;
}

/**
 * The user chain a rule of `table` jumps or goes to; undefined for a
 * verdict, a target extension, or a chain the table does not declare
 * (kubelet's KUBE-MARK-DROP in an old kube-proxy dump).
 */
export function jumpTarget(
  index: Pick<RulesetIndex, 'byName'>,
  table: string,
  rule: Rule,
): IndexedChain | undefined {
  const name = rule.target?.name;
  const target = name === undefined ? undefined : index.byName.get(table)?.get(name);
  // The kernel refuses a jump to a built-in chain, so a declared one never is a target.
  return target && !target.builtin ? target : undefined;
}

/**
 * @example
 *   const index = indexRuleset(ruleset);
 *   index.callers.get('nat/KUBE-SVC-I64SNEMOLCWHJHS3')?.map((j) => `${j.from}#${j.index}`);
 *   // ['nat/KUBE-NODEPORTS#2', 'nat/KUBE-SERVICES#1']
 */
export function indexRuleset(ruleset: Ruleset): RulesetIndex {
  const chains = new Map<NodeId, IndexedChain>();
  const byName = new Map<string, Map<string, IndexedChain>>();
  for (const table of ruleset.tables) {
    const names = byName.get(table.name) ?? new Map<string, IndexedChain>();
    byName.set(table.name, names);
    for (const chain of table.chains) {
      const id = chainId(table.name, chain.name);
      const builtin = isTableName(table.name) && isBuiltinChain(table.name, chain.name);
      const entry = { id, table, chain, builtin };
      chains.set(id, entry);
      names.set(chain.name, entry);
    }
  }
  const callers = new Map<NodeId, Jump[]>();
  const callees = new Map<NodeId, Jump[]>();
  const index = { chains, byName, callers, callees };
  for (const { id, table, chain } of chains.values()) {
    const rules = chain.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as Rule;
      const to = jumpTarget(index, table.name, rule);
      if (to === undefined) continue;
      const jump: Jump = { from: id, index: i + 1, rule, to: to.id };
      push(callers, to.id, jump);
      push(callees, id, jump);
    }
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

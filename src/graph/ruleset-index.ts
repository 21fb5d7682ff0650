/**
 * The ruleset seen as a graph of chains: every chain by table and name, and
 * for each user chain the rules that jump or go to it. Everything else
 * (groups, labels, visibility) reads it. A dump of 10,000 Services has 50,000
 * chains and 170,000 rules, so it is built once per ruleset (see
 * analyseRuleset), keeps per-chain facts in arrays by slot rather than in
 * maps by id (a map of 50,000 ids costs more than what it is for), and reads
 * every rule for jumps only when something first asks for callers: a first
 * graph that draws only the top-level chains never does.
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
  /** Its place in RulesetIndex.chains: where arrays of per-chain facts keep its own. */
  readonly slot: number;
}

/** A rule that jumps or goes to a user chain. */
export interface Jump {
  readonly from: IndexedChain;
  /** The rule's 1-based position in `from`. */
  readonly index: number;
  readonly rule: Rule;
  readonly to: IndexedChain;
}

export interface RulesetIndex {
  /**
   * Every chain once, in the dump's order; a name a table declares twice is
   * where it came first, as its last declaration (what a map by id keeps).
   */
  readonly chains: readonly IndexedChain[];
  /** Each table's chains by name. */
  readonly byName: ReadonlyMap<string, ReadonlyMap<string, IndexedChain>>;
  /** The jumps into each user chain (see callersOf). Made when first read. */
  readonly callers: Callers;
}

/**
 * The jumps into each chain, packed: for the chain in slot `s`, positions
 * `start[s]` up to `start[s + 1]` of `from` and `rule` hold each jump's chain
 * (a slot) and rule (1-based), in the order of `chains` and their rules. A
 * dump of 10,000 Services has 110,000 jumps: numbers in three arrays, not an
 * object each for the garbage collector to move.
 */
export interface Callers {
  readonly start: Int32Array;
  readonly from: Int32Array;
  readonly rule: Int32Array;
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
 * A chain by node id. A table's name has no `/`, so the id's first one ends it.
 *
 * @example
 *   chainById(index, 'nat/KUBE-SERVICES')?.chain.rules.length; // 10001
 */
export function chainById(
  index: Pick<RulesetIndex, 'byName'>,
  id: NodeId,
): IndexedChain | undefined {
  const slash = id.indexOf('/');
  return slash < 0 ? undefined : index.byName.get(id.slice(0, slash))?.get(id.slice(slash + 1));
}

/**
 * The jumps a chain's rules make, in rule order: read from its rules when
 * asked, since only a focus or an expansion asks, for a few chains.
 *
 * @example
 *   calleesOf(index, kubeServices).map((j) => j.to.id); // ['nat/KUBE-SVC-…', …, 'nat/KUBE-NODEPORTS']
 */
export function calleesOf(index: Pick<RulesetIndex, 'byName'>, from: IndexedChain): Jump[] {
  const names = index.byName.get(from.table.name);
  const rules = from.chain.rules;
  const out: Jump[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as Rule;
    const name = rule.target?.name;
    const to = name === undefined ? undefined : names?.get(name);
    if (to !== undefined && !to.builtin) out.push({ from, index: i + 1, rule, to });
  }
  return out;
}

/**
 * The jumps into a chain, in the order of `chains` and their rules.
 *
 * @example
 *   callersOf(index, chainById(index, 'nat/KUBE-SVC-I64SNEMOLCWHJHS3')).map((j) => `${j.from.id}#${j.index}`);
 *   // ['nat/KUBE-NODEPORTS#2', 'nat/KUBE-SERVICES#1']
 */
export function callersOf(index: RulesetIndex, to: IndexedChain): Jump[] {
  const { start, from, rule } = index.callers;
  const out: Jump[] = [];
  for (let k = start[to.slot] as number; k < (start[to.slot + 1] as number); k++) {
    const source = index.chains[from[k] as number] as IndexedChain;
    const position = rule[k] as number;
    out.push({ from: source, index: position, rule: source.chain.rules[position - 1] as Rule, to });
  }
  return out;
}

/** The rule of the jump at a position of `index.callers` (see Callers). */
export function callerRule(index: RulesetIndex, position: number): Rule {
  const { from, rule } = index.callers;
  const source = index.chains[from[position] as number] as IndexedChain;
  return source.chain.rules[(rule[position] as number) - 1] as Rule;
}

/** The jumps into every chain: the one pass over every rule of the dump. */
function indexCallers({ chains, byName }: Pick<RulesetIndex, 'chains' | 'byName'>): Callers {
  let rules = 0;
  for (const entry of chains) rules += entry.chain.rules.length;
  // Each jump as it is met (its target, chain and rule), and how many each target has.
  const jumpTo = new Int32Array(rules);
  const jumpFrom = new Int32Array(rules);
  const jumpRule = new Int32Array(rules);
  const start = new Int32Array(chains.length + 1);
  let count = 0;
  // The chain found last: kube-proxy jumps to KUBE-MARK-MASQ from nearly every chain, and
  // a comparison with it is cheaper than a look-up among 50,000 names.
  let last: IndexedChain | undefined;
  for (const entry of chains) {
    // jumpTarget, with the table's names looked up once per chain rather than once per rule.
    const names = byName.get(entry.table.name);
    const list = entry.chain.rules;
    for (let i = 0; i < list.length; i++) {
      const name = (list[i] as Rule).target?.name;
      if (name === undefined) continue;
      let to = last;
      if (to === undefined || to.chain.name !== name || to.table.name !== entry.table.name) {
        to = names?.get(name);
        if (to !== undefined) last = to;
      }
      if (to === undefined || to.builtin) continue;
      jumpTo[count] = to.slot;
      jumpFrom[count] = entry.slot;
      jumpRule[count] = i + 1;
      count++;
      (start[to.slot + 1] as number)++;
    }
  }
  for (let s = 0; s < chains.length; s++) (start[s + 1] as number) += start[s] as number;
  // Then grouped by target, each target's in the order met.
  const next = start.slice(0, chains.length);
  const from = new Int32Array(count);
  const rule = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const at = (next[jumpTo[k] as number] as number)++;
    from[at] = jumpFrom[k] as number;
    rule[at] = jumpRule[k] as number;
  }
  return { start, from, rule };
}

/**
 * @example
 *   const index = indexRuleset(ruleset);
 *   chainById(index, 'nat/KUBE-SERVICES')?.chain.rules.length; // 10001
 */
export function indexRuleset(ruleset: Ruleset): RulesetIndex {
  const chains: IndexedChain[] = [];
  const byName = new Map<string, Map<string, IndexedChain>>();
  // Each id's slot, made only if a name comes twice (a dump with a table twice).
  let slots: Map<NodeId, number> | undefined;
  for (const table of ruleset.tables) {
    const names = byName.get(table.name) ?? new Map<string, IndexedChain>();
    byName.set(table.name, names);
    const known = isTableName(table.name);
    for (const chain of table.chains) {
      const id = chainId(table.name, chain.name);
      const builtin = known && isBuiltinChain(table.name, chain.name);
      const size = names.size;
      const entry: IndexedChain = { id, table, chain, builtin, slot: chains.length };
      names.set(chain.name, entry);
      if (names.size > size) {
        chains.push(entry);
        slots?.set(id, entry.slot);
        continue;
      }
      // A name declared again keeps its first place and takes its last declaration.
      slots ??= new Map(chains.map((c) => [c.id, c.slot]));
      const again = { ...entry, slot: slots.get(id) as number };
      chains[again.slot] = again;
      names.set(chain.name, again);
    }
  }
  let callers: Callers | undefined;
  return {
    chains,
    byName,
    get callers() {
      return (callers ??= indexCallers({ chains, byName }));
    },
  };
}

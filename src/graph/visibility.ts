/**
 * Which user chains the graph shows. A 10,000-Service dump has some 50,000
 * chains; no view can draw them, and nobody reads them at once. So a big
 * dump shows the chains every packet meets (KUBE-SERVICES, KUBE-NODEPORTS,
 * KUBE-MARK-MASQ, KUBE-POSTROUTING, the firewall chains, anyone else's
 * chains) and keeps the per-Service chains back until a focus or an
 * expansion asks for them.
 */
import type { Analysis } from './analysis.ts';
import { compareText } from './compare.ts';
import { isPerServiceChain } from './chain-role.ts';
import { chainId } from './ids.ts';
import type { IndexedChain, RulesetIndex } from './ruleset-index.ts';
import { calleesOf, callersOf, chainById } from './ruleset-index.ts';
import type { ServiceGroup, ServiceGroups } from './service-groups.ts';
import type { NodeId } from './types.ts';

export interface VisibilityOptions {
  readonly focus?: string;
  readonly expanded?: ReadonlySet<NodeId>;
  /** At most this many user chains shown (buildGraph's maxNodes less the pipeline). */
  readonly maxChains: number;
}

export interface Visibility {
  /** User chains to draw. */
  readonly shown: ReadonlySet<NodeId>;
  /** How many user chains are left out. */
  readonly hiddenCount: number;
  /** The group the focus selected, if it named one. */
  readonly focused?: ServiceGroup;
}

/**
 * The group a focus names: by key (what servicesOf lists), by Service port or
 * label, or by the id or name of one of the group's chains (a click on a node).
 */
export function resolveFocus(
  focus: string | undefined,
  { groups, groupOf }: ServiceGroups,
  index: RulesetIndex,
): ServiceGroup | undefined {
  if (focus === undefined || focus === '') return undefined;
  const groupOfChain = (entry: IndexedChain | undefined): ServiceGroup | undefined =>
    entry && groupOf[entry.slot];
  const direct =
    groups.get(focus) ??
    groupOfChain(chainById(index, focus)) ??
    groupOfChain(chainById(index, chainId('nat', focus)));
  if (direct) return direct;
  for (const group of groups.values()) {
    if (group.service === focus || group.label === focus) return group;
  }
  return undefined;
}

/**
 * Chains reached from `start` one way (`next` gives a chain's callers, or its
 * callees), other Services' chains aside.
 */
function reach(
  start: readonly IndexedChain[],
  next: (entry: IndexedChain) => readonly IndexedChain[],
): NodeId[] {
  const seen = new Set(start);
  const out: NodeId[] = [];
  const queue = [...start];
  for (let i = 0; i < queue.length; i++) {
    for (const entry of next(queue[i] as IndexedChain)) {
      if (seen.has(entry) || entry.builtin || isPerServiceChain(entry.chain.name)) continue;
      seen.add(entry);
      out.push(entry.id);
      queue.push(entry);
    }
  }
  return out.sort(compareText);
}

/**
 * @example
 *   visibility(analyseRuleset(ruleset), { maxChains: 478 }).hiddenCount; // 50,000 for syntheticDump({services: 10000})
 */
export function visibility(analysis: Analysis, options: VisibilityOptions): Visibility {
  const { index, userCount } = analysis;
  // The groups only for a focus: without one, a big dump's first graph needs none of them.
  const focused = options.focus ? resolveFocus(options.focus, analysis.groups, index) : undefined;
  const own = focused?.chains.map((id) => chainById(index, id) as IndexedChain) ?? [];
  // In order of importance: what maxChains cuts is the end of this list.
  const wanted: NodeId[] = focused
    ? // The Service's chains, the chains that lead to them, and the ones they lead to (KUBE-MARK-MASQ).
      [
        ...focused.chains,
        ...reach(own, (entry) => callersOf(index, entry).map((j) => j.from)),
        ...reach(own, (entry) => calleesOf(index, entry).map((j) => j.to)),
      ]
    : userCount <= options.maxChains
      ? [...analysis.userChains]
      : [...analysis.topLevelChains];
  // An expanded chain is shown, and so is every chain it jumps to.
  for (const id of [...(options.expanded ?? [])].sort(compareText)) {
    const entry = chainById(index, id);
    if (!entry) continue;
    if (!entry.builtin) wanted.push(id);
    // A loop, not push(...): KUBE-SERVICES of a big cluster jumps to tens of thousands.
    for (const to of calleesOf(index, entry)
      .map((j) => j.to.id)
      .sort(compareText)) {
      wanted.push(to);
    }
  }
  const shown = new Set<NodeId>();
  for (const id of wanted) {
    if (shown.size >= options.maxChains) break;
    shown.add(id);
  }
  // Counted from the few shown (≤ maxChains), not by looking up each of a big dump's 150,000 chains.
  let shownUser = 0;
  for (const id of shown) if (chainById(index, id)?.builtin === false) shownUser++;
  const hiddenCount = userCount - shownUser;
  return { shown, hiddenCount, ...(focused ? { focused } : {}) };
}

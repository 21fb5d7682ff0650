/**
 * The per-Service-port chains grouped by the Service port they serve. A
 * group is what a focus selects and what servicesOf lists. Groups come from
 * the chains' names and jumps, so they hold with or without comments; the
 * comments only name them.
 */
import { compareText } from './compare.ts';
import { chainRole, isPerServiceChain, servicePortHash } from './chain-role.ts';
import { ruleDestination, ruleServicePort } from './rule-facts.ts';
import type { IndexedChain, RulesetIndex } from './ruleset-index.ts';
import type { NodeId } from './types.ts';

export interface ServiceGroup {
  /** What focus takes: the Service port name where comments give it, else the KUBE-SVC chain's name. */
  readonly key: string;
  /** `namespace/name:port`, from kube-proxy's comments. */
  readonly service?: string;
  /** The Service port's name without an empty port's `:`, or `10.96.0.10:80/tcp` read from the rules. */
  readonly label: string;
  readonly labelSource: 'comment' | 'rules';
  /** The group's chains, by id. */
  readonly chains: readonly NodeId[];
}

export interface ServiceGroups {
  /** By key. */
  readonly groups: ReadonlyMap<string, ServiceGroup>;
  /** Every per-Service chain's group, by chain id. */
  readonly groupOf: ReadonlyMap<NodeId, ServiceGroup>;
}

/** The order in which a group's chains are read for its name: the KUBE-SVC chain says it best. */
const NAMING_ORDER = ['service', 'external', 'firewall', 'local', 'endpoint'];
const namingRank = (name: string): number => NAMING_ORDER.indexOf(chainRole(name));

/** The bucket of each per-Service chain: its table and name hash, or for KUBE-SEP its caller's. */
function buckets(index: RulesetIndex): Map<string, IndexedChain[]> {
  const bucketOf = new Map<NodeId, string>();
  const endpoints: IndexedChain[] = [];
  for (const entry of index.chains.values()) {
    if (entry.builtin || !isPerServiceChain(entry.chain.name)) continue;
    const hash = servicePortHash(entry.chain.name);
    if (hash === undefined) endpoints.push(entry);
    else bucketOf.set(entry.id, `${entry.table.name}/${hash}`);
  }
  for (const entry of endpoints) {
    // An endpoint belongs to the Service chain(s) that pick it (KUBE-SVC, KUBE-SVL, KUBE-XLB);
    // the least bucket keeps the choice independent of rule order.
    let bucket: string | undefined;
    for (const jump of index.callers.get(entry.id) ?? []) {
      const b = bucketOf.get(jump.from);
      if (b !== undefined && (bucket === undefined || b < bucket)) bucket = b;
    }
    bucketOf.set(entry.id, bucket ?? entry.id);
  }
  const out = new Map<string, IndexedChain[]>();
  for (const [id, bucket] of bucketOf) {
    const entry = index.chains.get(id) as IndexedChain;
    const list = out.get(bucket);
    if (list) list.push(entry);
    else out.set(bucket, [entry]);
  }
  return out;
}

/** The Service port the group's comments name: on the jumps into its chains, then in them. */
function commentedService(
  chains: readonly IndexedChain[],
  index: RulesetIndex,
): string | undefined {
  for (const entry of chains) {
    for (const jump of index.callers.get(entry.id) ?? []) {
      const name = ruleServicePort(jump.rule);
      if (name !== undefined) return name;
    }
    for (const rule of entry.chain.rules) {
      const name = ruleServicePort(rule);
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

/**
 * What the rules say the group's Service port is, for a dump without
 * comments: the cluster IP and port its KUBE-SVC chain's own masquerade rule
 * or KUBE-SERVICES' jump matches. The least candidate wins, so the label does
 * not depend on the order kube-proxy wrote the rules in.
 */
function ruleLabel(chains: readonly IndexedChain[], index: RulesetIndex): string | undefined {
  for (const entry of chains) {
    const candidates = [
      ...entry.chain.rules.filter((r) => r.target?.name === 'KUBE-MARK-MASQ'),
      ...(index.callers.get(entry.id) ?? []).map((j) => j.rule),
    ]
      .map(ruleDestination)
      .filter((d): d is string => d !== undefined);
    const withAddress = candidates.filter((d) => !d.startsWith('*'));
    const pool = withAddress.length ? withAddress : candidates;
    if (pool.length) return pool.reduce((a, b) => (b < a ? b : a));
  }
  return undefined;
}

/**
 * @example
 *   const { groups } = serviceGroups(indexRuleset(seedRuleset));
 *   [...groups.keys()]; // ['default/nginx-service-nodeport:']
 */
export function serviceGroups(index: RulesetIndex): ServiceGroups {
  const groups = new Map<string, ServiceGroup>();
  const groupOf = new Map<NodeId, ServiceGroup>();
  const byKey = new Map<string, { chains: IndexedChain[]; first: ServiceGroup }>();
  for (const list of buckets(index).values()) {
    list.sort(
      (a, b) => namingRank(a.chain.name) - namingRank(b.chain.name) || compareText(a.id, b.id),
    );
    const service = commentedService(list, index);
    const primary = (list[0] as IndexedChain).chain.name;
    const derived = service === undefined ? ruleLabel(list, index) : undefined;
    const group: ServiceGroup = {
      key: service ?? primary,
      ...(service === undefined ? {} : { service }),
      label: service !== undefined ? service.replace(/:$/, '') : (derived ?? primary),
      labelSource: service !== undefined ? 'comment' : 'rules',
      chains: [],
    };
    // Two buckets naming one Service port (its TCP and UDP chains in one table) are one group.
    const seen = byKey.get(group.key);
    if (seen) seen.chains.push(...list);
    else byKey.set(group.key, { chains: [...list], first: group });
  }
  for (const [key, { chains, first }] of byKey) {
    const group = { ...first, chains: chains.map((c) => c.id).sort(compareText) };
    groups.set(key, group);
    for (const id of group.chains) groupOf.set(id, group);
  }
  return { groups, groupOf };
}

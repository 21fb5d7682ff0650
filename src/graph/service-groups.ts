/**
 * The per-Service-port chains grouped by the Service port they serve. A
 * group is what a focus selects and what servicesOf lists. Groups come from
 * the chains' names and jumps, so they hold with or without comments; the
 * comments only name them.
 */
import { compareText } from './compare.ts';
import { perServicePrefix } from './chain-role.ts';
import { ruleDestination, ruleServicePort } from './rule-facts.ts';
import type { IndexedChain, RulesetIndex } from './ruleset-index.ts';
import { callerRule, callersOf } from './ruleset-index.ts';
import type { ChainRole, NodeId } from './types.ts';

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
  /** Every per-Service chain's group, by the chain's slot (IndexedChain.slot). */
  readonly groupOf: readonly (ServiceGroup | undefined)[];
}

/** The order in which a group's chains are read for its name: the KUBE-SVC chain says it best. */
const NAMING_ORDER: readonly ChainRole[] = ['service', 'external', 'firewall', 'local', 'endpoint'];

/**
 * The chains of one table and name hash, or a KUBE-SEP chain's own (its
 * name for the hash) when no Service chain picks it.
 */
interface Bucket {
  readonly table: string;
  readonly hash: string;
  readonly chains: IndexedChain[];
}

/** `table/hash`: what decides between two buckets that pick one endpoint. */
const bucketKey = (bucket: Bucket): string => `${bucket.table}/${bucket.hash}`;

/**
 * The buckets in the order their first chain comes, the Service chains
 * before the endpoints; each bucket's chains in that order too. Fills in
 * each per-Service chain's naming rank, by slot.
 */
function buckets(index: RulesetIndex, rank: Int8Array): Bucket[] {
  // By table, then hash: no `table/hash` string made and hashed per chain.
  const byTable = new Map<string, Map<string, Bucket>>();
  const all: Bucket[] = [];
  const bucketOf = new Array<Bucket | undefined>(index.chains.length);
  const put = (entry: IndexedChain, bucket: Bucket): void => {
    bucket.chains.push(entry);
    bucketOf[entry.slot] = bucket;
  };
  const bucketFor = (table: string, hash: string): Bucket => {
    let byHash = byTable.get(table);
    if (!byHash) byTable.set(table, (byHash = new Map<string, Bucket>()));
    let bucket = byHash.get(hash);
    if (!bucket) {
      byHash.set(hash, (bucket = { table, hash, chains: [] }));
      all.push(bucket);
    }
    return bucket;
  };
  const endpoints: IndexedChain[] = [];
  for (const entry of index.chains) {
    const name = entry.chain.name;
    const perService = entry.builtin ? undefined : perServicePrefix(name);
    if (perService === undefined) continue;
    const [prefix, role] = perService;
    rank[entry.slot] = NAMING_ORDER.indexOf(role);
    if (role === 'endpoint') endpoints.push(entry);
    else put(entry, bucketFor(entry.table.name, name.slice(prefix.length)));
  }
  const { start, from } = index.callers;
  for (const entry of endpoints) {
    // An endpoint belongs to the Service chain(s) that pick it (KUBE-SVC, KUBE-SVL, KUBE-XLB);
    // the least bucket keeps the choice independent of rule order.
    let bucket: Bucket | undefined;
    for (let k = start[entry.slot] as number; k < (start[entry.slot + 1] as number); k++) {
      const b = bucketOf[from[k] as number];
      if (b === undefined || b === bucket) continue;
      if (bucket === undefined || bucketKey(b) < bucketKey(bucket)) bucket = b;
    }
    // A table's name has no `/`, so its own bucket is the one its id would name.
    put(entry, bucket ?? bucketFor(entry.table.name, entry.chain.name));
  }
  return all;
}

/** The Service port the group's comments name: on the jumps into its chains, then in them. */
function commentedService(
  chains: readonly IndexedChain[],
  index: RulesetIndex,
): string | undefined {
  const { start } = index.callers;
  for (const entry of chains) {
    // By position rather than callersOf: every group reads its chains' callers.
    for (let k = start[entry.slot] as number; k < (start[entry.slot + 1] as number); k++) {
      const name = ruleServicePort(callerRule(index, k));
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
      ...callersOf(index, entry).map((j) => j.rule),
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
  const groupOf = new Array<ServiceGroup | undefined>(index.chains.length);
  const rank = new Int8Array(index.chains.length);
  // Each group's chain ids, as its buckets bring them: sorted once all are in.
  const ids: NodeId[][] = [];
  for (const { chains: list } of buckets(index, rank)) {
    list.sort(
      (a, b) => (rank[a.slot] as number) - (rank[b.slot] as number) || compareText(a.id, b.id),
    );
    const service = commentedService(list, index);
    const key = service ?? (list[0] as IndexedChain).chain.name;
    // Two buckets naming one Service port (its TCP and UDP chains in one table) are one group.
    let group = groups.get(key);
    if (group) {
      (group.chains as NodeId[]).push(...list.map((c) => c.id));
    } else {
      const chains = list.map((c) => c.id);
      ids.push(chains);
      group = {
        key,
        ...(service === undefined ? {} : { service }),
        // An empty port name's `:` left off, as a person writes the Service.
        label:
          service === undefined
            ? (ruleLabel(list, index) ?? key)
            : service.endsWith(':')
              ? service.slice(0, -1)
              : service,
        labelSource: service === undefined ? 'rules' : 'comment',
        chains,
      };
      groups.set(key, group);
    }
    for (const entry of list) groupOf[entry.slot] = group;
  }
  for (const chains of ids) chains.sort(compareText);
  return { groups, groupOf };
}

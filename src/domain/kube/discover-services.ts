/**
 * Services found in a node's rules: what kube-proxy wrote back into what it
 * stands for. From kube-proxy's comments where it left them (`ns/svc:port
 * cluster IP`, `ns/svc:port -> 10.244.1.5:8080`), and where it did not (large
 * clusters drop most comments) from the rules themselves: the KUBE-SERVICES
 * and KUBE-NODEPORTS entries give the addresses and ports, the KUBE-SVC chain's
 * random split gives each endpoint's share, each KUBE-SEP's DNAT its address.
 *
 * kube-proxy names every chain of one service port with one hash (KUBE-SVC-H,
 * KUBE-EXT-H, KUBE-FW-H, KUBE-SVL-H; v1.9's KUBE-XLB-H), so the hash groups them.
 */
import { kernelProbability } from '../model/ext/probability.ts';
import type { Chain, Rule, Ruleset } from '../model/ruleset.ts';
import { findTable } from '../model/ruleset.ts';

export type AddressKind = 'cluster' | 'external' | 'loadbalancer' | 'nodeport';

export interface ServiceAddress {
  readonly kind: AddressKind;
  /** Absent for a node port (every local address, or those --nodeport-addresses names). */
  readonly ip?: string;
  readonly port: number;
  /** The rule's line in the dump. */
  readonly line?: number;
}

export interface ServiceEndpoint {
  /** `10.244.1.5:8080` as the DNAT writes it. */
  readonly address: string;
  readonly chain: string;
  /** Share of new connections: the kernel's quantised probabilities along the chain. */
  readonly share: number;
}

export interface DiscoveredService {
  /** The chains' hash (`I64SNEMOLCWHJHS3`): stable, unique per service port. */
  readonly id: string;
  /** `namespace/name:port` from a comment; absent when no rule names it. */
  readonly name?: string;
  /** What a person reads: the name, else the first address (`10.96.0.10:80/tcp`). */
  readonly label: string;
  readonly protocol: string;
  readonly addresses: readonly ServiceAddress[];
  readonly endpoints: readonly ServiceEndpoint[];
  /** Every chain of this service port in the dump, KUBE-SEP chains included. */
  readonly chains: readonly string[];
  /** Where the name and kinds came from. */
  readonly from: 'comments' | 'rules';
  /** Session affinity (`-m recent --rcheck`) in front of the random split. */
  readonly affinity: boolean;
  /**
   * kube-proxy answers in filter instead: REJECT when the Service has no
   * endpoints, DROP when traffic policy Local leaves none for outside clients.
   */
  readonly refused?: 'REJECT' | 'DROP';
}

/** kube-proxy's per-Service chains (not KUBE-SEP): `KUBE-SVC-<hash>` and its kin. */
export const SERVICE_CHAIN = /^KUBE-(SVC|SVL|EXT|FW|XLB)-([A-Z0-9]{16})$/;
/**
 * A hash as SERVICE_CHAIN ends in. A draft keyed by one meets its chains when
 * the chains are read; a refused Service no entry names is keyed by its name.
 */
const HASH = /^[A-Z0-9]{16}$/;

/**
 * The first argument of a module's option, in the first match of that module.
 * Loops rather than find(): it runs for every entry rule and endpoint.
 */
function option(rule: Rule, module: string, name: string): string | undefined {
  for (const match of rule.matches) {
    if (match.module !== module) continue;
    for (const o of match.options) if (o.name === name && !o.negated) return o.args[0];
    return undefined;
  }
  return undefined;
}

/** An address as a rule writes it, without the `/32` of a single IPv4 address. */
const hostOf = (value: string): string => (value.endsWith('/32') ? value.slice(0, -3) : value);

const comment = (rule: Rule): string | undefined => option(rule, 'comment', 'comment');

/** `ns/svc:port` from kube-proxy's comments (`… cluster IP`, `… -> ep`, or alone). */
function nameIn(text: string | undefined): string | undefined {
  const m = /^([a-z0-9][-a-z0-9.]*\/[a-z0-9][-a-z0-9.]*:[-a-z0-9]*)(?:$| )/.exec(text ?? '');
  return m?.[1];
}

function kindFromComment(text: string | undefined): AddressKind | undefined {
  if (!text) return undefined;
  if (text.endsWith(' cluster IP')) return 'cluster';
  if (text.endsWith(' external IP')) return 'external';
  if (text.endsWith(' loadbalancer IP')) return 'loadbalancer';
  return undefined;
}

interface Draft {
  id: string;
  refused?: 'REJECT' | 'DROP';
  name?: string;
  protocol?: string;
  /**
   * Its addresses and its chains' names as met (a name more than once when two splits share
   * an endpoint): each list copied as it grows (see withItem), a few items long, rather than
   * pushed to, which would leave room for 17 in each of a big dump's 20,000 lists.
   */
  addresses: readonly ServiceAddress[];
  chains: readonly string[];
  fromComments: boolean;
  /** Its KUBE-SVC, KUBE-SVL and KUBE-XLB chains, met as the chains are read: no name built to find them. */
  split: { SVC?: Chain; SVL?: Chain; XLB?: Chain };
}

function dport(rule: Rule): number | undefined {
  const proto = rule.protocol?.value;
  const text = proto ? option(rule, proto, 'dport') : undefined;
  const port = Number(text);
  return text !== undefined && Number.isInteger(port) ? port : undefined;
}

/** An entry rule of KUBE-SERVICES or KUBE-NODEPORTS into a service chain. */
function addEntry(drafts: Map<string, Draft>, chain: string, rule: Rule): void {
  const target = SERVICE_CHAIN.exec(rule.target?.name ?? '');
  const port = dport(rule);
  if (!target || port === undefined) return;
  const [, prefix, id] = target as unknown as [string, string, string];
  const draft = draftFor(drafts, id);
  const note = comment(rule);
  const name = nameIn(note);
  if (name) {
    draft.name ??= name;
    draft.fromComments = true;
  }
  draft.protocol ??= rule.protocol?.value;
  const destination = rule.destination;
  const ip =
    destination === undefined || destination.negated ? undefined : hostOf(destination.value);
  const kind: AddressKind =
    chain === 'KUBE-NODEPORTS'
      ? 'nodeport'
      : (kindFromComment(note) ??
        (prefix === 'FW' ? 'loadbalancer' : prefix === 'EXT' ? 'external' : 'cluster'));
  const line = rule.origin?.line;
  draft.addresses = withItem(
    draft.addresses,
    addressOf(kind, kind === 'nodeport' ? undefined : ip, port, line),
  );
}

/**
 * An address with its fields in the order they are written, set one by one:
 * a literal with spreads (`...(ip ? { ip } : {})`) makes an object per
 * spread, and there is an address per entry rule.
 */
function addressOf(
  kind: AddressKind,
  ip: string | undefined,
  port: number,
  line: number | undefined,
): ServiceAddress {
  const address: { kind: AddressKind; ip?: string; port?: number; line?: number } = { kind };
  if (ip !== undefined) address.ip = ip;
  address.port = port;
  if (line !== undefined) address.line = line;
  return address as ServiceAddress;
}

/** Names sorted, each once: a Set costs more than it saves for a Service's five chains. */
function sortedUnique(names: string[]): string[] {
  names.sort();
  return names.filter((name, i) => i === 0 || name !== names[i - 1]);
}

/** `list` and then `item`, in an array of just their length (a push or a spread leaves room for more). */
function withItem<T>(list: readonly T[], item: T): T[] {
  const copy = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) copy[i] = list[i] as T;
  copy[list.length] = item;
  return copy;
}

function draftFor(drafts: Map<string, Draft>, id: string): Draft {
  let draft = drafts.get(id);
  if (!draft) {
    draft = { id, addresses: [], chains: [], fromComments: false, split: {} };
    drafts.set(id, draft);
  }
  return draft;
}

/** Each name's first draft, in the drafts' order. */
function firstByName(drafts: ReadonlyMap<string, Draft>): Map<string, Draft> {
  const named = new Map<string, Draft>();
  for (const draft of drafts.values()) {
    if (draft.name !== undefined && !named.has(draft.name)) named.set(draft.name, draft);
  }
  return named;
}

/**
 * Service ports kube-proxy refuses in filter (`… has no endpoints` REJECT,
 * `… has no local endpoints` DROP). Only commented rules are read: without
 * its comment such a rule looks like any firewall's.
 */
function addRefusals(ruleset: Ruleset, drafts: Map<string, Draft>): void {
  const filter = findTable(ruleset, 'filter');
  // The first draft of each name, as a search of the drafts in order finds it: made when first
  // needed, and a map rather than a search since a big cluster can refuse thousands of Services.
  let named: Map<string, Draft> | undefined;
  for (const chain of filter?.chains ?? []) {
    if (!/^KUBE-(SERVICES|EXTERNAL-SERVICES|NODEPORTS)$/.test(chain.name)) continue;
    for (const rule of chain.rules) {
      const verdict = rule.target?.name;
      const note = comment(rule);
      const name = nameIn(note);
      const port = dport(rule);
      if ((verdict !== 'REJECT' && verdict !== 'DROP') || !name || port === undefined) continue;
      if (!/ has no (local )?endpoints$/.test(note ?? '')) continue;
      named ??= firstByName(drafts);
      const known = named.get(name);
      const draft = known ?? draftFor(drafts, name);
      if (!known) named.set(name, draft);
      draft.name = name;
      draft.fromComments = true;
      draft.refused ??= verdict;
      draft.protocol ??= rule.protocol?.value;
      const ip = rule.destination?.negated
        ? undefined
        : rule.destination?.value.replace(/\/32$/, '');
      const local = rule.matches.some((m) => m.module === 'addrtype');
      const line = rule.origin?.line;
      if (!known)
        draft.addresses = withItem(
          draft.addresses,
          addressOf(local ? 'nodeport' : 'cluster', local ? undefined : ip, port, line),
        );
    }
  }
}

/**
 * The endpoints a KUBE-SVC (or SVL/XLB) chain splits between, with the
 * kernel's shares. `endpointChains`: the KUBE-SEP chains by name.
 */
function endpointsOf(
  chain: Chain,
  endpointChains: ReadonlyMap<string, Chain>,
  wantNames: boolean,
): { endpoints: ServiceEndpoint[]; affinity: boolean; names: string[] } {
  const endpoints: ServiceEndpoint[] = [];
  const names: string[] = [];
  let remaining = 1;
  let affinity = false;
  for (const rule of chain.rules) {
    const target = rule.target?.name ?? '';
    if (!target.startsWith('KUBE-SEP-')) continue;
    // Affinity rules (`-m recent --rcheck`) send returning clients back; they take no share.
    if (rule.matches.some((m) => m.module === 'recent')) {
      affinity = true;
      continue;
    }
    const probability = option(rule, 'statistic', 'probability');
    const p = probability === undefined ? 1 : kernelProbability(probability);
    const share = remaining * p;
    remaining -= share;
    const sep = endpointChains.get(target);
    const dnat = sep?.rules.find((r) => r.target?.name === 'DNAT');
    const address = dnat?.target?.options.find((o) => o.name === 'to-destination')?.args[0];
    // Only a Service no entry names is named from its endpoints: the rest need not read them.
    if (wantNames) {
      names.push(
        nameIn(comment(rule)) ?? nameIn(sep && sep.rules[0] && comment(sep.rules[0])) ?? '',
      );
    }
    endpoints.push({ address: address ?? '?', chain: target, share });
  }
  return { endpoints, affinity, names };
}

/** What FoundServices.service does with an index it has no Service for. */
function outOfRange(index: number, count: number): never {
  throw new RangeError(`no Service ${index}: the dump has ${count}`);
}

/** A dump's Services, each worked out when first asked for (see findServices). */
export interface FoundServices {
  readonly count: number;
  /** The Service at `index` (0 ≤ index < count), in discoverServices' order. */
  service(index: number): DiscoveredService;
}

/**
 * The Services of a dump's nat table, in the order their first address
 * appears in KUBE-SERVICES (node ports after).
 *
 * @example
 *   discoverServices(parseDump(SEED_SAVE).ruleset)[0]
 *   // { name: 'default/nginx-service-nodeport:', addresses: [{kind: 'cluster',
 *   //   ip: '10.254.198.92', port: 80}, {kind: 'nodeport', port: 32110}], endpoints: […3] }
 */
export function discoverServices(ruleset: Ruleset): DiscoveredService[] {
  const found = findServices(ruleset);
  return Array.from({ length: found.count }, (_, index) => found.service(index));
}

/**
 * discoverServices in two steps: which Services there are, from the entry chains' rules and
 * the names of the chains (as many as discoverServices finds, in its order), and then each
 * Service's endpoints, from its KUBE-SVC and KUBE-SEP chains' rules, when it is asked for.
 * A dump of 10,000 Services is counted and its first page listed without reading the rules
 * of 40,000 chains.
 */
export function findServices(ruleset: Ruleset): FoundServices {
  const nat = findTable(ruleset, 'nat');
  if (!nat) return { count: 0, service: (index) => outOfRange(index, 0) };
  // One pass over the chains' names, a big dump's 50,000 of them: the two entry chains and
  // the service chains; the last of a name declared twice.
  const entries = new Map<string, Chain>();
  const serviceChains: Chain[] = [];
  for (const chain of nat.chains) {
    const name = chain.name;
    if (name === 'KUBE-SERVICES' || name === 'KUBE-NODEPORTS') entries.set(name, chain);
    else if (SERVICE_CHAIN.test(name)) serviceChains.push(chain);
  }
  const drafts = new Map<string, Draft>();
  for (const entry of ['KUBE-SERVICES', 'KUBE-NODEPORTS']) {
    for (const rule of entries.get(entry)?.rules ?? []) addEntry(drafts, entry, rule);
  }
  addRefusals(ruleset, drafts);
  // Chains reached only through others (KUBE-SVC behind KUBE-EXT) belong to the same hash.
  for (const chain of serviceChains) {
    const name = chain.name;
    const draft = draftFor(drafts, name.slice(-16));
    draft.chains = withItem(draft.chains, name);
    const prefix = name.slice(5, name.indexOf('-', 5));
    if (prefix === 'SVC' || prefix === 'SVL' || prefix === 'XLB') draft.split[prefix] = chain;
  }
  const list = [...drafts.values()];
  // The endpoints by name (for their DNAT), made when a first Service is worked out.
  let endpointChains: Map<string, Chain> | undefined;
  // Every chain by name, for a refused Service keyed by its name (see below): rarely wanted.
  let byName: Map<string, Chain> | undefined;
  const chainNamed = (name: string): Chain | undefined =>
    (byName ??= new Map(nat.chains.map((c) => [c.name as string, c]))).get(name);
  const done: DiscoveredService[] = [];
  const service = (index: number): DiscoveredService => {
    const known = done[index];
    if (known) return known;
    const draft = list[index];
    if (!draft) return outOfRange(index, list.length);
    const seps = (endpointChains ??= new Map(
      nat.chains.flatMap((c): [string, Chain][] =>
        c.name.startsWith('KUBE-SEP-') ? [[c.name, c]] : [],
      ),
    ));
    // A refused Service no entry names is keyed by its name, not a hash: looked up by name.
    const local = (
      HASH.test(draft.id)
        ? [draft.split.SVC, draft.split.SVL, draft.split.XLB]
        : ['SVC', 'SVL', 'XLB'].map((p) => chainNamed(`KUBE-${p}-${draft.id}`))
    ).filter((c): c is Chain => c !== undefined);
    const split = local.map((c) => endpointsOf(c, seps, draft.name === undefined));
    // The cluster-wide chain (KUBE-SVC) holds every endpoint; a local-only one (SVL/XLB) fewer.
    const main = split.find((s) => s.endpoints.length > 0) ?? {
      endpoints: [],
      affinity: false,
      names: [],
    };
    const chains = [...draft.chains];
    for (const s of split) for (const e of s.endpoints) chains.push(e.chain);
    const name = draft.name ?? main.names.find((n) => n !== '');
    const protocol = draft.protocol ?? 'tcp';
    const first = draft.addresses.find((a) => a.ip !== undefined) ?? draft.addresses[0];
    const label =
      name ??
      (first ? `${first.ip ?? 'node port'}:${first.port}/${protocol}` : `KUBE-SVC-${draft.id}`);
    const found: DiscoveredService = {
      id: draft.id,
      ...(name ? { name } : {}),
      label,
      protocol,
      addresses: draft.addresses,
      endpoints: main.endpoints,
      chains: sortedUnique(chains),
      from: draft.fromComments || name !== undefined ? 'comments' : 'rules',
      affinity: split.some((s) => s.affinity),
      ...(draft.refused ? { refused: draft.refused } : {}),
    };
    done[index] = found;
    return found;
  };
  return { count: list.length, service };
}

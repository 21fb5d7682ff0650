/**
 * The mutable state of one packet's walk, and of the kernel between packets:
 * conntrack entries, xt_recent lists, the nth counters of statistic rules.
 */
import type { NodeView } from './node.ts';
import type { CtState, Doubt, Hook, Protocol } from './types.ts';

/** TCP flag bits in the header's order (libxt_tcp's names). */
export const TCP_FLAG_BITS: Readonly<Record<string, number>> = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
};

export const PROTOCOL_NUMBERS: Readonly<Record<Protocol, number>> = {
  icmp: 1,
  tcp: 6,
  udp: 17,
  sctp: 132,
};

/** The packet's header and skb metadata, mutated as targets rewrite it. */
export interface Pkt {
  src: number;
  dst: number;
  protocol: Protocol;
  proto: number;
  sport: number;
  dport: number;
  tcpFlags: number;
  icmpType: number;
  icmpCode: number;
  mark: number;
  length: number;
  ttl: number;
  /** Lower-case source MAC of a packet from outside, '' when unknown or local. */
  srcMac: string;
  /** '' when there is none (OUTPUT has no in-interface). */
  iif: string;
  oif: string;
}

export interface NumTuple {
  readonly src: number;
  readonly dst: number;
  readonly protocol: Protocol;
  readonly sport: number;
  readonly dport: number;
}

/** nf_conn: both tuples, status bits, NAT bindings set up so far. */
export interface Ct {
  original: NumTuple;
  reply: NumTuple;
  mark: number;
  /** IPS_DST_NAT / IPS_SRC_NAT: a binding that changed the tuple. */
  dstNat: boolean;
  srcNat: boolean;
  /** nf_nat_initialized for each manip type: the nat chains ran (or a null binding was made). */
  dnatDone: boolean;
  snatDone: boolean;
  masqueraded: boolean;
  seenReply: boolean;
  confirmed: boolean;
  /** What the connection's first packet's nat rules chose, for the trace. */
  natRules: string[];
}

/** The conntrack view a match sees for the packet being walked. */
export interface CtInfo {
  /** Absent when untracked or invalid. */
  readonly ct?: Ct;
  readonly state: CtState;
  readonly direction: 'ORIGINAL' | 'REPLY';
}

export interface RecentEntry {
  /** Seconds of the simulation clock at which the address was seen (most recent last, ≤ 20). */
  stamps: number[];
  ttl: number;
}

/**
 * The conntrack table as layers: a fork is a new empty layer over its parent, so that every
 * branch of an all-branches run, and every packet of a long scenario, starts from its parent's
 * table without copying it. Lookups go down the layers; writes stay in the top one. A parent
 * is never written once forked, and an entry reached through a parent is copied before it is
 * changed (writable()). Deep stacks are flattened into a frozen base.
 */
export class ConntrackTable {
  private readonly own = new Map<string, Ct | null>();
  /** Entries of a flattened base are frozen: never changed in place. */
  private frozen = false;

  constructor(
    private readonly parent?: ConntrackTable,
    private readonly depth = 0,
  ) {}

  get(key: string): Ct | undefined {
    const value = this.own.get(key);
    if (value !== undefined) return value ?? undefined;
    return this.parent?.get(key);
  }

  set(key: string, ct: Ct): void {
    this.own.set(key, ct);
  }

  delete(key: string): void {
    this.own.set(key, null);
  }

  /** The entry under `key`, safe to change: copied into this layer if another holds it. */
  writable(key: string): Ct | undefined {
    const ct = this.get(key);
    if (!ct || (!this.frozen && this.own.get(key) === ct)) return ct;
    const copy: Ct = { ...ct, natRules: [...ct.natRules] };
    this.own.set(tupleKey(copy.original), copy);
    this.own.set(tupleKey(copy.reply), copy);
    return copy;
  }

  /** A table to change without changing this one. */
  fork(): ConntrackTable {
    if (this.depth < 16) return new ConntrackTable(this, this.depth + 1);
    const base = new ConntrackTable();
    const layers: ConntrackTable[] = [];
    for (let t = this.parent; t; t = t.parent) layers.push(t);
    for (const layer of [...layers.reverse(), this]) {
      for (const [key, ct] of layer.own) {
        if (ct) base.own.set(key, ct);
        else base.own.delete(key);
      }
    }
    base.frozen = true;
    return new ConntrackTable(base, 1);
  }
}

/**
 * What the kernel remembers between packets. Forked (conntrack) or copied (the small rest)
 * for every branch of an all-branches run.
 */
export interface KernelState {
  readonly conntrack: ConntrackTable;
  /** xt_recent list name → address → entry. */
  readonly recent: Map<string, Map<number, RecentEntry>>;
  /** statistic nth counters by rule key. */
  readonly nth: Map<string, number>;
  /** Seconds since the scenario began. */
  now: number;
}

export function emptyKernelState(): KernelState {
  return { conntrack: new ConntrackTable(), recent: new Map(), nth: new Map(), now: 0 };
}

export function cloneKernelState(state: KernelState): KernelState {
  const recent = new Map<string, Map<number, RecentEntry>>();
  for (const [name, list] of state.recent) {
    recent.set(
      name,
      new Map([...list].map(([a, e]) => [a, { stamps: [...e.stamps], ttl: e.ttl }])),
    );
  }
  return { conntrack: state.conntrack.fork(), recent, nth: new Map(state.nth), now: state.now };
}

export const tupleKey = (t: NumTuple): string =>
  `${t.protocol} ${t.src}:${t.sport} ${t.dst}:${t.dport}`;

/** Picks the outcome of a random match: true when it holds. */
export interface Chooser {
  /**
   * A statistic rule with match probability stored/2^31 (`key` names the
   * rule). Returns whether it held.
   */
  random(key: string, stored: number): boolean;
}

/** Everything a match or target may read or change while a rule is evaluated. */
export interface Env {
  readonly node: NodeView;
  readonly state: KernelState;
  readonly chooser: Chooser;
  readonly pkt: Pkt;
  ctinfo: CtInfo;
  hook: Hook;
  table: string;
  /** Set by a match that could not be decided (the rule then counts as not matching). */
  uncertain: string | undefined;
  /** What `uncertain` says, as data: set with it. */
  doubt: Doubt | undefined;
  /** Notes of non-filtering matches that held (limit, nfacct…). */
  notes: string[] | undefined;
  /** Set by a random match: the probability of the result it returned. */
  probability: number | undefined;
  /** Is the packet locally generated (skb->sk set)? */
  readonly local: boolean;
  /** Set by NOTRACK / CT --notrack in raw: conntrack leaves the packet alone. */
  notrack: boolean;
}

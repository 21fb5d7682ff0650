/**
 * The mutable state of one packet's walk, and of the kernel between packets:
 * conntrack entries, xt_recent lists, the nth counters of statistic rules.
 */
import type { NodeView } from './node.ts';
import type { CtState, Hook, Protocol } from './types.ts';

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
 * What the kernel remembers between packets. Copied (copy-on-write at the
 * top level) for every branch of an all-branches run.
 */
export interface KernelState {
  /** Tuple key → entry (each entry is indexed under its original and its reply tuple). */
  readonly conntrack: Map<string, Ct>;
  /** xt_recent list name → address → entry. */
  readonly recent: Map<string, Map<number, RecentEntry>>;
  /** statistic nth counters by rule key. */
  readonly nth: Map<string, number>;
  /** Seconds since the scenario began. */
  now: number;
}

export function emptyKernelState(): KernelState {
  return { conntrack: new Map(), recent: new Map(), nth: new Map(), now: 0 };
}

export function cloneKernelState(state: KernelState): KernelState {
  const conntrack = new Map<string, Ct>();
  const copies = new Map<Ct, Ct>();
  for (const [key, ct] of state.conntrack) {
    let copy = copies.get(ct);
    if (!copy) {
      copy = { ...ct, natRules: [...ct.natRules] };
      copies.set(ct, copy);
    }
    conntrack.set(key, copy);
  }
  const recent = new Map<string, Map<number, RecentEntry>>();
  for (const [name, list] of state.recent) {
    recent.set(
      name,
      new Map([...list].map(([a, e]) => [a, { stamps: [...e.stamps], ttl: e.ttl }])),
    );
  }
  return { conntrack, recent, nth: new Map(state.nth), now: state.now };
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
  /** Notes of non-filtering matches that held (limit, nfacct…). */
  notes: string[] | undefined;
  /** Set by a random match: the probability of the result it returned. */
  probability: number | undefined;
  /** Is the packet locally generated (skb->sk set)? */
  readonly local: boolean;
  /** Set by NOTRACK / CT --notrack in raw: conntrack leaves the packet alone. */
  notrack: boolean;
}

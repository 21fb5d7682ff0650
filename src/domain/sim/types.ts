/**
 * The packet simulator's vocabulary: the node a packet meets, the packet, its
 * conntrack entry, and the trace of what netfilter did to it.
 *
 * Addresses are IPv4 dotted quads (`10.0.0.1`), CIDRs `a.b.c.d/n`. The
 * simulator follows the kernel's IPv4 path (net/ipv4, nf_conntrack, nf_nat,
 * the x_tables matches and targets of iptables-nft).
 */

export type Protocol = 'tcp' | 'udp' | 'sctp' | 'icmp';

/** One network interface of the node. The first address is the primary one. */
export interface NodeInterface {
  readonly name: string;
  /** `10.0.0.1/24`: the address and its on-link prefix (a connected route). */
  readonly addresses: readonly string[];
}

/** A route of the main table (connected routes of interface addresses are implied). */
export interface NodeRoute {
  /** `0.0.0.0/0` for the default route. */
  readonly destination: string;
  readonly dev: string;
  /** Next hop; absent: on-link. */
  readonly via?: string;
}

/**
 * What the kernel of the node knows besides its rules: interfaces, addresses,
 * routes, the sysctls that change a packet's fate, and the contents of ipsets.
 */
export interface NodeModel {
  readonly interfaces: readonly NodeInterface[];
  readonly routes: readonly NodeRoute[];
  /** net.ipv4.ip_forward (Kubernetes nodes: 1). */
  readonly ipForward: boolean;
  /** net.ipv4.conf.all.route_localnet (kube-proxy sets 1 for localhost NodePorts). */
  readonly routeLocalnet: boolean;
  /** ipset name → members (addresses or CIDRs); a set not listed is unknown. */
  readonly ipsets?: Readonly<Record<string, readonly string[]>>;
}

/** A packet as it is written on the wire (or by a local socket). */
export interface PacketSpec {
  readonly src: string;
  readonly dst: string;
  readonly protocol: Protocol;
  /** Absent for ICMP. */
  readonly sport?: number;
  readonly dport?: number;
  /** TCP flags, as libxt_tcp names them; default `SYN` (a connection's first packet). */
  readonly tcpFlags?: readonly string[];
  /** ICMP type and code (default 8/0, echo request). */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /**
   * Where it enters: an interface name of the node (it arrives from outside
   * and takes PREROUTING) or `local` (a process on the node sends it: OUTPUT).
   * Absent: `local` when src is one of the node's addresses, else the
   * interface the route back to src leaves by.
   */
  readonly from?: string;
  /** Total length in bytes (default 60 for TCP SYN, 28 + payload for UDP). */
  readonly length?: number;
  readonly ttl?: number;
  /** skb mark on arrival (default 0). */
  readonly mark?: number;
  /**
   * Source MAC of a packet arriving from outside (`aa:bb:cc:dd:ee:ff`), for
   * `-m mac`; absent: such rules are uncertain.
   */
  readonly srcMac?: string;
}

/** The five-tuple a conntrack entry keys on. */
export interface Tuple {
  readonly src: string;
  readonly dst: string;
  readonly protocol: Protocol;
  readonly sport: number;
  readonly dport: number;
}

export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

/** A connection as nf_conntrack keeps it. */
export interface ConntrackEntry {
  readonly original: Tuple;
  /** The tuple replies carry; differs from the inverted original when NAT applied. */
  readonly reply: Tuple;
  readonly mark: number;
  /** A DNAT (destination) binding was set up, and whether it changed anything. */
  readonly dnat: boolean;
  readonly snat: boolean;
  readonly seenReply: boolean;
  readonly confirmed: boolean;
}

/** Where a step happened: a chain of a table, walked at one hook. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** What a rule's target did, if it did something besides a verdict. */
export type Effect =
  | { readonly kind: 'dnat'; readonly from: string; readonly to: string }
  | {
      readonly kind: 'snat';
      readonly from: string;
      readonly to: string;
      readonly masquerade: boolean;
    }
  | { readonly kind: 'redirect'; readonly from: string; readonly to: string }
  | { readonly kind: 'mark'; readonly from: number; readonly to: number }
  | { readonly kind: 'connmark'; readonly from: number; readonly to: number }
  | { readonly kind: 'log'; readonly target: string }
  | { readonly kind: 'notrack' };

/**
 * Why the simulator cannot be sure of a rule, as data: what `RuleStep.uncertain` says in English.
 * Module, option and target names are iptables' own (`statistic`, `reject-with`, `TPROXY`).
 *
 * A match: `match-unknown` (a module kpviz does not know), `match-not-simulated` (one it knows
 * but does not act out), `option-unknown`, `option-unreadable` (an argument it cannot read),
 * `option-not-simulated` (an option testing what the simulated packet lacks: TCP options,
 * a connection's timeout…), `recent-no-command` (-m recent without --set/--rcheck/…),
 * `ipset-members` (the node model does not list the set), `mac-unknown` (no source MAC given).
 * A target: `target-unknown`, `target-not-simulated`, `target-unreadable` (its options); NAT's
 * random choices: `nat-random-fully` (the source port), `nat-random-port` (a port of a range),
 * `nat-address-hash` (an address of a range), `nat-port-taken` (the port another connection
 * holds: another is picked, `other` shown).
 */
export type Doubt =
  | { readonly kind: 'match-unknown'; readonly module: string }
  | { readonly kind: 'match-not-simulated'; readonly module: string }
  | { readonly kind: 'option-unknown'; readonly module: string; readonly option: string }
  | { readonly kind: 'option-unreadable'; readonly module: string; readonly option: string }
  | { readonly kind: 'option-not-simulated'; readonly module: string; readonly option: string }
  | { readonly kind: 'recent-no-command' }
  | { readonly kind: 'ipset-members'; readonly set: string }
  | { readonly kind: 'mac-unknown' }
  | { readonly kind: 'target-unknown'; readonly target: string }
  | { readonly kind: 'target-not-simulated'; readonly target: string }
  | { readonly kind: 'target-unreadable'; readonly target: string; readonly option: string }
  | { readonly kind: 'nat-random-fully' }
  | { readonly kind: 'nat-random-port'; readonly low: number; readonly high: number }
  | { readonly kind: 'nat-address-hash'; readonly low: string; readonly high: string }
  | {
      readonly kind: 'nat-port-taken';
      readonly address: string;
      readonly port: number;
      readonly other: number;
    };

/** One rule looked at, a run of rules that did not match, or an event of the kernel's path. */
export type Step = RuleStep | SkipStep | EventStep;

/** Consecutive rules of one chain whose matches did not all hold (kept short for big chains). */
export interface SkipStep {
  readonly kind: 'skip';
  readonly hook: Hook;
  readonly table: string;
  readonly chain: string;
  /** 1-based indexes of the first and last rule skipped. */
  readonly first: number;
  readonly last: number;
}

export interface RuleStep {
  readonly kind: 'rule';
  readonly hook: Hook;
  readonly table: string;
  readonly chain: string;
  /** 1-based within its chain, in file order (`-A` order). */
  readonly index: number;
  /** The rule's source line in the dump, when known. */
  readonly line?: number;
  /** Whether all its matches held. */
  readonly matched: boolean;
  /** The first match that failed, as the user would read it (`-m statistic --mode random …`). */
  readonly failed?: string;
  /**
   * The module of the match `failed` names (`statistic`, `addrtype`, `mark`, `tcp`…), for
   * readers that must not parse `failed`. A rule whose ipt_ip part (addresses, protocol,
   * interfaces) fails is never a rule step: it is passed over in a skip step.
   */
  readonly failedModule?: string;
  /** What the target decided: a verdict, a jump, or continue. */
  readonly verdict?: string;
  readonly effect?: Effect;
  /** REJECT's answer (`icmp-port-unreachable`, `tcp-reset`…), as `--reject-with` names it. */
  readonly rejectWith?: string;
  /** Why the result is not certain (an unknown match, an ipset with unknown members). */
  readonly uncertain?: string;
  /** What `uncertain` says, as data, for translations: one doubt per reason it joins. */
  readonly doubts?: readonly Doubt[];
  /** Matches that held without filtering (limit, nfacct…) and their note. */
  readonly notes?: readonly string[];
  /** A random branch taken: the probability of this match result. */
  readonly probability?: number;
  /** Header after the rule acted. */
  readonly packet: PacketState;
}

export interface EventStep {
  readonly kind: 'event';
  readonly hook?: Hook;
  readonly table?: string;
  readonly chain?: string;
  readonly event:
    | 'enter'
    | 'conntrack'
    | 'nat-skipped'
    | 'nat-reverse'
    | 'policy'
    | 'route'
    | 'reroute'
    | 'martian'
    | 'deliver'
    | 'forward'
    | 'confirm'
    | 'drop'
    | 'loopback';
  /** English description; the UI translates from `event` and `detail`. */
  readonly text: string;
  /**
   * The values `text` names (addresses, chain, interface), for translations; for `route`,
   * `martian` and `drop` events also `kind` (a RouteKind, a MartianKind, a DropKind): what was
   * decided, which the values alone do not tell. A `drop` event's detail is its `verdict`
   * (DROP or REJECT), its English `reason` and a DropCause's fields.
   */
  readonly detail?: Readonly<Record<string, string | number>>;
  readonly packet: PacketState;
}

/**
 * What routing decided, as a `route` event's `detail.kind`. An arriving packet
 * (ip_route_input): `local` (an address of the node, or a broadcast: INPUT), `forward` (out of
 * `detail.dev`: FORWARD), `unreachable` (no route: dropped), `no-forwarding` (not for the node
 * and ip_forward is 0: dropped). A locally generated one (ip_route_output, before OUTPUT):
 * `out` (leaves by `detail.dev`, `lo` for the node itself), `out-unreachable` (the socket gets
 * ENETUNREACH, and nothing is sent).
 */
export type RouteKind =
  'local' | 'forward' | 'unreachable' | 'no-forwarding' | 'out' | 'out-unreachable';

/**
 * Why ip_route_input calls an arriving packet a martian, as a `martian` event's `detail.kind`
 * (beside the packet's `src` and `dst`): a multicast or broadcast source, 0.0.0.0/8 either way,
 * 127.0.0.0/8 from outside while route_localnet is 0 (either way), or one of the node's own
 * addresses as the source.
 */
export type MartianKind =
  | 'source-broadcast'
  | 'source-zeronet'
  | 'destination-zeronet'
  | 'source-localnet'
  | 'destination-localnet'
  | 'source-own';

/**
 * Why a walk ended with the packet dropped or rejected, as a `drop` event's detail: `rule` (a
 * rule's target decided, `table/CHAIN#n`: DROP, REJECT, or a target that could not act), `queue`
 * (a rule's QUEUE: no userspace program is simulated), `policy` (a built-in chain's DROP),
 * `martian` (ip_route_input refused the addresses), `no-route` (nothing routes `dst`),
 * `no-forwarding` (not for the node, and ip_forward is 0), `multicast` (multicast routing is
 * not simulated).
 */
export type DropCause =
  | { readonly kind: 'rule'; readonly rule: string }
  | { readonly kind: 'queue'; readonly rule: string }
  | { readonly kind: 'policy'; readonly table: string; readonly chain: string }
  | { readonly kind: 'martian'; readonly martian: MartianKind }
  | { readonly kind: 'no-route'; readonly dst: string }
  | { readonly kind: 'no-forwarding' }
  | { readonly kind: 'multicast' };

export type DropKind = DropCause['kind'];

/** The header and metadata of the packet at one moment. */
export interface PacketState {
  readonly src: string;
  readonly dst: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly protocol: Protocol;
  readonly mark: number;
  readonly inInterface?: string;
  readonly outInterface?: string;
  readonly ctState?: CtState;
}

export type Verdict = 'ACCEPT' | 'DROP' | 'REJECT';

/** How a packet's walk ended. */
export interface Outcome {
  /**
   * Exact probability of this outcome: in all-branches mode, of every path
   * that leads to it; in a single run, of the path taken (1 without random matches).
   */
  readonly probability: number;
  readonly verdict: Verdict;
  /**
   * Where an accepted packet goes: `local` (a socket of the node), `forward`
   * (routed on, out of outInterface), `output` (sent by the node out of
   * outInterface); null when dropped or rejected.
   */
  readonly delivery: 'local' | 'forward' | 'output' | null;
  readonly outInterface?: string;
  /** Why it ended: the rule (`filter/KUBE-SERVICES#3`), a policy, routing. */
  readonly reason: string;
  /** `ip:port` after DNAT/REDIRECT, or null when the destination was not rewritten. */
  readonly dnat: string | null;
  /** The source after SNAT/MASQUERADE, or null. */
  readonly snat: string | null;
  readonly masqueraded: boolean;
  /** The header as it leaves (or is delivered). */
  readonly final: PacketState;
  /** `table/CHAIN#n` of every rule whose matches all held, in walk order, repeats kept. */
  readonly rules: readonly string[];
  readonly steps: readonly Step[];
  /** The conntrack entry after the packet (absent when dropped before confirmation). */
  readonly conntrack?: ConntrackEntry;
  /** Reasons the outcome is not certain; empty when it is. */
  readonly uncertain: readonly string[];
}

export interface Trace {
  readonly packet: PacketSpec;
  /** `local` (OUTPUT) or the interface it arrived on. */
  readonly from: string;
  /** One outcome (single run) or every distinct outcome (all branches), most likely first. */
  readonly outcomes: readonly Outcome[];
}

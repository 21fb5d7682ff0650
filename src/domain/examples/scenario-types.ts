/**
 * The vocabulary of the named scenarios: a cluster's Services and
 * EndpointSlices, the node kube-proxy runs on, and packets with what kube-proxy
 * and the kernel do to each. Plain data, so the simulator, its CLI, the
 * kernel-truth tests and the UI can all read it.
 */
import type { NodeSettings, ProfileName } from '../kube/node-settings.ts';
import type { KubeObject, Protocol as KubeProtocol } from '../kube/objects.ts';
import type { CtState, Hook, NodeModel, PacketSpec } from '../sim/types.ts';

export interface Scenario {
  /** Stable, kebab-case: `nodeport-external`. */
  readonly id: string;
  /** Short English title. */
  readonly title: string;
  /** 1–3 sentences: what happens and why (kube-proxy and kernel facts). */
  readonly summary: string;
  /** The Services and EndpointSlices as Kubernetes YAML (what `kubectl apply` takes). */
  readonly manifest: string;
  /** `manifest` as readKubeObjects reads it. */
  readonly objects: readonly KubeObject[];
  /** kube-proxy's settings; callers override `profile` to run both 'current' and 'legacy'. */
  readonly node: NodeSettings;
  /** The node's interfaces, routes and sysctls. */
  readonly model: NodeModel;
  /** The service port the packets are sent to. */
  readonly servicePort: ServicePortRef;
  /**
   * Chains the packets go through, per profile, that the generated rules must
   * hold. A name ending in `-` (`KUBE-SVC-`, `KUBE-SEP-`) stands for that
   * chain of `servicePort` (every endpoint's, for `KUBE-SEP-`); other names
   * are fixed chains (`KUBE-NODEPORTS`, `KUBE-MARK-DROP`).
   */
  readonly relies: Readonly<Record<ProfileName, readonly string[]>>;
  /** Chains, named as in `relies`, that a profile must not write for this scenario. */
  readonly lacks?: Partial<Record<ProfileName, readonly string[]>>;
  /** In order: later packets see the conntrack and `recent` state earlier ones left. */
  readonly packets: readonly ScenarioPacket[];
}

/** One port of one Service: what kube-proxy calls a service port. */
export interface ServicePortRef {
  readonly namespace: string;
  readonly service: string;
  /** The port's name; '' for an unnamed port. */
  readonly portName: string;
  readonly protocol: KubeProtocol;
}

export type ScenarioPacket = ScenarioRequest | ScenarioReply;

/** A packet a client sends: a connection's first packet, or a later one of it. */
export interface ScenarioRequest {
  readonly label: string;
  readonly reply?: false;
  readonly packet: PacketSpec;
  readonly expect: ScenarioExpectation;
  /** Where a profile's outcome differs from `expect`. */
  readonly expectByProfile?: Partial<Record<ProfileName, ScenarioExpectation>>;
}

/**
 * The endpoint's answer to an earlier request, sent back to the address the
 * connection's conntrack entry expects (the masquerade address, or the
 * client). Its addresses and ports are the reply tuple of the request's
 * conntrack entry (replyFor() derives them from the simulator's outcome for
 * the request); under a profile where the request is not accepted there is no
 * connection, and no reply.
 */
export interface ScenarioReply {
  readonly label: string;
  readonly reply: true;
  /** Index in `packets` of the request this answers. */
  readonly of: number;
  /** Header fields besides the addresses and ports (TCP flags). */
  readonly packet?: Partial<PacketSpec>;
  readonly expect: ScenarioExpectation;
  readonly expectByProfile?: Partial<Record<ProfileName, ScenarioExpectation>>;
}

export type ExpectedVerdict = 'ACCEPT' | 'DROP' | 'REJECT';

export interface ScenarioExpectation {
  readonly verdict: ExpectedVerdict;
  /**
   * Where an accepted packet goes: to a local socket, forwarded out of an
   * interface, or (sent by a local process) out of an interface; null when
   * it is dropped or rejected.
   */
  readonly delivery: 'local' | 'forward' | 'output' | null;
  /**
   * The destinations a nat-table DNAT rule may rewrite the packet to, each
   * with its probability (they sum to 1); `to: null` when no DNAT rule acts.
   * Probabilities are the kernel's: kube-proxy's `--probability` text
   * quantised to round(p·2^31)/2^31 (endpointShares()). A reply runs no nat
   * rule, so its only branch is `{ to: null }`: conntrack rewrites it
   * instead, as `final` says.
   */
  readonly dnat: readonly DnatBranch[];
  /**
   * Whether MASQUERADE rewrites the source; 'depends' when it differs between
   * `dnat` branches (each branch then says). A MASQUERADE that finds the
   * source already the out interface's address changes nothing, and the
   * kernel records no source NAT (nf_nat_setup_info): false. Replies are
   * never masqueraded: conntrack undoes their connection's NAT.
   */
  readonly masqueraded: boolean | 'depends';
  /** The conntrack state netfilter sees for the packet. */
  readonly ctState: CtState;
  /** This packet reaches whichever destination packet `sameAsPacket` (an index in `packets`) reached. */
  readonly sameAsPacket?: number;
  /** For DROP and REJECT: the hook and chain of the rule whose target decided. */
  readonly verdictAt?: { readonly hook: Hook; readonly table: string; readonly chain: string };
  /** For REJECT: the ICMP error sent back, as iptables names it (REJECT's default). */
  readonly rejectWith?: 'icmp-port-unreachable';
  /** The header as it leaves or is delivered, `ip:port` (given for replies). */
  readonly final?: { readonly src: string; readonly dst: string };
  readonly note?: string;
}

export interface DnatBranch {
  /** `ip:port` the destination becomes, or null: not rewritten. */
  readonly to: string | null;
  readonly probability: number;
  /** This branch's masquerading, when the expectation says 'depends' (hairpin). */
  readonly masqueraded?: boolean;
  /** The source MASQUERADE picks: the primary address of the interface the packet leaves by. */
  readonly snat?: string;
  /** The interface the packet leaves by. */
  readonly outInterface?: string;
}

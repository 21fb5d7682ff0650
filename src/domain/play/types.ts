/**
 * A scenario played packet by packet: the packets a conversation sends (a client's first
 * packet, the endpoint's answer, the client's next packet on the same connection), each
 * traced by the simulator with the kernel state the earlier ones left, and the frames a
 * player shows one at a time.
 */
import type { Hook, Outcome, PacketSpec, PacketState, Step, Tuple } from '../sim/types.ts';
import type { RandomSplit } from './split.ts';

/** Who sends a packet of the conversation. */
export type LegRole = 'request' | 'reply' | 'again';

/** One packet of a conversation as the script asks for it. */
export type ScriptPacket =
  /** A client's packet: a new connection, or one the state of earlier packets decides. */
  | { readonly kind: 'send'; readonly label: string; readonly packet: PacketSpec }
  /**
   * The endpoint's answer to the packet at index `of`: the reply tuple of that packet's
   * conntrack entry, so it goes to the masquerade address when there was one.
   */
  | {
      readonly kind: 'reply';
      readonly label: string;
      readonly of: number;
      readonly packet?: Partial<PacketSpec>;
    }
  /** The client's next packet on the connection the packet at index `of` opened. */
  | {
      readonly kind: 'again';
      readonly label: string;
      readonly of: number;
      readonly packet?: Partial<PacketSpec>;
    };

/**
 * How a random split is decided: drawn (reproducibly, from `seed`), or the branch that
 * DNATs to `dnat` (`172.17.0.2:80`) when the rules can take it.
 */
export type EndpointChoice =
  | { readonly kind: 'random'; readonly seed: number }
  | { readonly kind: 'endpoint'; readonly dnat: string };

/** One packet of the conversation as the simulator traced it. */
export interface Leg {
  readonly role: LegRole;
  readonly label: string;
  readonly packet: PacketSpec;
  /** `local` or the interface it arrived on. */
  readonly from: string;
  readonly outcome: Outcome;
  /**
   * `table/CHAIN` → the random split of each chain the packet went through that has one, as
   * split.ts reads it from the parsed rules (leg-splits.ts). Absent from converse's legs: it
   * walks compiled rules, and the session, which holds the parsed ones, adds them.
   */
  readonly splits?: Readonly<Record<string, RandomSplit>>;
}

/** The fields of a packet the inspector shows, and that a step can change. */
export type PacketField =
  | 'src'
  | 'sport'
  | 'dst'
  | 'dport'
  | 'protocol'
  | 'mark'
  | 'ctState'
  | 'inInterface'
  | 'outInterface';

/** A connection's tuples as nf_conntrack holds them at one moment. */
export interface ConntrackView {
  readonly original: Tuple;
  /** What a reply will carry: the inverted original, rewritten by each NAT binding made. */
  readonly reply: Tuple;
  /** Whether the entry is in the table (confirmed as the packet left or was delivered). */
  readonly confirmed: boolean;
}

/** One step of one packet, as the player shows it. */
export interface Frame {
  /** Index of its packet in the conversation. */
  readonly leg: number;
  readonly role: LegRole;
  /** Index of the step in its packet's trace. */
  readonly index: number;
  readonly step: Step;
  /** Where it happened; absent for events outside the hooks (routing, delivery). */
  readonly hook?: Hook;
  readonly table?: string;
  readonly chain?: string;
  /** A rule step's 1-based index in its chain. */
  readonly rule?: number;
  /** The packet before and after the step. */
  readonly before: PacketState;
  readonly after: PacketState;
  /** The fields that differ between `before` and `after`. */
  readonly changed: readonly PacketField[];
  /** The connection, once conntrack has looked the packet up. */
  readonly conntrack?: ConntrackView;
}

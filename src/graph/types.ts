/**
 * The netfilter graph as data: what the React Flow view draws, built from a
 * Ruleset without React (src/graph sits between the domain and the UI).
 *
 * Three kinds of node: the hooks of the packet-flow picture (network in,
 * PREROUTING, routing decision, INPUT, local process, OUTPUT, FORWARD,
 * POSTROUTING, network out), one node per table at each hook (raw, mangle,
 * nat, filter, security, in priority order), and one node per user chain
 * listing its rules. Every node has an explicit size, so React Flow can render
 * only what is visible.
 */

export type HookName = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** A stable id: the same chain or hook has the same id after the rules are regenerated. */
export type NodeId = string;

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Position {
  readonly x: number;
  readonly y: number;
}

/** A step of the pipeline that is not a chain: where packets come from and go. */
export interface StageNode {
  readonly kind: 'stage';
  readonly id: NodeId;
  readonly stage: 'network-in' | 'routing-in' | 'local-process' | 'routing-out' | 'network-out';
  readonly position: Position;
  readonly size: Size;
}

/** A built-in chain of one table at one hook (`nat PREROUTING`). */
export interface HookTableNode {
  readonly kind: 'hook';
  readonly id: NodeId;
  readonly hook: HookName;
  readonly table: string;
  /** The dump has rules in it (the view emphasises these). */
  readonly hasRules: boolean;
  /**
   * What happens to a packet that falls off the end of this chain (no rule
   * decided on it). buildGraph always sets it. The view draws it as the
   * node's last row (rows.ts: `policy`); the hook's outgoing flow edge
   * carries on from there for ACCEPT (and a rule's ACCEPT), while DROP ends
   * the packet's way, so that flow edge carries only what a rule accepted.
   */
  readonly policy?: 'ACCEPT' | 'DROP';
  /**
   * Set when the dump does not declare this chain (a table it leaves out, or a
   * kube-proxy restore text without the built-ins): `policy` is then the
   * kernel's default, ACCEPT, not something the dump says.
   */
  readonly policyAssumed?: boolean;
  readonly rules: readonly RuleLine[];
  /** The chain's number of rules when `rules` leaves some out (see ChainNode.ruleCount). */
  readonly ruleCount?: number;
  readonly position: Position;
  readonly size: Size;
}

/** A user chain (`KUBE-SERVICES`, `KUBE-SVC-…`, `DOCKER`). */
export interface ChainNode {
  readonly kind: 'chain';
  readonly id: NodeId;
  readonly table: string;
  readonly chain: string;
  /** What a hashed name stands for: `default/nginx:http`, `10.244.1.5:8080`; absent for plain names. */
  readonly label?: string;
  /** Where the label came from. */
  readonly labelSource?: 'comment' | 'rules';
  /** kube-proxy's chain kinds, for colour and grouping; 'other' for any non-kube chain. */
  readonly role: ChainRole;
  /** The Service port the chain belongs to (`namespace/name:port`), for focus. */
  readonly service?: string;
  /**
   * The key servicesOf gives the chain's Service, which buildGraph's `focus`
   * takes: `service` where comments name it, else the name of the Service's
   * KUBE-SVC chain (a dump without comments). Absent for chains of no Service.
   */
  readonly serviceKey?: string;
  /**
   * The rules shown, in chain order. A long chain (KUBE-SERVICES of a big
   * cluster) shows its first and last rules, the rules whose jumps lead to a
   * node in the graph, and leaves the rest out: `ruleCount` then says how
   * many the chain has, and a gap between two lines' `index` is a run left out
   * (see bodyRows in rows.ts).
   */
  readonly rules: readonly RuleLine[];
  /** The chain's number of rules when `rules` leaves some out; absent when it holds them all. */
  readonly ruleCount?: number;
  readonly collapsed: boolean;
  readonly position: Position;
  readonly size: Size;
}

export type ChainRole =
  | 'services'
  | 'nodeports'
  | 'service'
  | 'external'
  | 'firewall'
  | 'local'
  | 'endpoint'
  | 'mark'
  | 'postrouting'
  | 'forward'
  | 'filter'
  | 'other';

export type GraphNode = StageNode | HookTableNode | ChainNode;

/** One rule as a line of its chain's node. */
export interface RuleLine {
  /** `table/CHAIN#n`, as the simulator and counters name rules. */
  readonly key: string;
  /** n of the key: the rule's 1-based position in its chain. */
  readonly index: number;
  /** Target as written (`KUBE-SVC-…`, `DNAT`, `RETURN`), or '' for none. */
  readonly target: string;
  /** The target's options in short form: `to 10.244.1.5:8080`, `or 0x4000`, `random-fully`. */
  readonly targetSummary?: string;
  /**
   * The node of the chain the rule jumps or goes to, whether the graph shows
   * it or not; absent for verdicts, extensions and chains the
   * dump does not declare.
   */
  readonly targetId?: NodeId;
  readonly goto: boolean;
  /** Matches in short human form: `tcp dpt:80 dst 10.96.0.10`, `random 33.3%`, `mark 0x4000/0x4000`. */
  readonly summary: string;
  readonly comment?: string;
  /** The rule as iptables-save writes it. */
  readonly text: string;
  /** Source line in the dump. */
  readonly line?: number;
  /** Packet counter from a `-c` / `-v` dump. */
  readonly packets?: bigint;
  /** What the simulator cannot be sure of in this rule (absent when it acts all of it out). */
  readonly unsupported?: readonly string[];
}

export type EdgeKind = 'flow' | 'jump' | 'goto' | 'return';

/**
 * An edge. Ids are stable: `flow:SOURCE->TARGET` for the pipeline,
 * `jump:KEY` / `goto:KEY` for a rule's edge (a rule has one target).
 *
 * Handles: every node has one target handle, where flow, jump and goto edges
 * arrive. A jump or goto leaves from its rule's line: the React Flow source
 * handle id is the rule key (`sourceRule`), placed by handlePlaces (handles.ts);
 * a collapsed node has no lines, so its jumps leave from the node's own source
 * handle, as flow edges do. A user chain's end needs no edge: packets go back
 * to the rule after the jump (after a goto, to the rule after the jump that
 * led there), and a RETURN rule does the same early (its line says RETURN).
 * 'return' edges are not drawn.
 */
export interface GraphEdge {
  readonly id: string;
  readonly kind: EdgeKind;
  readonly source: NodeId;
  /** For jump/goto: the rule the edge leaves from (a handle per rule line). */
  readonly sourceRule?: string;
  readonly target: NodeId;
}

export interface Graph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /**
   * How many of the dump's user chains are left out (per-Service chains of a big dump, until
   * asked for, or the chains outside a focus). A rule's targetId that no node has is one of them.
   * A count, not a list: a 30,000-Service dump leaves out 150,000 chains, and copying their ids
   * to the page held it for ~75 ms.
   */
  readonly hiddenCount: number;
}

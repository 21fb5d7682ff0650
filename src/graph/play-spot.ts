/**
 * Where a played step happens on the graph: the chain (or pipeline stage) and the rule line
 * the packet is at, and the point the player's packet marker sits on, in the graph's own
 * coordinates. Pure, so the marker moves by a transform and the node list is never rebuilt.
 */
import type { Frame } from '../domain/play/types.ts';
import type { Hook } from '../domain/sim/types.ts';
import { chainId, ruleKey, stageId } from './ids.ts';
import { handleOffset } from './rows.ts';
import { HEADER_HEIGHT } from './sizes.ts';
import type { Graph, GraphNode, NodeId } from './types.ts';

export interface PlaySpot {
  readonly node: NodeId;
  /** The rule line (`nat/KUBE-SERVICES#2`), for a rule step. */
  readonly rule?: string;
  /** The marker's centre: just left of the node, level with the rule's line or the header. */
  readonly x: number;
  readonly y: number;
}

/** The tables in the order the kernel calls them at a hook (nat's SNAT half aside). */
const TABLE_ORDER = ['raw', 'mangle', 'nat', 'filter', 'security'] as const;

/** Where, on the node's left edge, the marker sits. */
const MARKER_GAP = 12;

/** The first (or last) table node drawn at a hook. */
function hookNode(graph: Graph, hook: Hook, last: boolean): GraphNode | undefined {
  const order = last ? [...TABLE_ORDER].reverse() : TABLE_ORDER;
  for (const table of order) {
    const node = graph.nodes.find((n) => n.id === chainId(table, hook));
    if (node) return node;
  }
  return undefined;
}

/** The node an event happens at, if it happens at one. */
function eventNode(graph: Graph, frame: Frame, local: boolean): GraphNode | undefined {
  const { step } = frame;
  if (step.kind !== 'event') return undefined;
  const byId = (id: NodeId) => graph.nodes.find((n) => n.id === id);
  if (step.table !== undefined && step.hook !== undefined)
    return byId(chainId(step.table, step.hook));
  switch (step.event) {
    case 'enter':
      return byId(stageId(local ? 'local-process' : 'network-in'));
    case 'route':
      return byId(stageId(local ? 'routing-out' : 'routing-in'));
    case 'reroute':
      return byId(stageId('routing-out'));
    case 'deliver':
      return byId(stageId('local-process'));
    case 'forward':
      return byId(stageId('network-out'));
    case 'loopback':
      return byId(stageId('network-in'));
    case 'conntrack':
      // nf_conntrack_in runs at priority -200: after raw, before mangle and nat.
      return step.hook === undefined ? undefined : hookNode(graph, step.hook, false);
    case 'confirm':
      // nf_conntrack_confirm runs last at POSTROUTING and INPUT.
      return step.hook === undefined ? undefined : hookNode(graph, step.hook, true);
    default:
      // A drop or a martian happens where the packet already is.
      return undefined;
  }
}

/**
 * The spot of `frame` on `graph`, or undefined when the graph does not draw where it
 * happens (a chain a focus hides) or it happens where the packet already is.
 *
 * @example
 *   playSpot(graph, frame, false); // { node: 'nat/KUBE-SERVICES', rule: 'nat/KUBE-SERVICES#2', x: 288, y: 437 }
 */
export function playSpot(graph: Graph, frame: Frame, local: boolean): PlaySpot | undefined {
  const { step } = frame;
  if (step.kind === 'rule' || step.kind === 'skip') {
    const id = chainId(step.table, step.chain);
    const node = graph.nodes.find((n) => n.id === id);
    if (!node || node.kind === 'stage') return undefined;
    const key = ruleKey(step.table, step.chain, step.kind === 'rule' ? step.index : step.last);
    const offset = handleOffset(node, key);
    return {
      node: id,
      ...(offset === undefined ? {} : { rule: key }),
      x: node.position.x - MARKER_GAP,
      y: node.position.y + (offset ?? HEADER_HEIGHT / 2),
    };
  }
  const node = eventNode(graph, frame, local);
  if (!node) return undefined;
  const y = node.kind === 'stage' ? node.size.height / 2 : HEADER_HEIGHT / 2;
  return { node: node.id, x: node.position.x - MARKER_GAP, y: node.position.y + y };
}

/**
 * The spot of the frame shown, or of the last earlier frame of its packet that has one (a
 * drop happens where the packet already is). `local` says whether a leg starts at a process
 * of the node.
 *
 * @example
 *   stepSpot(graph, playback.frames, step, (leg) => playback.legs[leg]?.from === 'local');
 */
export function stepSpot(
  graph: Graph,
  frames: readonly Frame[],
  step: number,
  local: (leg: number) => boolean,
): PlaySpot | undefined {
  const leg = frames[step]?.leg;
  for (let i = step; i >= 0; i--) {
    const frame = frames[i] as Frame;
    if (frame.leg !== leg) return undefined;
    const spot = playSpot(graph, frame, local(frame.leg));
    if (spot) return spot;
  }
  return undefined;
}

/** What the graph shows of a packet's walk so far, up to the frame shown. */
export interface PlayMarks {
  /** Rules whose matches did not all hold, in the packet's walk so far (the step shown's too): passed over. */
  readonly passed: readonly string[];
  /** Rules that matched before the one shown: the way the packet came. */
  readonly taken: readonly string[];
}

/** A run of skipped rules marks at most this many lines (a 10,000-rule chain stays cheap). */
const MAX_SKIP_MARKS = 500;

/**
 * The rules passed over and taken by the packet of frame `step`, before it.
 *
 * @example
 *   playMarks(frames, 9); // { passed: ['nat/KUBE-SERVICES#1'], taken: ['nat/PREROUTING#1', …] }
 */
export function playMarks(frames: readonly Frame[], step: number): PlayMarks {
  const shown = frames[step];
  if (!shown) return { passed: [], taken: [] };
  const passed: string[] = [];
  const taken: string[] = [];
  // The frame shown counts when it passes rules over; a rule it looks at is the current one.
  for (let i = step; i >= 0; i--) {
    const frame = frames[i] as Frame;
    if (frame.leg !== shown.leg) break;
    const s = frame.step;
    if (s.kind === 'rule' && i < step)
      (s.matched ? taken : passed).push(ruleKey(s.table, s.chain, s.index));
    else if (s.kind === 'skip')
      for (let n = s.first; n <= Math.min(s.last, s.first + MAX_SKIP_MARKS - 1); n++)
        passed.push(ruleKey(s.table, s.chain, n));
  }
  return { passed, taken };
}

/**
 * The edge the packet follows from one node to the next: a jump's (from the rule that
 * jumped), a flow edge of the pipeline, or one walked backwards (a RETURN to the caller).
 */
export function edgeBetween(
  graph: Graph,
  from: PlaySpot,
  to: PlaySpot,
): { readonly id: string; readonly reverse: boolean } | undefined {
  if (from.node === to.node) return undefined;
  const forward =
    graph.edges.find(
      (e) => e.source === from.node && e.target === to.node && e.sourceRule === from.rule,
    ) ?? graph.edges.find((e) => e.source === from.node && e.target === to.node);
  if (forward) return { id: forward.id, reverse: false };
  const back = graph.edges.find((e) => e.source === to.node && e.target === from.node);
  return back && { id: back.id, reverse: true };
}

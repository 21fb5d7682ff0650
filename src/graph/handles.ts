/**
 * Where a node's edges meet it: the view's handles (node-handles.tsx) and the ends of the
 * drawing's edges (export-drawing.ts) are placed here, so both draw an edge from the same point.
 */
import { bodyRows } from './rows.ts';
import { HEADER_HEIGHT, LINE_HEIGHT } from './sizes.ts';
import type { Graph, GraphNode } from './types.ts';

/** The handles every node has besides its rule lines' (a rule's handle is named by its key). */
export const IN_HANDLE = 'in';
export const OUT_HANDLE = 'out';

export interface HandlePlace {
  readonly id: string;
  /** Edges arrive at a target handle, on the node's left; they leave from a source, on its right. */
  readonly type: 'source' | 'target';
  /** The handle's middle, from the node's top-left corner. */
  readonly x: number;
  readonly y: number;
}

/**
 * A node's handles: jumps and the packet's flow arrive level with a chain's header (so an edge
 * into a long chain meets its name) or a stage's middle; a rule with an edge leaving it has a
 * handle in the middle of its line (rows.ts); the flow carries on from a hook's policy line, a
 * chain's middle (where a collapsed chain's jumps leave too), a stage's middle. `ruleKeys`: the
 * rules with an edge leaving them (ruleHandleKeys), if any.
 *
 * @example
 *   handlePlaces(seedServicesNode, new Set(['nat/KUBE-SERVICES#1'])).map((h) => [h.id, h.y]);
 *   // [['in', 14], ['nat/KUBE-SERVICES#1', 37], ['out', 23]]
 */
export function handlePlaces(
  node: GraphNode,
  ruleKeys: ReadonlySet<string> | undefined,
): HandlePlace[] {
  const { width, height } = node.size;
  if (node.kind === 'stage') {
    return [
      { id: IN_HANDLE, type: 'target', x: 0, y: height / 2 },
      { id: OUT_HANDLE, type: 'source', x: width, y: height / 2 },
    ];
  }
  const places: HandlePlace[] = [{ id: IN_HANDLE, type: 'target', x: 0, y: HEADER_HEIGHT / 2 }];
  let out = height / 2;
  for (const row of bodyRows(node)) {
    const middle = row.top + LINE_HEIGHT / 2;
    if (row.kind === 'rule' && ruleKeys?.has(row.rule.key) === true)
      places.push({ id: row.rule.key, type: 'source', x: width, y: middle });
    if (row.kind === 'policy') out = middle;
  }
  places.push({ id: OUT_HANDLE, type: 'source', x: width, y: out });
  return places;
}

/** The rules with an edge leaving them, by node: those have a handle. A collapsed chain shows no lines. */
export function ruleHandleKeys(graph: Graph): Map<string, Set<string>> {
  const collapsed = new Set(
    graph.nodes.filter((node) => node.kind === 'chain' && node.collapsed).map((node) => node.id),
  );
  const byNode = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    if (edge.sourceRule === undefined || collapsed.has(edge.source)) continue;
    const keys = byNode.get(edge.source) ?? new Set<string>();
    keys.add(edge.sourceRule);
    byNode.set(edge.source, keys);
  }
  return byNode;
}

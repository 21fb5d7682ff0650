/**
 * The general-purpose layout, for chain graphs that are not kube-proxy's
 * (Docker's, a host firewall's): dagre's layered layout, left to right,
 * which keeps edge crossings down where no domain knowledge orders the
 * chains. It costs about a second at 2,000 nodes, so the view runs it in
 * a worker (layout.worker.ts); tests and Node call it directly.
 */
import dagre from '@dagrejs/dagre';
import { compareText } from './compare.ts';
import { CHAIN_AREA_X } from './domain-layout.ts';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.ts';
import { applyLayout, layoutRequest } from './layout-protocol.ts';
import type { Graph } from './types.ts';

/** Between ranks (columns): room for the edges to fan out. */
const RANK_GAP = 160;
/** Between nodes of one rank. */
const NODE_GAP = 16;

/**
 * Places a request's movable nodes with dagre. The chains land in the chain
 * area, right of the pipeline, with the first rank of chains at its left
 * edge and the top chain at y = 0. Nodes are fed to dagre in id order, so
 * the result does not depend on the order of the dump.
 *
 * @example
 *   dagreLayout(layoutRequest(graph, 1)).positions[0]; // ['filter/DOCKER', 2760, 0]
 */
export function dagreLayout(request: LayoutRequest): LayoutResponse {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: RANK_GAP, nodesep: NODE_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const nodes = [...request.nodes].sort((a, b) => compareText(a.id, b.id));
  for (const node of nodes) g.setNode(node.id, { width: node.width, height: node.height });
  const edges = [...request.edges].sort(
    (a, b) => compareText(a.source, b.source) || compareText(a.target, b.target),
  );
  for (const edge of edges) {
    if (edge.source !== edge.target) g.setEdge(edge.source, edge.target);
  }
  dagre.layout(g);

  const placed = nodes
    .filter((n) => !n.fixed)
    .map((n) => {
      const { x, y } = g.node(n.id) as { x: number; y: number };
      // dagre gives centres; React Flow wants top-left corners.
      return [n.id, x - n.width / 2, y - n.height / 2] as const;
    });
  const left = Math.min(...placed.map(([, x]) => x));
  const top = Math.min(...placed.map(([, , y]) => y));
  return {
    id: request.id,
    positions: placed.map(([id, x, y]) => [id, x - left + CHAIN_AREA_X, y - top]),
  };
}

/**
 * The graph with its chains placed by dagre; the pipeline stays as the
 * domain layout drew it.
 *
 * @example
 *   const laidOut = layoutWithDagre(buildGraph(dockerRuleset));
 */
export function layoutWithDagre(graph: Graph): Graph {
  return applyLayout(graph, dagreLayout(layoutRequest(graph, 0)));
}

/**
 * Keeping the picture still across edits. A layout computed afresh orders
 * each column by the chains' own properties, so a Service added in the
 * middle of that order would push every Service after it down. Given the
 * graph shown before, chain nodes that were in it keep their positions, and
 * only the new ones look for room: in their Service's lane if it was shown,
 * else below everything, in the fresh layout's arrangement. A chain that
 * grew (KUBE-SERVICES gets a rule per Service) first fills the room the
 * fresh layout left under it (GROWTH_ROOM), and only then pushes the chains
 * below it down, never sideways and never past each other.
 */
import { box, firstFreeY } from './positions.ts';
import type { Box } from './positions.ts';
import type { ChainNode, Graph, NodeId, Position } from './types.ts';

const laneOf = (node: ChainNode): string => node.serviceKey ?? '';

/**
 * Positions for the chain nodes: the previous ones where there were, moved
 * down only if a node above grew into them; fresh ones for the rest.
 *
 * @example
 *   anchorPositions(graph, freshPositions, previousGraph, 16, 40);
 */
export function anchorPositions(
  graph: Graph,
  fresh: ReadonlyMap<NodeId, Position>,
  previous: Graph,
  nodeGap: number,
  laneGap: number,
): Map<NodeId, Position> {
  const before = new Map<NodeId, Position>();
  for (const node of previous.nodes) if (node.kind === 'chain') before.set(node.id, node.position);
  const chains = graph.nodes.filter((n): n is ChainNode => n.kind === 'chain');
  const kept = chains.filter((n) => before.has(n.id));
  const added = chains.filter((n) => !before.has(n.id));

  const out = new Map<NodeId, Position>();
  const placed: Box[] = [];
  const place = (node: ChainNode, wanted: Position): void => {
    const y = firstFreeY(box(wanted, node.size), placed, nodeGap);
    out.set(node.id, { x: wanted.x, y });
    placed.push(box({ x: wanted.x, y }, node.size));
  };

  // Top to bottom, so a node that grew pushes the ones under it, not the ones above.
  const at = (n: ChainNode): Position => before.get(n.id) as Position;
  kept.sort((a, b) => at(a).y - at(b).y || at(a).x - at(b).x);
  for (const node of kept) place(node, at(node));

  const laneTop = new Map<string, number>();
  const freshLaneTop = new Map<string, number>();
  for (const node of kept) {
    laneTop.set(laneOf(node), Math.min(laneTop.get(laneOf(node)) ?? Infinity, at(node).y));
  }
  for (const node of chains) {
    const y = (fresh.get(node.id) as Position).y;
    freshLaneTop.set(laneOf(node), Math.min(freshLaneTop.get(laneOf(node)) ?? Infinity, y));
  }
  const freshY = (n: ChainNode): number => (fresh.get(n.id) as Position).y;
  const bottom = placed.reduce((max, b) => Math.max(max, b.y + b.height + laneGap), 0);
  const newLanes = added.filter((n) => !laneTop.has(laneOf(n)));
  const newTop = Math.min(...newLanes.map(freshY));

  added.sort((a, b) => freshY(a) - freshY(b));
  for (const node of added) {
    const lane = laneOf(node);
    const freshPosition = fresh.get(node.id) as Position;
    const top = laneTop.get(lane);
    const y =
      top === undefined
        ? bottom + (freshPosition.y - newTop)
        : top + (freshPosition.y - (freshLaneTop.get(lane) as number));
    place(node, { x: freshPosition.x, y });
  }
  return out;
}

import type { GraphNode, NodeId } from '../../graph/types.ts';

export type Direction = 'left' | 'right' | 'up' | 'down';

export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

const centre = (node: GraphNode) => ({
  x: node.position.x + node.size.width / 2,
  y: node.position.y + node.size.height / 2,
});

/**
 * The node an arrow key moves to: the nearest one whose centre lies that way,
 * preferring nodes in line with this one (an off-axis step counts double), as
 * spatial navigation on a page does.
 *
 * @example
 *   nearestNode(graph.nodes, 'nat/KUBE-SERVICES', 'right'); // 'nat/KUBE-SVC-…'
 */
export function nearestNode(
  nodes: readonly GraphNode[],
  from: NodeId,
  direction: Direction,
): NodeId | undefined {
  const start = nodes.find((node) => node.id === from);
  if (start === undefined) return undefined;
  const origin = centre(start);
  let best: { id: NodeId; score: number } | undefined;
  for (const node of nodes) {
    if (node.id === from) continue;
    const { x, y } = centre(node);
    const dx = x - origin.x;
    const dy = y - origin.y;
    const [along, across] = direction === 'left' || direction === 'right' ? [dx, dy] : [dy, dx];
    const ahead = direction === 'left' || direction === 'up' ? -along : along;
    if (ahead <= 0) continue;
    const score = ahead + 2 * Math.abs(across);
    if (best === undefined || score < best.score) best = { id: node.id, score };
  }
  return best?.id;
}

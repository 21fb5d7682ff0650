import { Handle, Position, type NodeHandle } from '@xyflow/react';
import { memo } from 'react';
import { handlePlaces } from '../../graph/handles.ts';
import type { GraphNode } from '../../graph/types.ts';

/** The side of a handle's square. */
const HANDLE_SIZE = 6;

/**
 * A node's handles (handlePlaces) as React Flow takes them: each a square, its corner from the
 * node's. Given with the node, they let React Flow draw its edges before it has measured the
 * node, or without ever measuring it (a node out of view is not mounted). `ruleKeys`: the rules
 * with an edge leaving them.
 *
 * @example
 *   nodeHandles(seedServicesNode, new Set(['nat/KUBE-SERVICES#1'])).map((h) => [h.id, h.y]);
 *   // [['in', 11], ['nat/KUBE-SERVICES#1', 34], ['out', 20]]
 */
export function nodeHandles(
  node: GraphNode,
  ruleKeys: ReadonlySet<string> | undefined,
): NodeHandle[] {
  return handlePlaces(node, ruleKeys).map((place) => ({
    id: place.id,
    type: place.type,
    position: place.type === 'target' ? Position.Left : Position.Right,
    x: place.x - HANDLE_SIZE / 2,
    y: place.y - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  }));
}

/**
 * A node's handles, each drawn where nodeHandles told React Flow it is (React Flow's stylesheet
 * centres a handle on the node's side). They are the node's own children, not its rows': the
 * rows come in a deferred render after the node, and a handle that came with them would have to
 * be measured again (a React Flow update of every node at once, the longest task after a new
 * dump showed).
 */
export const NodeHandles = memo(function NodeHandles({
  handles,
}: {
  handles: readonly NodeHandle[];
}) {
  return handles.map((handle) => (
    <Handle
      key={handle.id}
      type={handle.type}
      position={handle.position}
      id={handle.id}
      isConnectable={false}
      style={{ top: handle.y + HANDLE_SIZE / 2, width: HANDLE_SIZE, height: HANDLE_SIZE }}
    />
  ));
});

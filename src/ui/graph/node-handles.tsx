import { Handle, Position, type NodeHandle } from '@xyflow/react';
import { memo } from 'react';
import { bodyRows } from '../../graph/rows.ts';
import { HEADER_HEIGHT, LINE_HEIGHT } from '../../graph/sizes.ts';
import type { GraphNode } from '../../graph/types.ts';

/** The handles every node has besides its rule lines' (a rule's handle is named by its key). */
export const IN_HANDLE = 'in';
export const OUT_HANDLE = 'out';

/** The side of a handle's square: graph.css `.gnode .react-flow__handle`. */
export const HANDLE_SIZE = 6;

/** A handle centred at `y` on the node's left or right side, as React Flow takes it. */
function handleAt(
  id: string,
  type: 'source' | 'target',
  side: Position.Left | Position.Right,
  nodeWidth: number,
  y: number,
): NodeHandle {
  const x = side === Position.Left ? 0 : nodeWidth;
  return {
    id,
    type,
    position: side,
    x: x - HANDLE_SIZE / 2,
    y: y - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  };
}

/**
 * A node's handles, where the view draws them (NodeHandles) and React Flow takes them without
 * measuring: jumps and the packet's flow arrive level with a chain's header (so an edge into a
 * long chain meets its name) or a stage's middle; a rule with an edge leaving it has a handle
 * in the middle of its line (rows.ts); the flow carries on from a hook's policy line, a chain's
 * middle, a stage's middle. `ruleHandles`: the rules with an edge leaving them.
 *
 * @example
 *   nodeHandles(seedServicesNode, new Set(['nat/KUBE-SERVICES#1'])).map((h) => [h.id, h.y]);
 *   // [['in', 11], ['nat/KUBE-SERVICES#1', 34], ['out', 20]]
 */
export function nodeHandles(node: GraphNode, ruleHandles: ReadonlySet<string>): NodeHandle[] {
  const { width, height } = node.size;
  if (node.kind === 'stage') {
    return [
      handleAt(IN_HANDLE, 'target', Position.Left, width, height / 2),
      handleAt(OUT_HANDLE, 'source', Position.Right, width, height / 2),
    ];
  }
  const handles = [handleAt(IN_HANDLE, 'target', Position.Left, width, HEADER_HEIGHT / 2)];
  let out = height / 2;
  for (const row of bodyRows(node)) {
    const middle = row.top + LINE_HEIGHT / 2;
    if (row.kind === 'rule' && ruleHandles.has(row.rule.key))
      handles.push(handleAt(row.rule.key, 'source', Position.Right, width, middle));
    if (row.kind === 'policy') out = middle;
  }
  handles.push(handleAt(OUT_HANDLE, 'source', Position.Right, width, out));
  return handles;
}

/**
 * A node's handles, each placed where nodeHandles told React Flow it is. They are the node's own
 * children, not its rows': the rows come in a deferred render after the node, and a handle
 * that came with them would have to be measured again (a React Flow update of every node
 * at once, the longest task after a new dump showed).
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
      style={{ top: handle.y + HANDLE_SIZE / 2 }}
    />
  ));
});

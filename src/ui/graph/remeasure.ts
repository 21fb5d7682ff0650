import { useStoreApi } from '@xyflow/react';
import { cssString } from '../../graph/ids.ts';

type FlowStore = ReturnType<typeof useStoreApi>;

/**
 * The CSS selector of React Flow's element for node `id` (ids hold slashes, and may hold quotes).
 *
 * @example
 *   container.querySelector(nodeSelector('nat/KUBE-SERVICES'));
 */
export const nodeSelector = (id: string): string => `.react-flow__node[data-id=${cssString(id)}]`;

/** Nodes waiting for the next frame's measuring, by the React Flow store they are in. */
const waiting = new WeakMap<FlowStore, Set<string>>();

/**
 * Has React Flow measure a node's handles again in the next frame, with every other node
 * asked for in this one, in one update: a new dump's rows come in for all its nodes at once,
 * and one React Flow update (and forced layout) per node made the longest task after it showed.
 *
 * @example
 *   remeasure(useStoreApi(), 'nat/KUBE-SERVICES');
 */
export function remeasure(store: FlowStore, node: string): void {
  const nodes = waiting.get(store);
  if (nodes) {
    nodes.add(node);
    return;
  }
  waiting.set(store, new Set([node]));
  requestAnimationFrame(() => {
    const ids = waiting.get(store) ?? new Set<string>();
    waiting.delete(store);
    const { domNode, updateNodeInternals } = store.getState();
    const updates = new Map<string, { id: string; nodeElement: HTMLDivElement; force: true }>();
    for (const id of ids) {
      const nodeElement = domNode?.querySelector<HTMLDivElement>(nodeSelector(id));
      if (nodeElement) updates.set(id, { id, nodeElement, force: true });
    }
    if (updates.size > 0) updateNodeInternals(updates, { triggerFitView: false });
  });
}

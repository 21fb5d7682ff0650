import { useUpdateNodeInternals } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/**
 * Tells React Flow when a node's rule handles change (a chain shown or hidden
 * elsewhere adds or drops an edge): it measures handles only when a node
 * resizes, and a new handle on a line does not resize the node.
 */
export function useRuleHandles(node: string, handles: ReadonlySet<string>): void {
  const updateNodeInternals = useUpdateNodeInternals();
  const key = [...handles].join('\n');
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    updateNodeInternals(node);
  }, [key, node, updateNodeInternals]);
}

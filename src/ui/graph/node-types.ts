import type { NodeTypes } from '@xyflow/react';
import { ChainNodeView } from './chain-node.tsx';
import { HookNodeView } from './hook-node.tsx';
import { StageNodeView } from './stage-node.tsx';

/**
 * The node components by Graph node kind. Defined once at module level: React
 * Flow re-mounts every node when it is handed a new nodeTypes object.
 */
export const NODE_TYPES: NodeTypes = {
  stage: StageNodeView,
  hook: HookNodeView,
  chain: ChainNodeView,
};

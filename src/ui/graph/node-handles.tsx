import { Handle, Position } from '@xyflow/react';
import { HEADER_HEIGHT } from '../../graph/sizes.ts';
import { IN_HANDLE } from './flow-elements.ts';

// Level with the header, so an edge into a long chain arrives at its name, not halfway down.
const AT_HEADER = { top: HEADER_HEIGHT / 2 };

/** Where jumps, gotos and the packet's flow arrive at a chain. */
export function InHandle() {
  return (
    <Handle
      type="target"
      position={Position.Left}
      id={IN_HANDLE}
      isConnectable={false}
      style={AT_HEADER}
    />
  );
}

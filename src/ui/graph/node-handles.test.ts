import { Position } from '@xyflow/react';
import { handleOffset } from '../../graph/rows.ts';
import { HEADER_HEIGHT, NODE_WIDTH } from '../../graph/sizes.ts';
import type { ChainNode, GraphNode, HookTableNode } from '../../graph/types.ts';
import { IN_HANDLE, OUT_HANDLE } from '../../graph/handles.ts';
import { nodeHandles } from './node-handles.tsx';
import { SVC, TEST_GRAPH } from './test-graph.ts';

const node = <T extends GraphNode>(id: string): T => TEST_GRAPH.nodes.find((n) => n.id === id) as T;

/** Each handle's id, side and middle: what an edge meets. */
const middles = (handles: ReturnType<typeof nodeHandles>) =>
  handles.map((h) => ({
    id: h.id,
    type: h.type,
    position: h.position,
    x: h.x + (h.width ?? 0) / 2,
    y: h.y + (h.height ?? 0) / 2,
  }));

describe('nodeHandles', () => {
  it('puts a jump’s handle on its rule line, where the drawing for export leaves from', () => {
    const service = node<ChainNode>(`nat/${SVC}`);
    const handles = middles(nodeHandles(service, new Set([`nat/${SVC}#1`, `nat/${SVC}#3`])));
    expect(handles).toEqual([
      { id: IN_HANDLE, type: 'target', position: Position.Left, x: 0, y: HEADER_HEIGHT / 2 },
      {
        id: `nat/${SVC}#1`,
        type: 'source',
        position: Position.Right,
        x: NODE_WIDTH,
        y: handleOffset(service, `nat/${SVC}#1`),
      },
      {
        id: `nat/${SVC}#3`,
        type: 'source',
        position: Position.Right,
        x: NODE_WIDTH,
        y: handleOffset(service, `nat/${SVC}#3`),
      },
      // A chain's own way out (a collapsed chain's jumps leave from it): its middle.
      {
        id: OUT_HANDLE,
        type: 'source',
        position: Position.Right,
        x: NODE_WIDTH,
        y: service.size.height / 2,
      },
    ]);
    expect(handles[1]?.y).toBe(HEADER_HEIGHT + 9);
    expect(handles[2]?.y).toBe(HEADER_HEIGHT + 2 * 18 + 9);
  });

  it('carries a hook’s flow on from its policy line, a stage’s from its middle', () => {
    const hook = node<HookTableNode>('nat/PREROUTING');
    const out = nodeHandles(hook, new Set()).find((h) => h.id === OUT_HANDLE);
    // One rule line, then the policy's: the last line of the node.
    expect(out && out.y + (out.height ?? 0) / 2).toBe(hook.size.height - 9);
    const stage = node('stage:network-in');
    expect(middles(nodeHandles(stage, new Set()))).toEqual([
      { id: IN_HANDLE, type: 'target', position: Position.Left, x: 0, y: 20 },
      { id: OUT_HANDLE, type: 'source', position: Position.Right, x: 160, y: 20 },
    ]);
  });

  it('gives a collapsed chain no rule handles', () => {
    const service = { ...node<ChainNode>(`nat/${SVC}`), collapsed: true };
    expect(nodeHandles(service, new Set([`nat/${SVC}#1`])).map((h) => h.id)).toEqual([
      IN_HANDLE,
      OUT_HANDLE,
    ]);
  });
});

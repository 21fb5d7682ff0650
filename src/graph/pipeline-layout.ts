/**
 * The pipeline drawn like the classic netfilter diagram: packets come in on
 * the left, the forwarded path runs straight across the top, and the path
 * to and from local processes dips below it, down through INPUT and back up
 * through OUTPUT:
 *
 *   in → PREROUTING → routing → FORWARD → POSTROUTING → out
 *                        ↓                    ↑
 *                        ↓                 routing
 *                      INPUT               OUTPUT
 *                           ↘  local   ↗
 *                              process
 *
 * Each hook's tables stack downwards in the order the kernel runs them.
 */
import { chainId, stageId } from './ids.ts';
import { hookTables } from './pipeline.ts';
import { NODE_WIDTH, STAGE_SIZE } from './sizes.ts';
import type { GraphNode, HookName, NodeId, Position, StageNode } from './types.ts';

/** Room between pipeline columns for the flow edges. */
const COLUMN_GAP = 80;
const COLUMN_PITCH = NODE_WIDTH + COLUMN_GAP;
/** Room between rows, where the flow edges turn. */
const ROW_GAP = 60;
/** Between the tables of one hook. */
const STACK_GAP = 12;

type Slot = { readonly column: number; readonly row: number } & (
  { readonly hook: HookName } | { readonly stage: StageNode['stage'] }
);

const SLOTS: readonly Slot[] = [
  { stage: 'network-in', column: 0, row: 0 },
  { hook: 'PREROUTING', column: 1, row: 0 },
  { stage: 'routing-in', column: 2, row: 0 },
  { hook: 'FORWARD', column: 3, row: 0 },
  { hook: 'POSTROUTING', column: 4, row: 0 },
  { stage: 'network-out', column: 5, row: 0 },
  { stage: 'routing-out', column: 4, row: 1 },
  { hook: 'INPUT', column: 2, row: 2 },
  { hook: 'OUTPUT', column: 4, row: 2 },
  { stage: 'local-process', column: 3, row: 3 },
];

/** The pipeline's width: the chain columns start to the right of it. */
export const PIPELINE_WIDTH = 6 * COLUMN_PITCH - COLUMN_GAP;

/**
 * Positions of the stage and hook-table nodes.
 *
 * @example
 *   pipelinePositions(graph.nodes).get('stage:network-in'); // { x: 100, y: 0 }
 */
export function pipelinePositions(nodes: readonly GraphNode[]): Map<NodeId, Position> {
  const heights = new Map<NodeId, number>();
  for (const node of nodes) heights.set(node.id, node.size.height);
  const height = (id: NodeId): number => heights.get(id) ?? 0;
  const stackHeight = (slot: Slot): number =>
    'hook' in slot
      ? hookTables(slot.hook).reduce(
          (sum, table, i) => sum + (i ? STACK_GAP : 0) + height(chainId(table, slot.hook)),
          0,
        )
      : STAGE_SIZE.height;

  const rowHeights = [0, 0, 0, 0];
  for (const slot of SLOTS) {
    rowHeights[slot.row] = Math.max(rowHeights[slot.row] as number, stackHeight(slot));
  }
  const rowTop = (row: number): number =>
    rowHeights.slice(0, row).reduce((sum, h) => sum + h + ROW_GAP, 0);

  const positions = new Map<NodeId, Position>();
  for (const slot of SLOTS) {
    const x = slot.column * COLUMN_PITCH;
    let y = rowTop(slot.row);
    if ('stage' in slot) {
      positions.set(stageId(slot.stage), { x: x + (NODE_WIDTH - STAGE_SIZE.width) / 2, y });
      continue;
    }
    for (const table of hookTables(slot.hook)) {
      const id = chainId(table, slot.hook);
      positions.set(id, { x, y });
      y += height(id) + STACK_GAP;
    }
  }
  return positions;
}

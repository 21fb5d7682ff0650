/**
 * Node sizes. The graph gives every node an explicit size so that React Flow
 * can lay out and cull nodes without measuring the DOM first; the view must
 * draw a node's header and each body row (rows.ts) at exactly these heights,
 * or edges would leave from the wrong line.
 */
import type { Size } from './types.ts';

/** Width of a chain or hook-table node: room for a target and a short summary. */
export const NODE_WIDTH = 360;
/** The title bar: chain name (or table and hook) and the label. */
export const HEADER_HEIGHT = 28;
/** One rule line, gap marker or policy line. */
export const LINE_HEIGHT = 18;
/** A stage of the pipeline (network in, routing decision, local process…). */
export const STAGE_SIZE: Size = { width: 160, height: 40 };

/**
 * The size of a node with `rows` body rows; a collapsed node is its header.
 *
 * @example
 *   nodeSize(3, false); // { width: 360, height: 82 }
 *   nodeSize(3, true); // { width: 360, height: 28 }
 */
export function nodeSize(rows: number, collapsed: boolean): Size {
  return {
    width: NODE_WIDTH,
    height: collapsed ? HEADER_HEIGHT : HEADER_HEIGHT + rows * LINE_HEIGHT,
  };
}

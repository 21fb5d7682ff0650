import type { GraphNode } from '../../graph/types.ts';

/** How many heat levels a rule can show, 0 (no packets) through HEAT_LEVELS. */
export const HEAT_LEVELS = 4;

/**
 * The largest packet counter of any rule drawn, or 0n when the dump had none
 * (a dump without `-c` or `-v` has no counters to compare).
 */
export function maxPackets(nodes: readonly GraphNode[]): bigint {
  let max = 0n;
  for (const node of nodes) {
    if (node.kind === 'stage') continue;
    for (const rule of node.rules)
      if (rule.packets !== undefined && rule.packets > max) max = rule.packets;
  }
  return max;
}

/**
 * A rule's heat level against the busiest rule, on a log scale: counters span
 * orders of magnitude (a catch-all rule sees every packet, one endpoint a third
 * of one Service's), so a linear scale would leave all but one rule cold.
 *
 * @example
 *   heatLevel(1000n, 1000n); // 4
 *   heatLevel(0n, 1000n);    // 0
 */
export function heatLevel(packets: bigint | undefined, max: bigint): number {
  if (packets === undefined || packets <= 0n || max <= 0n) return 0;
  const share = Math.log1p(Number(packets)) / Math.log1p(Number(max));
  return Math.max(1, Math.ceil(share * HEAT_LEVELS));
}

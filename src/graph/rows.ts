/**
 * A chain node's body, row by row, as the view draws it: the rule lines, a
 * marker where lines were left out of a long chain, a built-in chain's
 * policy. Sizes (sizes.ts) and handle positions come from the same rows, so
 * the view and the layout agree on where each rule's edge leaves.
 */
import { HEADER_HEIGHT, LINE_HEIGHT } from './sizes.ts';
import type { ChainNode, HookTableNode, RuleLine } from './types.ts';

export type BodyRow =
  | { readonly kind: 'rule'; readonly rule: RuleLine; readonly top: number }
  /** Rules `from`–`to` (1-based, inclusive) are left out here. */
  | { readonly kind: 'gap'; readonly from: number; readonly to: number; readonly top: number }
  /** A user chain without rules: packets return at once. */
  | { readonly kind: 'empty'; readonly top: number }
  /**
   * A built-in chain's end: packets no rule decided on get the policy. The
   * hook's outgoing flow edge carries on from here.
   */
  | { readonly kind: 'policy'; readonly policy: 'ACCEPT' | 'DROP'; readonly top: number };

interface Body {
  readonly rules: readonly RuleLine[];
  readonly ruleCount?: number;
}

/** How many rows `bodyRows` gives, without building them (for sizes). */
export function rowCount(body: Body, hasPolicy: boolean): number {
  let rows = body.rules.length + (hasPolicy ? 1 : 0);
  let next = 1;
  for (const rule of body.rules) {
    if (rule.index > next) rows++;
    next = rule.index + 1;
  }
  if (body.ruleCount !== undefined && body.ruleCount >= next) rows++;
  if (!hasPolicy && body.rules.length === 0 && !(body.ruleCount ?? 0)) rows++;
  return rows;
}

/**
 * The rows of a node's body, each with its top relative to the node's top
 * (below the header). A collapsed chain has none.
 *
 * @example
 *   bodyRows(kubeServicesNode).map((r) => r.kind); // ['rule', 'rule', 'gap', 'rule']
 */
export function bodyRows(node: ChainNode | HookTableNode): BodyRow[] {
  if (node.kind === 'chain' && node.collapsed) return [];
  const rows: BodyRow[] = [];
  const top = (): number => HEADER_HEIGHT + rows.length * LINE_HEIGHT;
  let next = 1;
  for (const rule of node.rules) {
    if (rule.index > next) rows.push({ kind: 'gap', from: next, to: rule.index - 1, top: top() });
    rows.push({ kind: 'rule', rule, top: top() });
    next = rule.index + 1;
  }
  if (node.ruleCount !== undefined && node.ruleCount >= next) {
    rows.push({ kind: 'gap', from: next, to: node.ruleCount, top: top() });
  }
  if (node.kind === 'hook') {
    rows.push({ kind: 'policy', policy: node.policy ?? 'ACCEPT', top: top() });
  } else if (rows.length === 0) {
    rows.push({ kind: 'empty', top: top() });
  }
  return rows;
}

/**
 * Where a rule's source handle sits: the middle of its line, from the node's
 * top. A collapsed node, or a rule the node leaves out, has none: the view
 * then attaches the rule's edge to the node's own source handle.
 *
 * @example
 *   handleOffset(seedServicesNode, 'nat/KUBE-SERVICES#1'); // 37 (28 + 18 / 2)
 */
export function handleOffset(node: ChainNode | HookTableNode, key: string): number | undefined {
  const row = bodyRows(node).find((r) => r.kind === 'rule' && r.rule.key === key);
  return row && row.top + LINE_HEIGHT / 2;
}

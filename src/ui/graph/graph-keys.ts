import type { KeyboardEvent } from 'react';
import type { GraphSelection } from '../../store/graph-slice.ts';
import { ARROW_DIRECTIONS, type Direction } from './nearest-node.ts';

/** A rule's line in a chain's body (node-body.tsx): focusable from its chain, not by Tab. */
export const RULE_LINE = 'li.rule-line[data-rule]';

export interface GraphKeyActions {
  /** Select a chain or a rule; `reveal` brings it into view first. */
  select: (selection: GraphSelection, reveal: boolean) => void;
  /** Go to the nearest chain that way from this one, focusing it; false where there is none. */
  move: (from: string, direction: Direction) => boolean;
}

const linesOf = (node: HTMLElement): HTMLElement[] => [
  ...node.querySelectorAll<HTMLElement>(RULE_LINE),
];

/** Whether a line lies outside the graph's visible box (the canvas pans by transforms). */
function outOfView(line: HTMLElement): boolean {
  const box = line.closest('.react-flow')?.getBoundingClientRect();
  if (!box) return false;
  const at = line.getBoundingClientRect();
  return at.top < box.top || at.bottom > box.bottom || at.left < box.left || at.right > box.right;
}

function focusLine(line: HTMLElement, node: string, actions: GraphKeyActions): void {
  const rule = line.dataset.rule;
  line.focus({ preventScroll: true });
  if (rule !== undefined) actions.select({ node, rule }, outOfView(line));
}

/**
 * The graph's keys, the way a list inside a group works. On a chain: Enter or Space selects it
 * and moves into its rules; the arrows go to the nearest chain that way. On a rule line: ↑ ↓
 * Home End move between the chain's rules (selecting each), Enter or Space selects it, Escape
 * goes back to the chain, ← → to the nearest chain that way.
 *
 * @example
 *   <ReactFlow onKeyDown={(event) => onGraphKey(event, actions)} />
 */
export function onGraphKey(event: KeyboardEvent<HTMLElement>, actions: GraphKeyActions): void {
  const element = event.target;
  if (!(element instanceof HTMLElement) || event.altKey || event.ctrlKey || event.metaKey) return;
  const node = element.closest<HTMLElement>('.react-flow__node');
  const id = node?.dataset.id;
  if (!node || id === undefined) return;
  const direction = ARROW_DIRECTIONS[event.key];
  if (element === node) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      actions.select({ node: id }, false);
      linesOf(node)[0]?.focus({ preventScroll: true });
    } else if (direction && actions.move(id, direction)) event.preventDefault();
    return;
  }
  if (!element.matches(RULE_LINE)) return;
  const lines = linesOf(node);
  const at = lines.indexOf(element);
  const target: Record<string, number | undefined> = {
    ArrowUp: at - 1,
    ArrowDown: at + 1,
    Home: 0,
    End: lines.length - 1,
  };
  const next = target[event.key];
  if (next !== undefined) {
    event.preventDefault();
    const line = lines[next];
    if (line) focusLine(line, id, actions);
    else if (next < 0) node.focus();
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    focusLine(element, id, actions);
  } else if (event.key === 'Escape') {
    event.preventDefault();
    node.focus();
  } else if ((direction === 'left' || direction === 'right') && actions.move(id, direction)) {
    event.preventDefault();
  }
}

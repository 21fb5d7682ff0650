import { useKpvizStore } from '../../store/store.ts';
import { useGraphHighlight } from './graph-highlight.ts';

/** The state classes every graph node shares: selected, and found by the search. */
export function useNodeClasses(node: string, ...base: string[]): string {
  const selected = useKpvizStore((state) => state.selection?.node === node);
  const matched = useGraphHighlight().nodes.has(node);
  const classes = ['gnode', ...base];
  if (selected) classes.push('is-selected');
  if (matched) classes.push('is-match');
  return classes.join(' ');
}

import { createContext, useContext } from 'react';
import { nodeOfRule } from '../../graph/ids.ts';
import type { SearchResult } from '../../session/protocol.ts';

/** What the search found, as the nodes draw it: matched chains and rule lines stand out. */
export interface GraphHighlight {
  readonly nodes: ReadonlySet<string>;
  readonly rules: ReadonlySet<string>;
}

/**
 * What a search result lights up: the rules it found, and the chains it matched by name or
 * label (one holding a matching rule shows the rule instead).
 */
export function searchHighlight(search: SearchResult): GraphHighlight {
  const rules = new Set(search.rules);
  const withRules = new Set(search.rules.map(nodeOfRule));
  return { nodes: new Set(search.nodes.filter((node) => !withRules.has(node))), rules };
}

const NOTHING: GraphHighlight = { nodes: new Set(), rules: new Set() };

/**
 * The search highlight, handed down by the canvas. A context rather than node
 * data, so a new query re-renders the nodes without rebuilding React Flow's node list.
 */
export const GraphHighlightContext = createContext<GraphHighlight>(NOTHING);

export const useGraphHighlight = (): GraphHighlight => useContext(GraphHighlightContext);

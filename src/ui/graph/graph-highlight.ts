import { createContext, useContext } from 'react';

/** What the search found, as the nodes draw it: matched chains and rule lines stand out. */
export interface GraphHighlight {
  readonly nodes: ReadonlySet<string>;
  readonly rules: ReadonlySet<string>;
}

const NOTHING: GraphHighlight = { nodes: new Set(), rules: new Set() };

/**
 * The search highlight, handed down by the canvas. A context rather than node
 * data, so a new query re-renders the nodes without rebuilding React Flow's node list.
 */
export const GraphHighlightContext = createContext<GraphHighlight>(NOTHING);

export const useGraphHighlight = (): GraphHighlight => useContext(GraphHighlightContext);

import type { StateCreator } from 'zustand';
import { ruleLineOf } from '../graph/rule-lines.ts';
import type { NodeId } from '../graph/types.ts';
import { selectGraph } from './graph-selectors.ts';
import type { KpvizState } from './store.ts';

/** Which of the two views of a dump is showing. */
export type MainView = 'graph' | 'rules';

/** A chain (or hook table) picked in the graph, and optionally one of its rules. */
export interface GraphSelection {
  readonly node: NodeId;
  /** `table/CHAIN#n`, as the graph names rule lines. */
  readonly rule?: string;
}

/** A request to bring a node into view; `seq` makes the same node count again. */
export interface RevealRequest {
  readonly node: NodeId;
  readonly seq: number;
}

/** What the user has asked the graph to show; the Graph itself is derived (graph-selectors.ts). */
export interface GraphViewState {
  view: MainView;
  /** The Service port (`namespace/name:port`) whose chains alone are shown, or null for all. */
  focus: string | null;
  /** Chains the builder leaves out of a big dump that the user asked to see. */
  expanded: readonly NodeId[];
  /** Chains shown as their header only. */
  collapsed: readonly NodeId[];
  selection: GraphSelection | null;
  searchQuery: string;
  reveal: RevealRequest | null;
}

export interface GraphSlice extends GraphViewState {
  setView: (view: MainView) => void;
  /** Show only one Service's chains (null: every chain). */
  setFocus: (service: string | null) => void;
  toggleCollapsed: (node: NodeId) => void;
  /** Pick a chain, or one rule of it, for the details panel; null clears it. */
  select: (selection: GraphSelection | null) => void;
  setSearchQuery: (query: string) => void;
  /**
   * Select a chain or rule and bring it into view: search results, arrow keys and
   * links in the details panel all go through here. A chain left out is shown first.
   *
   * @example
   *   useKpvizStore.getState().jumpTo({ node: 'nat/KUBE-SERVICES', rule: 'nat/KUBE-SERVICES#2' });
   */
  jumpTo: (selection: GraphSelection) => void;
}

/** What a newly loaded dump starts with: nothing of the old one's view carries over. */
export const initialGraphView = (): Omit<GraphViewState, 'view'> => ({
  focus: null,
  expanded: [],
  collapsed: [],
  selection: null,
  searchQuery: '',
  reveal: null,
});

const withItem = (items: readonly NodeId[], item: NodeId) =>
  items.includes(item) ? items : [...items, item];

/**
 * What must be expanded to show a selection: its chain, if the graph left it
 * out, and for a rule the chain it jumps to (a long chain draws a rule in its
 * middle only when its jump leads somewhere drawn). Only chains left out:
 * expanding one shows every chain it jumps to as well.
 */
function expansionFor(state: KpvizState, selection: GraphSelection): readonly NodeId[] {
  const { hidden } = selectGraph(state);
  const target =
    selection.rule === undefined
      ? undefined
      : ruleLineOf(state.parsed.ruleset, selection.rule)?.targetId;
  let expanded = state.expanded;
  for (const node of [selection.node, target]) {
    if (node !== undefined && hidden.includes(node)) expanded = withItem(expanded, node);
  }
  return expanded;
}

export const createGraphSlice: StateCreator<KpvizState, [], [], GraphSlice> = (set) => ({
  view: 'graph',
  ...initialGraphView(),
  setView: (view) => set({ view }),
  setFocus: (focus) => set({ focus, selection: null }),
  toggleCollapsed: (node) =>
    set((state) => ({
      collapsed: state.collapsed.includes(node)
        ? state.collapsed.filter((id) => id !== node)
        : [...state.collapsed, node],
    })),
  select: (selection) => set({ selection }),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
  jumpTo: (selection) =>
    set((state) => ({
      selection,
      expanded: expansionFor(state, selection),
      // A rule can only be seen in its chain's full form. The same array when nothing
      // changes: a new one would rebuild the graph.
      collapsed: state.collapsed.includes(selection.node)
        ? state.collapsed.filter((id) => id !== selection.node)
        : state.collapsed,
      reveal: { node: selection.node, seq: (state.reveal?.seq ?? 0) + 1 },
    })),
});

export const selectView = (state: KpvizState): MainView => state.view;
export const selectFocus = (state: KpvizState): string | null => state.focus;
export const selectSelection = (state: KpvizState): GraphSelection | null => state.selection;
export const selectSearchQuery = (state: KpvizState): string => state.searchQuery;
export const selectReveal = (state: KpvizState): RevealRequest | null => state.reveal;

import type { StateCreator } from 'zustand';
import type { Graph, NodeId } from '../graph/types.ts';
import { isDrawn } from '../graph/ids.ts';
import type { GraphRequest, SearchHit, SearchResult } from '../session/protocol.ts';
import type { KpvizState } from './store.ts';

/** Which of the two views of a dump is showing. */
export type MainView = 'graph' | 'rules';

/** A chain (or hook table) picked in the graph, and optionally one of its rules. */
export interface GraphSelection {
  readonly node: NodeId;
  /** `table/CHAIN#n`, as the graph names rule lines. */
  readonly rule?: string;
}

/** Where to go: a chain or rule, and for a rule the chain it jumps to, which must be drawn too. */
export interface JumpRequest extends GraphSelection {
  readonly target?: NodeId;
}

/** A request to bring a node into view; `seq` makes the same node count again. */
export interface RevealRequest {
  readonly node: NodeId;
  readonly seq: number;
}

/** What the user has asked the graph to show. */
export interface GraphViewState {
  view: MainView;
  /** The Service (a key the graph's focus takes) whose chains alone are shown, or null for all. */
  focus: string | null;
  /** What the focused Service is called, for the toolbar. */
  focusLabel: string | null;
  /** Chains the builder leaves out of a big dump that the user asked to see. */
  expanded: readonly NodeId[];
  /** Chains shown as their header only. */
  collapsed: readonly NodeId[];
  selection: GraphSelection | null;
  searchQuery: string;
  reveal: RevealRequest | null;
}

export interface GraphSlice extends GraphViewState {
  /** The search's answer for `searchQuery` (empty until it arrives). */
  search: SearchResult;
  setView: (view: MainView) => void;
  /** Show only one Service's chains (null: every chain). */
  setFocus: (service: string | null, label?: string) => void;
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
  jumpTo: (request: JumpRequest) => void;
}

/** No search, or its answer not yet in. */
export const NO_SEARCH: SearchResult = { query: '', total: 0, hits: [], nodes: [], rules: [] };

/** What a newly loaded dump starts with: nothing of the old one's view carries over. */
export const initialGraphView = (): Omit<GraphViewState, 'view'> => ({
  focus: null,
  focusLabel: null,
  expanded: [],
  collapsed: [],
  selection: null,
  searchQuery: '',
  reveal: null,
});

const withItem = (items: readonly NodeId[], item: NodeId) =>
  items.includes(item) ? items : [...items, item];

/**
 * What must be expanded to show a jump's chain, if the graph left it out,
 * and for a rule the chain it jumps to (a long chain draws a rule in its
 * middle only when its jump leads somewhere drawn). Only chains left out:
 * expanding one shows every chain it jumps to as well.
 */
function expansionFor(state: KpvizState, request: JumpRequest): readonly NodeId[] {
  let expanded = state.expanded;
  for (const node of [request.node, request.target]) {
    if (node !== undefined && !isDrawn(state.graph, node)) expanded = withItem(expanded, node);
  }
  return expanded;
}

const requestOf = (state: KpvizState): GraphRequest => ({
  focus: state.focus,
  expanded: state.expanded,
  collapsed: state.collapsed,
});

export const createGraphSlice: StateCreator<KpvizState, [], [], GraphSlice> = (set, get) => {
  /** Counts graph requests, so only the latest one's answer is shown. */
  let graphRequests = 0;
  /** Ask the session for the graph the view state now describes. */
  const rebuild = () => {
    const { session } = get();
    const seq = ++graphRequests;
    session.query('graph', requestOf(get())).then(
      (graph) => {
        if (seq === graphRequests && get().session === session) set({ graph });
      },
      () => {
        // A closed session's answer: a newer dump has replaced it.
      },
    );
  };
  /** Set view state and, when it changes what is drawn, ask for the new graph. */
  const change = (partial: (state: KpvizState) => Partial<KpvizState>) => {
    const before = get();
    set(partial);
    const after = get();
    if (
      after.focus !== before.focus ||
      after.expanded !== before.expanded ||
      after.collapsed !== before.collapsed
    ) {
      rebuild();
    }
  };
  return {
    view: 'graph',
    ...initialGraphView(),
    search: NO_SEARCH,
    setView: (view) => set({ view }),
    setFocus: (focus, label) =>
      change(() => ({
        focus,
        focusLabel: focus === null ? null : (label ?? focus),
        selection: null,
      })),
    toggleCollapsed: (node) =>
      change((state) => ({
        collapsed: state.collapsed.includes(node)
          ? state.collapsed.filter((id) => id !== node)
          : [...state.collapsed, node],
      })),
    select: (selection) => set({ selection }),
    setSearchQuery: (searchQuery) => {
      set({ searchQuery, search: NO_SEARCH });
      if (searchQuery.trim() === '') return;
      const { session } = get();
      session.query('search', searchQuery).then(
        (search) => {
          const state = get();
          if (state.session === session && state.searchQuery === searchQuery) set({ search });
        },
        () => {},
      );
    },
    jumpTo: (request) =>
      change((state) => ({
        // Bringing a chain into view means the graph: from a trace, the Rules tab may be showing.
        view: 'graph',
        selection: {
          node: request.node,
          ...(request.rule === undefined ? {} : { rule: request.rule }),
        },
        expanded: expansionFor(state, request),
        // A rule can only be seen in its chain's full form. The same array when nothing
        // changes: a new one would rebuild the graph.
        collapsed: state.collapsed.includes(request.node)
          ? state.collapsed.filter((id) => id !== request.node)
          : state.collapsed,
        reveal: { node: request.node, seq: (state.reveal?.seq ?? 0) + 1 },
      })),
  };
};

export const selectView = (state: KpvizState): MainView => state.view;
export const selectFocus = (state: KpvizState): string | null => state.focus;
export const selectFocusLabel = (state: KpvizState): string | null => state.focusLabel;
export const selectSelection = (state: KpvizState): GraphSelection | null => state.selection;
export const selectSearchQuery = (state: KpvizState): string => state.searchQuery;
export const selectReveal = (state: KpvizState): RevealRequest | null => state.reveal;
export const selectGraph = (state: KpvizState): Graph => state.graph;
export const selectSearch = (state: KpvizState): SearchResult => state.search;
export const selectSearchHits = (state: KpvizState): readonly SearchHit[] => state.search.hits;

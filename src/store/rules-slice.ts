import type { StateCreator } from 'zustand';
import { SEED_LISTING } from '../domain/examples/seed.ts';
import { DumpSession } from '../session/dump-session.ts';
import type { DumpOverview, OpenOptions } from '../session/protocol.ts';
import type { Opening, Session } from '../session/session-client.ts';
import { openSession, pageSessionOf, prepareSession } from '../session/session-client.ts';
import type { Graph } from '../graph/types.ts';
import { initialGraphView, NO_SEARCH } from './graph-slice.ts';
import type { KpvizState } from './store.ts';

/** Where a dump being opened has got. */
export type LoadState =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'parsing';
      /** Lines read so far, and of how many (0 until the first report). */
      readonly done: number;
      readonly total: number;
    }
  /** The dump could not be opened at all; the one on screen stays. */
  | { readonly phase: 'failed'; readonly message: string };

/** The rule dump the user is looking at, parsed once (in a worker) when it is loaded. */
export interface RulesSlice {
  /** The text of the dump on screen, exactly as given. */
  dump: string;
  /** How it was read: format, table, added jumps. */
  options: OpenOptions;
  /** Answers questions about the dump on screen: its graph, chains, Services, traces. */
  session: Session;
  /** What the dump holds and what could not be read. */
  overview: DumpOverview;
  /** Why the rules left to read after the dump opened (see DumpOverview.checking) never were. */
  checkError: string | null;
  /** Its graph as last built for the graph view's state (the session builds it). */
  graph: Graph;
  /** Counts loads, so a view of `dump` can start over even when the same text comes back. */
  revision: number;
  /**
   * Whether the last load kept the graph's layout (an edit of the rules on screen): the view
   * then stays where the user had it rather than fitting the new graph.
   */
  layoutKept: boolean;
  loading: LoadState;
  opening: Opening | null;
  /**
   * Read a dump (iptables-save, `iptables -S`, `iptables -L -n`, or Services and
   * EndpointSlices as YAML) and show it once it is parsed; the dump on screen
   * stays until then. Resolves when it is shown, cancelled or has failed.
   *
   * With `keepLayout`, chains the graph on screen shows keep their places in the new one: for
   * rules that are an edit of the ones on screen (the environment editor's), not a new dump.
   *
   * @example
   *   await useKpvizStore.getState().loadDump('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n');
   */
  loadDump: (text: string, options?: OpenOptions, load?: { keepLayout?: boolean }) => Promise<void>;
  /** Stop parsing the dump being loaded; the one on screen stays. */
  cancelLoad: () => void;
  /** A dump is on its way (the import panel opened, text pasted): get its worker started. */
  prepareLoad: () => void;
  /** Go back to the seed scenario the app opens on. */
  loadExample: () => void;
}

/** Marked when a dump has been parsed, so `npm run bench` can time the paint after it. */
export const PARSED_MARK = 'kpviz:parsed';

/** The seed: small enough to parse in the page, so the first frame already shows it. */
function example() {
  const session = DumpSession.open(SEED_LISTING);
  return {
    dump: SEED_LISTING,
    options: {},
    session: pageSessionOf(session),
    overview: session.overview(),
    graph: session.graph({ focus: null, expanded: [], collapsed: [] }),
  };
}

/** A new dump, and a graph view that starts over: its chains and Services are not the old ones. */
const shown = (
  state: KpvizState,
  loaded: {
    dump: string;
    options: OpenOptions;
    session: Session;
    overview: DumpOverview;
    graph: Graph;
  },
  layoutKept = false,
): Partial<KpvizState> => {
  if (state.session !== loaded.session) state.session.close();
  return {
    ...loaded,
    checkError: null,
    layoutKept,
    ...initialGraphView(),
    search: NO_SEARCH,
    revision: state.revision + 1,
    loading: { phase: 'idle' },
    opening: null,
  };
};

export const createRulesSlice: StateCreator<KpvizState, [], [], RulesSlice> = (set, get) => ({
  // The seed article's own `iptables -t nat -nL` listing, as a reader of it would paste it.
  ...example(),
  revision: 0,
  checkError: null,
  layoutKept: false,
  loading: { phase: 'idle' },
  opening: null,
  loadDump: async (text, options, load) => {
    get().opening?.cancel();
    const opening = openSession(text, options, (done, total) => {
      if (get().opening === opening) set({ loading: { phase: 'parsing', done, total } });
    });
    set({ opening, loading: { phase: 'parsing', done: 0, total: 0 } });
    const current = () => get().opening === opening;
    try {
      const session = await opening.result;
      if (!session) return;
      if (!current()) {
        session.close();
        return;
      }
      performance.mark(PARSED_MARK);
      const previous = load?.keepLayout === true ? { previous: get().graph } : {};
      const graph = await session.query('graph', {
        focus: null,
        expanded: [],
        collapsed: [],
        ...previous,
      });
      if (!current()) {
        session.close();
        return;
      }
      set((state) =>
        shown(
          state,
          {
            dump: text,
            options: options ?? {},
            session,
            overview: session.overview,
            graph,
          },
          load?.keepLayout === true,
        ),
      );
      // A big dump's rules are still being read: its problems and counts come when they are.
      if (session.overview.checking)
        session.checked.then(
          (overview) => {
            if (get().session === session) set({ overview });
          },
          (error: unknown) => {
            // The worker stopped: what it had read stays shown, and the summary says why.
            if (get().session !== session) return;
            set({
              overview: { ...get().overview, checking: false },
              checkError: error instanceof Error ? error.message : String(error),
            });
          },
        );
    } catch (error) {
      if (current()) {
        const message = error instanceof Error ? error.message : String(error);
        set({ loading: { phase: 'failed', message }, opening: null });
      }
    }
  },
  cancelLoad: () => {
    get().opening?.cancel();
    set({ opening: null, loading: { phase: 'idle' } });
  },
  prepareLoad: prepareSession,
  loadExample: () => {
    get().opening?.cancel();
    set((state) => shown(state, example()));
  },
});

export const selectDump = (state: KpvizState): string => state.dump;
export const selectRevision = (state: KpvizState): number => state.revision;
export const selectOverview = (state: KpvizState): DumpOverview => state.overview;
export const selectSession = (state: KpvizState): Session => state.session;
export const selectLoading = (state: KpvizState): LoadState => state.loading;
export const selectCheckError = (state: KpvizState): string | null => state.checkError;

import type { StateCreator } from 'zustand';
import { SEED_LISTING } from '../domain/examples/seed.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { initialGraphView } from './graph-slice.ts';
import type { KpvizState } from './store.ts';

export type ParseResult = ReturnType<typeof parseDump>;
export type ParseOptions = NonNullable<Parameters<typeof parseDump>[1]>;

/** The rule dump the user is looking at, parsed once when it is loaded. */
export interface RulesSlice {
  /** The text exactly as given. */
  dump: string;
  parsed: ParseResult;
  /** Counts loads, so a view of `dump` can start over even when the same text comes back. */
  revision: number;
  /**
   * Read a dump (iptables-save, `iptables -S` or `iptables -L -n`) and show it.
   *
   * @example
   *   useKpvizStore.getState().loadDump('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n');
   */
  loadDump: (text: string, options?: ParseOptions) => void;
  /** Go back to the seed scenario the app opens on. */
  loadExample: () => void;
}

/** Marked when a dump has been parsed, so `npm run bench` can time the paint after it. */
export const PARSED_MARK = 'kpviz:parsed';

function load(text: string, options?: ParseOptions) {
  const parsed = parseDump(text, options);
  performance.mark(PARSED_MARK);
  return { dump: text, parsed };
}

/** A new dump, and a graph view that starts over: its chains and Services are not the old ones. */
const loaded = (state: KpvizState, text: string, options?: ParseOptions) => ({
  ...load(text, options),
  ...initialGraphView(),
  revision: state.revision + 1,
});

export const createRulesSlice: StateCreator<KpvizState, [], [], RulesSlice> = (set) => ({
  // The seed article's own `iptables -t nat -nL` listing, as a reader of it would paste it.
  ...load(SEED_LISTING),
  revision: 0,
  loadDump: (text, options) => set((state) => loaded(state, text, options)),
  loadExample: () => set((state) => loaded(state, SEED_LISTING)),
});

export const selectDump = (state: KpvizState): string => state.dump;
export const selectRevision = (state: KpvizState): number => state.revision;
export const selectParsed = (state: KpvizState): ParseResult => state.parsed;
export const selectRuleset = (state: KpvizState): ParseResult['ruleset'] => state.parsed.ruleset;
export const selectProblems = (state: KpvizState): ParseResult['problems'] => state.parsed.problems;

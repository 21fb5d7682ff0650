import type { StateCreator } from 'zustand';
import { scenarioById, SCENARIOS } from '../domain/examples/scenarios.ts';
import { framesOf } from '../domain/play/frames.ts';
import {
  conversationOf,
  planOfExample,
  planOnRules,
  RULES_PLAYS,
  type PlanProblem,
  type PlayPlan,
  type RulesPlay,
} from '../domain/play/plans.ts';
import { splitLookup } from '../domain/play/leg-splits.ts';
import type { NarrationContext } from '../domain/play/narration.ts';
import type { EndpointChoice, Frame, Leg } from '../domain/play/types.ts';
import { ruleKey } from '../graph/ids.ts';
import type { OpenOptions, PlayRule } from '../session/protocol.ts';
import { readForm } from './packet-slice.ts';
import type { KpvizState } from './store.ts';

/**
 * A scenario the picker offers: one of RULES_PLAYS on the rules on screen, an example
 * cluster's (`example:udp-dns`, which loads that cluster's rules), or `custom`: the packet
 * form's packet.
 */
export type ScenarioId = RulesPlay | `example:${string}` | 'custom';

export const EXAMPLE_PREFIX = 'example:';

/** Every scenario id the picker lists, in its order. */
export const SCENARIO_IDS: readonly ScenarioId[] = [
  ...RULES_PLAYS,
  ...SCENARIOS.map((s): ScenarioId => `${EXAMPLE_PREFIX}${s.id}`),
  'custom',
];

/** Whether `text` (from a link) names a scenario. */
export const isScenarioId = (text: string): text is ScenarioId =>
  (SCENARIO_IDS as readonly string[]).includes(text);

/** Where the played conversation is. */
export type Playback =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | {
      readonly status: 'unavailable';
      readonly problem: PlanProblem | 'form';
      readonly message?: string;
    }
  | { readonly status: 'failed'; readonly message: string; readonly line?: number }
  | {
      readonly status: 'ready';
      readonly legs: readonly Leg[];
      readonly frames: readonly Frame[];
      readonly rules: Readonly<Record<string, PlayRule>>;
      readonly plan: PlayPlan;
    };

/** A draw with the seed `kpviz trace` takes by default, so both take the same path. */
export const DEFAULT_CHOICE: EndpointChoice = { kind: 'random', seed: 1 };

/** Step speeds offered, in steps per second. */
export const PLAY_SPEEDS = [0.5, 1, 2, 4] as const;
export type PlaySpeed = (typeof PLAY_SPEEDS)[number];

export interface PlaybackSlice {
  scenario: ScenarioId | null;
  /**
   * Decided by a seeded draw, or the branch to one endpoint; null until the user says: the
   * scenario's own (a hairpin picks the sender itself), else a draw with seed 1.
   */
  choice: EndpointChoice | null;
  playback: Playback;
  /** Index of the frame shown. */
  step: number;
  playing: boolean;
  speed: PlaySpeed;
  /** The user's own rules while an example cluster's are shown, to go back to. */
  rulesAside: { readonly dump: string; readonly options: OpenOptions } | null;
  /**
   * Play a scenario: plan it on the rules on screen (an example cluster's are loaded
   * first), run its packets through the session, and show its first step (or `step`).
   */
  chooseScenario: (id: ScenarioId | null, step?: number) => Promise<void>;
  /** How the random split goes from now on; the scenario plays again with it. */
  setChoice: (choice: EndpointChoice) => Promise<void>;
  /** Load the rules that were on screen before an example cluster's. */
  restoreRules: () => Promise<void>;
  stepTo: (step: number) => void;
  stepForward: () => void;
  stepBack: () => void;
  restart: () => void;
  /** Play from here; at the end, play from the start. */
  play: () => void;
  pause: () => void;
  setSpeed: (speed: PlaySpeed) => void;
}

/** The last step of a playback (0 when there is none). */
const lastStep = (playback: Playback): number =>
  playback.status === 'ready' ? Math.max(0, playback.frames.length - 1) : 0;

const nodeIPsOf = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

export const createPlaybackSlice: StateCreator<KpvizState, [], [], PlaybackSlice> = (
  set,
  get,
  store,
) => {
  /** Counts plays asked for, so only the latest one's answer is shown. */
  let plays = 0;
  /** The plan of the current scenario on the rules on screen. */
  async function planNow(): Promise<{ plan: PlayPlan } | Playback> {
    const { scenario, session, packetForm } = get();
    if (scenario === null) return { status: 'idle' };
    if (scenario === 'custom') {
      const { request } = readForm(packetForm);
      if (!request) return { status: 'unavailable', problem: 'form' };
      return {
        plan: {
          script: conversationOf(
            request.packet.src,
            `${request.packet.dst}:${request.packet.dport ?? 0}`,
            request.packet.protocol,
            request.packet.from ?? 'local',
          ).map((item, i) => (i === 0 ? { ...item, packet: request.packet } : item)),
          model: request.node,
        },
      };
    }
    if (scenario.startsWith(EXAMPLE_PREFIX)) {
      const example = scenarioById(scenario.slice(EXAMPLE_PREFIX.length));
      if (!example) return { status: 'idle' };
      return { plan: planOfExample(example).plan };
    }
    const { services } = await session.query('services', '', 500);
    // The Service the graph is focused on, if the scenario fits it.
    const focused = services.find((s) => s.focusKey === get().focus)?.id;
    const result = planOnRules(
      scenario as RulesPlay,
      services,
      nodeIPsOf(packetForm.nodeIPs),
      focused,
    );
    if (result.ok) {
      // In a dump of many Services, show the played one's chains, not all of them.
      const played = services.find((s) => s.id === result.plan.service);
      if (played && played.focusKey !== get().focus && get().overview.serviceCount > 1)
        get().setFocus(played.focusKey, played.label);
    }
    return result.ok
      ? { plan: result.plan }
      : {
          status: 'unavailable',
          problem: result.problem,
          ...(result.message === undefined ? {} : { message: result.message }),
        };
  }

  /** Run the current scenario on the rules on screen, keeping the step where it can. */
  async function run(step?: number): Promise<void> {
    const seq = ++plays;
    const session = get().session;
    set({ playback: { status: 'running' } });
    const planned = await planNow();
    if (seq !== plays) return;
    if (!('plan' in planned)) {
      set({ playback: planned, playing: false, step: 0 });
      return;
    }
    const { plan } = planned;
    const choice = get().choice ?? plan.choice ?? DEFAULT_CHOICE;
    const result = await session.query('play', {
      script: plan.script,
      model: plan.model,
      choice,
    });
    if (seq !== plays || get().session !== session) return;
    if (!result.ok) {
      set({
        playback: {
          status: 'failed',
          message: result.message,
          ...(result.line === undefined ? {} : { line: result.line }),
        },
        playing: false,
      });
      return;
    }
    const playback: Playback = {
      status: 'ready',
      legs: result.legs,
      frames: framesOf(result.legs),
      rules: result.rules,
      plan,
    };
    set({ playback, step: Math.min(step ?? get().step, lastStep(playback)) });
  }

  // New rules (an edited environment, a paste, an example cluster) play the scenario again.
  store.subscribe((state, previous) => {
    if (state.revision !== previous.revision && state.scenario !== null) void run();
  });

  return {
    scenario: null,
    choice: null,
    playback: { status: 'idle' },
    step: 0,
    playing: false,
    speed: 1,
    rulesAside: null,
    chooseScenario: async (id, step = 0) => {
      set({ scenario: id, step, playing: false, choice: null });
      if (id === null) {
        ++plays;
        set({ playback: { status: 'idle' } });
        return;
      }
      if (id.startsWith(EXAMPLE_PREFIX)) {
        const example = scenarioById(id.slice(EXAMPLE_PREFIX.length));
        if (!example) return;
        const { dump, options, rulesAside } = get();
        // The user's own rules are kept aside once, whatever examples follow.
        if (rulesAside === null) set({ rulesAside: { dump, options } });
        set({ playback: { status: 'running' } });
        // The new rules' revision plays the scenario (the subscription above).
        await get().loadDump(planOfExample(example).rules, { format: 'save' });
        return;
      }
      await run(step);
    },
    setChoice: async (choice) => {
      set({ choice });
      if (get().scenario !== null) await run();
    },
    restoreRules: async () => {
      const aside = get().rulesAside;
      if (!aside) return;
      set({ rulesAside: null, scenario: null, playback: { status: 'idle' }, playing: false });
      await get().loadDump(aside.dump, aside.options);
    },
    stepTo: (step) => set({ step: Math.max(0, Math.min(step, lastStep(get().playback))) }),
    stepForward: () => {
      const { step, playback } = get();
      if (step >= lastStep(playback)) set({ playing: false });
      else set({ step: step + 1 });
    },
    stepBack: () => set((state) => ({ step: Math.max(0, state.step - 1), playing: false })),
    restart: () => set({ step: 0, playing: false }),
    play: () => {
      const { step, playback } = get();
      if (playback.status !== 'ready') return;
      set({ playing: true, step: step >= lastStep(playback) ? 0 : step });
    },
    pause: () => set({ playing: false }),
    setSpeed: (speed) => set({ speed }),
  };
};

export const selectScenario = (state: KpvizState): ScenarioId | null => state.scenario;
export const selectPlayback = (state: KpvizState): Playback => state.playback;
export const selectStep = (state: KpvizState): number => state.step;
export const selectPlaying = (state: KpvizState): boolean => state.playing;
export const selectSpeed = (state: KpvizState): PlaySpeed => state.speed;
export const selectChoice = (state: KpvizState): EndpointChoice | null => state.choice;

/** The frame shown, if a scenario is playing. */
export const selectFrame = (state: KpvizState): Frame | undefined =>
  state.playback.status === 'ready' ? state.playback.frames[state.step] : undefined;

/** A playback that is ready to be shown. */
export type ReadyPlayback = Extract<Playback, { status: 'ready' }>;

/** The play answer's rule at `table`/`chain`#`index` (it holds the chains the packets went through). */
export const playRule = (
  playback: ReadyPlayback,
  table: string,
  chain: string,
  index: number,
): PlayRule | undefined => playback.rules[ruleKey(table, chain, index)];

/** The rule a frame's step evaluated; none for a skip or an event. */
export const frameRule = (playback: ReadyPlayback, frame: Frame): PlayRule | undefined =>
  frame.step.kind === 'rule'
    ? playRule(playback, frame.step.table, frame.step.chain, frame.step.index)
    : undefined;

/**
 * What narrating a playback's frames needs: its rules' text, and the random splits its legs
 * carry (the ones the split view shows).
 *
 * @example
 *   narrate(frame, narrationContextOf(playback));
 */
export const narrationContextOf = (playback: ReadyPlayback): NarrationContext => ({
  ruleText: (table, chain, index) => playRule(playback, table, chain, index)?.text,
  split: splitLookup(playback.legs),
});

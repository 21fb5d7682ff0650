/**
 * The player as a host page drives it: the same few commands for the `<kpviz-player>` element's
 * methods and for the messages an `embed.html` iframe accepts, and one event per step shown.
 */
import type { PacketState } from '../../domain/sim/types.ts';
import { frameRule, isScenarioId, type ScenarioId } from '../../store/playback-slice.ts';
import type { KpvizStore } from '../../store/store.ts';
import { endpointText, hex } from '../trace/format.ts';

/** The packet as a step leaves it, in plain values a message can carry. */
export interface StepPacket {
  readonly src: string;
  readonly dst: string;
  readonly protocol: string;
  /** The packet's mark, as iptables prints it (`0x4000`). */
  readonly mark: string;
  readonly ctState?: string;
}

/** Sent on every step shown: when playback moves, when a host steps, when a scenario starts. */
export interface StepEvent {
  readonly scenario: ScenarioId;
  /** The step shown, counting from 1, of `steps`. */
  readonly step: number;
  readonly steps: number;
  readonly playing: boolean;
  /** Which packet of the conversation: the request, the reply, or a later one. */
  readonly role: 'request' | 'reply' | 'again';
  /** Where it is: hook, table, chain and the rule's 1-based index, where it is at a rule. */
  readonly hook?: string;
  readonly table?: string;
  readonly chain?: string;
  readonly rule?: number;
  /** The rule evaluated, as `iptables -S` prints it. */
  readonly ruleText?: string;
  readonly before: StepPacket;
  readonly after: StepPacket;
  /** The fields this step rewrote (`dst`, `mark`, `src` …). */
  readonly changed: readonly string[];
}

/** The commands a host has; steps count from 1, as the URL's `step` does. */
export interface PlayerApi {
  play(): void;
  pause(): void;
  /** Show step `to` (from 1); with no number, the next step. Pauses playback. */
  step(to?: number): void;
  stepBack(): void;
  restart(): void;
  /** Play another scenario (`nodeport-external`, `example:hairpin` …), from step `step`. */
  setScenario(id: string, step?: number): Promise<void>;
}

const packetOf = (state: PacketState): StepPacket => ({
  src: endpointText(state.src, state.sport),
  dst: endpointText(state.dst, state.dport),
  protocol: state.protocol,
  mark: hex(state.mark),
  ...(state.ctState === undefined ? {} : { ctState: state.ctState }),
});

/**
 * The commands over one player's store.
 *
 * @example
 *   const api = playerApiOf(store);
 *   await api.setScenario('nodeport-external', 5);
 *   api.play();
 */
export function playerApiOf(store: KpvizStore): PlayerApi {
  const state = store.getState;
  return {
    play: () => state().play(),
    pause: () => state().pause(),
    step(to) {
      if (to === undefined) {
        state().pause();
        state().stepForward();
      } else {
        state().pause();
        state().stepTo(Math.max(0, Math.trunc(to) - 1));
      }
    },
    stepBack: () => state().stepBack(),
    restart: () => state().restart(),
    async setScenario(id, step = 1) {
      if (!isScenarioId(id)) throw new Error(`kpviz: no scenario called “${id}”`);
      await state().chooseScenario(id, Math.max(0, Math.trunc(step) - 1));
    },
  };
}

/** The event for the step the store shows now; none while no scenario is ready. */
export function stepEventOf(store: KpvizStore): StepEvent | undefined {
  const { playback, scenario, step, playing } = store.getState();
  if (playback.status !== 'ready' || scenario === null) return undefined;
  const frame = playback.frames[step];
  if (!frame) return undefined;
  const ruleText = frameRule(playback, frame)?.text;
  return {
    scenario,
    step: step + 1,
    steps: playback.frames.length,
    playing,
    role: frame.role,
    ...(frame.hook === undefined ? {} : { hook: frame.hook }),
    ...(frame.table === undefined ? {} : { table: frame.table }),
    ...(frame.chain === undefined ? {} : { chain: frame.chain }),
    ...(frame.rule === undefined ? {} : { rule: frame.rule }),
    ...(ruleText === undefined ? {} : { ruleText }),
    before: packetOf(frame.before),
    after: packetOf(frame.after),
    changed: frame.changed,
  };
}

/**
 * Call `listener` with each step the player comes to show (a new step, a new scenario, the
 * same scenario played again on new rules), once per step. Returns the unsubscribe.
 *
 * @example
 *   const stop = watchSteps(store, (event) => console.log(event.step, event.chain));
 */
export function watchSteps(store: KpvizStore, listener: (event: StepEvent) => void): () => void {
  return store.subscribe((now, before) => {
    if (
      now.step === before.step &&
      now.playback === before.playback &&
      now.scenario === before.scenario
    )
      return;
    const event = stepEventOf(store);
    if (event) listener(event);
  });
}

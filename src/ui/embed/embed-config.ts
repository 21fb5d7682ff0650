/**
 * What an embedded player shows, from its URL's fragment (`embed.html#scenario=…&step=4`) or
 * its element's attributes (`<kpviz-player scenario="…" step="4">`): the same names and values
 * either way, and the same the app writes into its own links.
 */
import type { PacketForm } from '../../store/packet-slice.ts';
import { LANGUAGES, type Language, type Theme } from '../../store/settings-slice.ts';
import {
  PACKET_EXPECTED,
  PACKET_PARAMS,
  packetFormOf,
  type PacketParam,
} from '../share/packet-params.ts';
import {
  isScenarioId,
  PLAY_SPEEDS,
  type PlaySpeed,
  type ScenarioId,
} from '../../store/playback-slice.ts';

/** The parts of the player a host may show; the graph is always there. */
export const PANELS = ['controls', 'timeline', 'narration', 'packet', 'scenario'] as const;
export type Panel = (typeof PANELS)[number];

/** Shown when a host names none. */
export const DEFAULT_PANELS: readonly Panel[] = ['controls', 'narration', 'packet'];

/** The names a host configures the player with, as URL parameters or element attributes. */
export const CONFIG_KEYS = [
  'env',
  'rules',
  'scenario',
  'step',
  'lang',
  'theme',
  'autoplay',
  'speed',
  'panels',
  // The custom scenario's packet (packet-params.ts), as the app's links carry it.
  ...Object.values(PACKET_PARAMS),
] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number] | PacketParam;

export interface EmbedConfig {
  /** An environment share code (`e1.…`): its rules are generated as kube-proxy writes them. */
  readonly env: string | null;
  /** A rules share code (`r1.…`): a dump, as the app's Share menu encodes it. */
  readonly rules: string | null;
  /** The scenario to play; none shows the graph alone. */
  readonly scenario: ScenarioId | null;
  /** Index of the step shown first (the parameter counts from 1, as the app's links do). */
  readonly step: number;
  /** null: the browser's language (the app's rule). */
  readonly lang: Language | null;
  /** null: the host's prefers-color-scheme. */
  readonly theme: Theme | null;
  readonly autoplay: boolean;
  readonly speed: PlaySpeed;
  readonly panels: readonly Panel[];
  /** For `scenario=custom`: the packet form's fields the host gave (the others keep theirs). */
  readonly packet: Partial<PacketForm>;
}

/** A value a host gave that the player cannot use: said, and the default used instead. */
export interface ConfigProblem {
  readonly key: ConfigKey;
  readonly value: string;
  /** What would have been accepted. */
  readonly expected: string;
}

const isOneOf = <T extends string>(values: readonly T[], text: string): text is T =>
  (values as readonly string[]).includes(text);

/**
 * Read a configuration; `get` gives a parameter's or attribute's value, null when absent.
 * Unknown values are reported, never thrown: a docs page with a typo still shows a player.
 *
 * @example
 *   const params = new URLSearchParams('scenario=nodeport-external&step=3&lang=zh');
 *   readEmbedConfig((key) => params.get(key)).config.step; // 2
 */
export function readEmbedConfig(get: (key: ConfigKey) => string | null): {
  config: EmbedConfig;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  /** The value of `key` if `accept` takes it; reported and null otherwise. */
  function read<T>(key: ConfigKey, expected: string, accept: (text: string) => T | undefined) {
    const text = get(key);
    if (text === null || text === '') return null;
    const value = accept(text.trim());
    if (value === undefined) problems.push({ key, value: text, expected });
    return value ?? null;
  }
  const scenario = read('scenario', 'a scenario id', (text) =>
    isScenarioId(text) ? text : undefined,
  );
  const step = read('step', 'a whole number from 1', (text) => {
    const n = Number(text);
    return Number.isInteger(n) && n >= 1 ? n - 1 : undefined;
  });
  const flag = read(
    'autoplay',
    '1, true, 0 or false',
    (text) => ({ '1': true, true: true, '0': false, false: false })[text.toLowerCase()],
  );
  const speed = read('speed', PLAY_SPEEDS.join(', '), (text) =>
    PLAY_SPEEDS.find((s) => s === Number(text)),
  );
  const panels = read('panels', `a comma list of ${PANELS.join(', ')}`, (text) => {
    const names = text
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    return names.every((name) => isOneOf(PANELS, name)) ? names : undefined;
  });
  const config: EmbedConfig = {
    env: read('env', 'an environment code', (text) => text),
    rules: read('rules', 'a rules code', (text) => text),
    scenario,
    step: step ?? 0,
    lang: read('lang', LANGUAGES.join(' or '), (text) =>
      isOneOf(LANGUAGES, text) ? text : undefined,
    ),
    theme: read('theme', 'light or dark', (text) =>
      isOneOf(['light', 'dark'] as const, text) ? text : undefined,
    ),
    autoplay: flag ?? false,
    speed: speed ?? 1,
    panels: panels ?? DEFAULT_PANELS,
    packet: packetFormOf(get, (key, value) =>
      problems.push({ key, value, expected: PACKET_EXPECTED[key] ?? '' }),
    ),
  };
  return { config, problems };
}

import { decodeRules } from '../../domain/share/rules-codec.ts';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { readForm, type CheckedField } from '../../store/packet-slice.ts';
import type { KpvizStore } from '../../store/store.ts';
import { PACKET_PARAMS } from '../share/packet-params.ts';
import type { EmbedConfig } from './embed-config.ts';

const sameRules = (a: EmbedConfig, b: EmbedConfig) => a.rules === b.rules && a.env === b.env;

const samePacket = (a: EmbedConfig, b: EmbedConfig) =>
  JSON.stringify(a.packet) === JSON.stringify(b.packet);

/**
 * Set a player's store up as its configuration says: language and theme, the rules (an
 * environment's, a shared dump, or the seed's), then the scenario at its step, playing if asked.
 * Given the configuration it was set up with before (a host changed an attribute), it does only
 * what changed: new rules are loaded, a new scenario or step shown. Resolves with what could not
 * be done, in words for the page (the seed stays in its place).
 *
 * @example
 *   const problems = await startPlayer(store, readEmbedConfig((k) => params.get(k)).config);
 */
export async function startPlayer(
  store: KpvizStore,
  config: EmbedConfig,
  before?: EmbedConfig,
): Promise<string[]> {
  const problems: string[] = [];
  const state = store.getState;
  if (config.lang !== null) state().setLanguage(config.lang);
  state().setTheme(config.theme ?? 'system');
  state().setSpeed(config.speed);
  const newRules = before === undefined || !sameRules(before, config);
  if (newRules) problems.push(...(await loadRules(store, config)));
  const moved =
    before?.scenario !== config.scenario ||
    before.step !== config.step ||
    (config.scenario === 'custom' && !samePacket(before, config));
  // The custom scenario plays the packet form: the host's fields go in before it is chosen.
  const newPacket = config.scenario === 'custom' && moved;
  if (newPacket) state().prefillPacket(config.packet);
  if (config.scenario === null) {
    if (before !== undefined && before.scenario !== null) await state().chooseScenario(null);
  } else if (moved || (newRules && before !== undefined)) {
    await state().chooseScenario(config.scenario, config.step);
  }
  if (newPacket) problems.push(...packetProblems(store));
  if (config.autoplay && !before?.autoplay && state().playback.status === 'ready') state().play();
  if (!config.autoplay && before?.autoplay) state().pause();
  return problems;
}

/** What the custom packet's fields say wrong, by the names the host gave them. */
function packetProblems(store: KpvizStore): string[] {
  const { errors } = readForm(store.getState().packetForm);
  return Object.entries(errors).map(
    ([field, error]) => `${PACKET_PARAMS[field as CheckedField]}: ${error.message}`,
  );
}

/** Put the configuration's rules on screen; the seed's where it names none. */
async function loadRules(store: KpvizStore, config: EmbedConfig): Promise<string[]> {
  const state = store.getState;
  if (config.rules !== null) {
    const shared = await decodeRules(config.rules);
    if (!shared.ok) return [shared.message];
    await state().loadDump(shared.rules.text, shared.rules.options);
    const { loading } = state();
    return loading.phase === 'failed' ? [loading.message] : [];
  }
  if (config.env !== null) {
    await state().openSharedEnvironment(config.env);
    const link = state().envLink;
    if (link?.status === 'failed')
      return [link.message || link.problems.map((p) => p.message).join('; ')];
    return [];
  }
  if (state().dump !== SEED_LISTING) state().loadExample();
  return [];
}

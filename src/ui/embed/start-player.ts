import { decodeRules } from '../../domain/share/rules-codec.ts';
import type { KpvizStore } from '../../store/store.ts';
import type { EmbedConfig } from './embed-config.ts';

/**
 * Set a new player's store up as its configuration says: language and theme, the rules (an
 * environment's, a shared dump, or the seed's), then the scenario at its step, playing if asked.
 * Resolves with what could not be done, in words for the page (the seed stays in its place).
 *
 * @example
 *   const problems = await startPlayer(store, readEmbedConfig((k) => params.get(k)).config);
 */
export async function startPlayer(store: KpvizStore, config: EmbedConfig): Promise<string[]> {
  const problems: string[] = [];
  const state = store.getState;
  if (config.lang !== null) state().setLanguage(config.lang);
  if (config.theme !== null) state().setTheme(config.theme);
  state().setSpeed(config.speed);
  if (config.rules !== null) {
    const shared = await decodeRules(config.rules);
    if (shared.ok) await state().loadDump(shared.rules.text, shared.rules.options);
    else problems.push(shared.message);
    const { loading } = state();
    if (loading.phase === 'failed') problems.push(loading.message);
  } else if (config.env !== null) {
    await state().openSharedEnvironment(config.env);
    const link = state().envLink;
    if (link?.status === 'failed')
      problems.push(link.message || link.problems.map((p) => p.message).join('; '));
  }
  if (config.scenario !== null) {
    await state().chooseScenario(config.scenario, config.step);
    if (config.autoplay && state().playback.status === 'ready') state().play();
  }
  return problems;
}

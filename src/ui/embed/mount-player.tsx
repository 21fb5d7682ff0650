import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKpvizStore, KpvizStoreProvider } from '../../store/store.ts';
import type { ConfigProblem, EmbedConfig } from './embed-config.ts';
import { EmbedPlayer } from './embed-player.tsx';
import {
  playerApiOf,
  stepEventOf,
  watchSteps,
  type PlayerApi,
  type StepEvent,
} from './player-api.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { startPlayer } from './start-player.ts';

/** What a mounted player tells its host. */
export interface PlayerEvents {
  /** The configuration is applied and the graph is on screen. */
  ready(detail: { readonly problems: readonly string[]; readonly step?: StepEvent }): void;
  step(detail: StepEvent): void;
}

/** A player on a page, and how to drive it, configure it again and take it down. */
export interface MountedPlayer {
  readonly api: PlayerApi;
  /** Apply a new configuration: only what changed (new rules are loaded, a new step shown). */
  update(config: EmbedConfig, configProblems: readonly ConfigProblem[]): void;
  unmount(): void;
}

const problemText = (p: ConfigProblem) => `${p.key}="${p.value}" (expected ${p.expected})`;

/** After the frame being drawn now has been painted. */
const afterPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );

/**
 * Mount a player with a store of its own into `container`; `host` takes its theme and
 * language. The iframe page and the `<kpviz-player>` element both mount it this way.
 *
 * @example
 *   const { config, problems } = readEmbedConfig((key) => params.get(key));
 *   mountPlayer(root, document.documentElement, config, problems, { ready, step });
 */
export function mountPlayer(
  container: Element | DocumentFragment,
  host: HTMLElement,
  config: EmbedConfig,
  configProblems: readonly ConfigProblem[],
  events: PlayerEvents,
): MountedPlayer {
  const store = createKpvizStore();
  const root = createRoot(container);
  let current = config;
  const render = (problems: readonly string[]) =>
    root.render(
      <StrictMode>
        <KpvizStoreProvider value={store}>
          <EmbedPlayer host={host} panels={current.panels} problems={problems} />
        </KpvizStoreProvider>
      </StrictMode>,
    );
  let live = true;
  let stopWatching: (() => void) | undefined;
  /** Counts configurations, so only the latest one's outcome is shown. */
  let configurations = 0;
  const configure = async (
    next: EmbedConfig,
    problems: readonly ConfigProblem[],
    before?: EmbedConfig,
  ) => {
    const seq = ++configurations;
    current = next;
    const said = problems.map(problemText);
    // The player's first frame in its language: a Chinese one waits for its words.
    await loadLanguage(next.lang ?? store.getState().language);
    if (!live || seq !== configurations) return;
    render(said);
    const started = await startPlayer(store, next, before);
    if (!live || seq !== configurations) return;
    if (started.length > 0) render([...said, ...started]);
    if (stopWatching) return;
    await afterPaint();
    if (!live) return;
    const step = stepEventOf(store);
    events.ready({ problems: [...said, ...started], ...(step ? { step } : {}) });
    stopWatching = watchSteps(store, (event) => events.step(event));
  };
  void configure(config, configProblems);
  return {
    api: playerApiOf(store),
    update(next, problems) {
      void configure(next, problems, current);
    },
    unmount() {
      live = false;
      stopWatching?.();
      root.unmount();
      store.getState().session.close();
    },
  };
}

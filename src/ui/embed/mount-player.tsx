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
import { startPlayer } from './start-player.ts';

/** What a mounted player tells its host. */
export interface PlayerEvents {
  /** The configuration is applied and the graph is on screen. */
  ready(detail: { readonly problems: readonly string[]; readonly step?: StepEvent }): void;
  step(detail: StepEvent): void;
}

/** A player on a page, and how to drive it and take it down. */
export interface MountedPlayer {
  readonly api: PlayerApi;
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
  const render = (problems: readonly string[]) =>
    root.render(
      <StrictMode>
        <KpvizStoreProvider value={store}>
          <EmbedPlayer host={host} panels={config.panels} problems={problems} />
        </KpvizStoreProvider>
      </StrictMode>,
    );
  const said = configProblems.map(problemText);
  render(said);
  let live = true;
  let stopWatching = () => {};
  void startPlayer(store, config).then(async (started) => {
    if (!live) return;
    const problems = [...said, ...started];
    if (started.length > 0) render(problems);
    await afterPaint();
    if (!live) return;
    const step = stepEventOf(store);
    events.ready({ problems, ...(step ? { step } : {}) });
    stopWatching = watchSteps(store, (event) => events.step(event));
  });
  return {
    api: playerApiOf(store),
    unmount() {
      live = false;
      stopWatching();
      root.unmount();
      store.getState().session.close();
    },
  };
}

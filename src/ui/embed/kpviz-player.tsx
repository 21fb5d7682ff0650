/**
 * `<kpviz-player>`: the embedded player as a custom element, for a page that prefers no iframe.
 * One script tag defines it; its attributes are embed.html's parameters (embed-config.ts), its
 * methods the PlayerApi's, and it fires `kpviz-ready` and `kpviz-step` events. It draws in its
 * own shadow root, with its own store and language, so several can share a page and the page's
 * styles and its never meet.
 *
 *   <script type="module" src="https://docs.example/kpviz/kpviz-player.js"></script>
 *   <kpviz-player scenario="nodeport-external" step="5" lang="zh"></kpviz-player>
 */
import '../styles.css';
import { CONFIG_KEYS, readEmbedConfig } from './embed-config.ts';
import { mountPlayer, type MountedPlayer } from './mount-player.tsx';
import type { PlayerApi } from './player-api.ts';

/**
 * The stylesheet built beside this script (vite.player.config.ts). Named by a variable, so the
 * bundler leaves the URL to be resolved where the script is served from.
 */
const STYLESHEET = 'kpviz-player.css';

/** Resolves once the shadow root's stylesheet has loaded (or failed: the player still works). */
const loaded = (link: HTMLLinkElement) =>
  new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });

/** A promise and its resolve, apart (Promise.withResolvers, which es2022 lacks). */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export class KpvizPlayerElement extends HTMLElement implements PlayerApi {
  static readonly observedAttributes = CONFIG_KEYS;

  #player: MountedPlayer | undefined;
  /** Counts mounts, so a mount overtaken by another (taken off and put back) stands down. */
  #mounts = 0;
  /** Commands given before the player is on the page wait for it. */
  #mounted = deferred<MountedPlayer>();
  /** An attribute change is waiting to be applied (several in one task are applied once). */
  #changed = false;

  connectedCallback(): void {
    void this.#mount();
  }

  disconnectedCallback(): void {
    this.#mounts++;
    this.#player?.unmount();
    this.#player = undefined;
    this.#mounted = deferred<MountedPlayer>();
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    if (!this.#player || before === after || this.#changed) return;
    this.#changed = true;
    queueMicrotask(() => {
      this.#changed = false;
      const { config, problems } = this.#config();
      this.#player?.update(config, problems);
    });
  }

  #config() {
    return readEmbedConfig((key) => this.getAttribute(key));
  }

  async #mount(): Promise<void> {
    const mount = ++this.#mounts;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(STYLESHEET, import.meta.url).href;
    const container = document.createElement('div');
    container.className = 'embed-root';
    shadow.replaceChildren(link, container);
    await loaded(link);
    if (mount !== this.#mounts) return;
    const { config, problems } = this.#config();
    this.#player = mountPlayer(container, this, config, problems, {
      ready: (detail) => this.#tell('kpviz-ready', detail),
      step: (detail) => this.#tell('kpviz-step', detail),
    });
    this.#mounted.resolve(this.#player);
  }

  #tell(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Run a command once the player is on the page: a command given before it is waits. */
  async #run<T>(command: (api: PlayerApi) => T): Promise<Awaited<T>> {
    const player = await this.#mounted.promise;
    return await command(player.api);
  }

  play(): void {
    void this.#run((api) => api.play());
  }

  pause(): void {
    void this.#run((api) => api.pause());
  }

  step(to?: number): void {
    void this.#run((api) => api.step(to));
  }

  stepBack(): void {
    void this.#run((api) => api.stepBack());
  }

  restart(): void {
    void this.#run((api) => api.restart());
  }

  setScenario(id: string, step?: number): Promise<void> {
    return this.#run((api) => api.setScenario(id, step));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kpviz-player': KpvizPlayerElement;
  }
}

if (!customElements.get('kpviz-player')) customElements.define('kpviz-player', KpvizPlayerElement);

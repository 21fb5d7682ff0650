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

export class KpvizPlayerElement extends HTMLElement implements PlayerApi {
  static readonly observedAttributes = CONFIG_KEYS;

  #player: MountedPlayer | undefined;
  /** Counts mounts, so a mount overtaken by another (attributes changed again) stands down. */
  #mounts = 0;

  connectedCallback(): void {
    void this.#mount();
  }

  disconnectedCallback(): void {
    this.#mounts++;
    this.#player?.unmount();
    this.#player = undefined;
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    // A new configuration is a new player: the rules may be others.
    if (this.isConnected && this.#player !== undefined && before !== after) void this.#mount();
  }

  async #mount(): Promise<void> {
    const mount = ++this.#mounts;
    this.#player?.unmount();
    this.#player = undefined;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(STYLESHEET, import.meta.url).href;
    const container = document.createElement('div');
    container.className = 'embed-root';
    shadow.replaceChildren(link, container);
    await loaded(link);
    if (mount !== this.#mounts) return;
    const { config, problems } = readEmbedConfig((key) => this.getAttribute(key));
    this.#player = mountPlayer(container, this, config, problems, {
      ready: (detail) => this.#tell('kpviz-ready', detail),
      step: (detail) => this.#tell('kpviz-step', detail),
    });
  }

  #tell(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** The player's commands; before it has mounted there is nothing to drive. */
  #api(): PlayerApi {
    if (!this.#player) throw new Error('kpviz-player: not on the page yet');
    return this.#player.api;
  }

  play(): void {
    this.#api().play();
  }

  pause(): void {
    this.#api().pause();
  }

  step(to?: number): void {
    this.#api().step(to);
  }

  stepBack(): void {
    this.#api().stepBack();
  }

  restart(): void {
    this.#api().restart();
  }

  setScenario(id: string, step?: number): Promise<void> {
    return this.#api().setScenario(id, step);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kpviz-player': KpvizPlayerElement;
  }
}

if (!customElements.get('kpviz-player')) customElements.define('kpviz-player', KpvizPlayerElement);

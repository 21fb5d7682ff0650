/**
 * Links and embed snippets to what is on screen, as pure functions of a ShareState. The
 * parameters are the ones the app keeps in its own fragment (location-hash.ts), so a link, an
 * `embed.html#…` iframe and a `<kpviz-player>` element all read the same names and values.
 */
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { selectEnvOnScreen } from '../../store/env-slice.ts';
import { EXAMPLE_PREFIX } from '../../store/playback-slice.ts';
import type { Language, Theme } from '../../store/settings-slice.ts';
import type { PacketForm } from '../../store/packet-slice.ts';
import type { KpvizState } from '../../store/store.ts';
import { packetParams } from './packet-params.ts';

/** Where the rules on screen come from, which is what a link must carry to bring them back. */
export type RulesSource =
  /** The seed the app opens on: nothing to carry. */
  | 'seed'
  /** An example cluster's, which its scenario (`scenario=example:…`) loads. */
  | 'scenario'
  /** The environment editor's: `env=e1.…`. */
  | 'env'
  /** A dump of the user's own: `rules=r1.…`. */
  | 'rules';

/**
 * @example
 *   rulesSourceOf(useKpvizStore.getState()); // 'seed' as the app opens
 */
export function rulesSourceOf(state: KpvizState): RulesSource {
  if (state.scenario?.startsWith(EXAMPLE_PREFIX) === true) return 'scenario';
  if (selectEnvOnScreen(state)) return 'env';
  const { format = 'auto', table } = state.options;
  if (state.dump === SEED_LISTING && format === 'auto' && table === undefined) return 'seed';
  return 'rules';
}

/** What a link holds: the rules' code (if the source needs one), the player's place, the language. */
export interface ShareState {
  readonly rules: { readonly key: 'env' | 'rules'; readonly code: string } | null;
  readonly scenario: string | null;
  /** The step as the store counts it, from 0; a link counts from 1, as the app shows it. */
  readonly step: number;
  readonly language: Language;
  /** The custom packet's form, for `scenario=custom`: the scenario is that packet. */
  readonly packet?: PacketForm;
}

/** How an embedded player is shown; the app itself follows its reader's theme. */
export interface EmbedOptions {
  readonly theme: Theme;
  readonly autoplay: boolean;
}

/**
 * The fragment of a link to the app.
 *
 * @example
 *   linkParams({ rules: null, scenario: 'hairpin', step: 3, language: 'en' }).toString();
 *   // "scenario=hairpin&step=4&lang=en"
 */
export function linkParams(state: ShareState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.rules) params.set(state.rules.key, state.rules.code);
  if (state.scenario !== null) {
    params.set('scenario', state.scenario);
    params.set('step', String(state.step + 1));
    if (state.scenario === 'custom' && state.packet) {
      for (const [key, value] of packetParams(state.packet)) params.set(key, value);
    }
  }
  params.set('lang', state.language);
  return params;
}

/** The fragment of an embedded player: a link's, with its theme and whether it plays at once. */
export function embedParams(state: ShareState, embed: EmbedOptions): URLSearchParams {
  const params = linkParams(state);
  params.set('theme', embed.theme);
  if (embed.autoplay) params.set('autoplay', '1');
  return params;
}

/** The directory the app is served from, whatever page of it is open: `https://host/k/kpviz/`. */
export const appBase = (href: string): string => new URL('.', href).href;

/** The page at `href` with `params` as its fragment (any fragment it had replaced). */
export function appLink(href: string, params: URLSearchParams): string {
  const url = new URL(href);
  url.hash = params.toString();
  return url.href;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an HTML attribute's double quotes, or between tags. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * @example
 *   iframeSnippet('https://docs.example/k/kpviz/index.html#x', params, 'kpviz — Hairpin');
 *   // <iframe src="https://docs.example/k/kpviz/embed.html#scenario=hairpin&amp;step=4…" …
 */
export function iframeSnippet(href: string, params: URLSearchParams, title: string): string {
  const src = `${appBase(href)}embed.html#${params.toString()}`;
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" width="100%" height="480" style="border:0" loading="lazy"></iframe>`;
}

/**
 * The player as a web component: its script, then the element with one attribute a parameter.
 *
 * @example
 *   elementSnippet('https://docs.example/k/kpviz/', params);
 *   // <script type="module" src="https://docs.example/k/kpviz/kpviz-player.js"></script>
 *   // <kpviz-player scenario="hairpin" step="4" lang="en" theme="light"></kpviz-player>
 */
export function elementSnippet(href: string, params: URLSearchParams): string {
  const script = `<script type="module" src="${escapeHtml(`${appBase(href)}kpviz-player.js`)}"></script>`;
  const attributes = [...params].map(([name, value]) => ` ${name}="${escapeHtml(value)}"`);
  return `${script}\n<kpviz-player${attributes.join('')}></kpviz-player>`;
}

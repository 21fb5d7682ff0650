/**
 * The `embed.html` page: one player filling the iframe, configured by the page's fragment, and
 * driven by its parent through postMessage (messages.ts).
 */
import '../styles.css';
import { readEmbedConfig } from './embed-config.ts';
import { isCommand, runCommand, type PlayerMessage } from './messages.ts';
import { mountPlayer } from './mount-player.tsx';

const container = document.getElementById('root');
if (container === null) throw new Error('embed.html has no #root element');

const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
const { config, problems } = readEmbedConfig((key) => params.get(key));

/** To the page around the iframe, whatever its origin: the events carry nothing private. */
const tell = (message: PlayerMessage) => {
  if (window.parent !== window) window.parent.postMessage(message, '*');
};

const player = mountPlayer(container, document.documentElement, config, problems, {
  ready: (detail) => tell({ type: 'kpviz', event: 'ready', detail }),
  step: (detail) => tell({ type: 'kpviz', event: 'step', detail }),
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Commands come from the page that embeds the player, and from nowhere else.
  if (event.source !== window.parent || !isCommand(event.data)) return;
  void runCommand(player.api, event.data).then(tell);
});

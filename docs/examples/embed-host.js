// An example docs page driving two kpviz players: one in an iframe (postMessage), one as the
// <kpviz-player> element (its methods and events). See docs/embedding.md.
const kpviz = new URL(new URLSearchParams(location.search).get('kpviz') ?? '../', location.href);

const script = document.createElement('script');
script.type = 'module';
script.src = new URL('kpviz-player.js', kpviz).href;
document.head.append(script);

const frame = document.getElementById('frame');
frame.src = `${new URL('embed.html', kpviz).href}#${frame.dataset.params}`;
const element = document.getElementById('element');

/** Each event, as a line of the page's log (and on window.kpvizEvents for tests). */
window.kpvizEvents = [];
function log(player, event, detail) {
  window.kpvizEvents.push({ player, event, detail });
  const item = document.createElement('li');
  // A step event is the step; `ready` carries the step shown.
  const step = typeof detail?.step === 'object' ? detail.step : detail;
  const where = step?.chain ? ` ${step.table}/${step.chain}` : '';
  item.textContent = `${player} ${event}${step?.step ? ` step ${step.step}${where}` : ''}`;
  document.getElementById('events').append(item);
}

// The iframe's messages: only from its window, and only kpviz's.
window.addEventListener('message', (message) => {
  if (message.source !== frame.contentWindow || message.data?.type !== 'kpviz') return;
  log('frame', message.data.event, message.data.detail ?? message.data);
});
for (const type of ['kpviz-ready', 'kpviz-step'])
  element.addEventListener(type, (event) => log('element', type.slice(6), event.detail));

let lastId = 0;
/** Send a command to the iframe's player. */
window.commandFrame = (command, ...args) =>
  frame.contentWindow.postMessage({ type: 'kpviz', command, args, id: ++lastId }, kpviz.origin);

for (const controls of document.querySelectorAll('.controls')) {
  controls.addEventListener('click', (event) => {
    const command = event.target.closest('button')?.dataset.command;
    if (!command) return;
    if (controls.dataset.player === 'frame') window.commandFrame(command);
    else element[command]();
  });
}

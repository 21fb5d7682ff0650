import type { Page } from '@playwright/test';
import { SEED_SAVE } from '../src/domain/examples/seed.ts';
import { encodeRules } from '../src/domain/share/rules-codec.ts';
import type { StepEvent } from '../src/ui/embed/player-api.ts';
import { readView } from '../src/ui/graph/test-view.ts';
import { expect, test } from './fixtures.ts';
import { serveStatic, type StaticServer } from '../scripts/static-server.ts';

/** The docs site: another origin than the app's (which Playwright serves on localhost:4173). */
const HOST_PORT = 4174;
const HOST = `http://127.0.0.1:${String(HOST_PORT)}`;
/** Where the host serves its own copy of the built app: a sub-path of its origin. */
const SUB_PATH = '/docs/tools/kpviz/';

test.use({ otherOrigins: [HOST] });

let host: StaticServer | undefined;

test.beforeAll(async () => {
  const app = new URL(test.info().project.use.baseURL ?? 'http://localhost:4173/').origin;
  // A strict docs site: scripts, styles, frames and workers from itself and the app only; no
  // eval, no inline script or style.
  const policy = [
    "default-src 'none'",
    `script-src 'self' ${app}`,
    `style-src 'self' ${app}`,
    "img-src 'self' data:",
    `frame-src 'self' ${app}`,
    `connect-src 'self' ${app}`,
    `worker-src 'self' ${app}`,
  ].join('; ');
  host = await serveStatic(
    [
      { path: SUB_PATH, folder: 'dist' },
      { path: '/', folder: 'docs/examples' },
    ],
    { host: '127.0.0.1', port: HOST_PORT, policy },
  );
});

test.afterAll(async () => {
  await host?.close();
});

/** What the host page logs: a step's event, `ready` (with the step shown) or a command's reply. */
interface Logged {
  readonly player: 'frame' | 'element';
  readonly event: string;
  readonly detail: StepEvent & {
    readonly step: number;
    readonly ok?: boolean;
    readonly message?: string;
    readonly problems?: readonly string[];
  };
}

/** The step a `ready` event says is shown. */
const readyStep = (ready: Logged) => (ready.detail as unknown as { step: StepEvent }).step;

/** The events the host page has logged so far. */
const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { kpvizEvents: Logged[] }).kpvizEvents);

/** Wait for an event the host logged that `match` accepts, and give it. */
async function nextEvent(page: Page, match: (e: Logged) => boolean, after = 0): Promise<Logged> {
  let found: Logged | undefined;
  // Playback steps once a second, and a loaded machine starts two players slowly.
  await expect
    .poll(
      async () => {
        found = (await events(page)).slice(after).find(match);
        return found !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found as Logged;
}

/**
 * The docs page, embedding the app served at `kpviz` (a base URL). Any CSP violation in any
 * frame is a console error, which fails the test (fixtures.ts).
 */
async function openHostPage(page: Page, kpviz: string) {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${HOST}/embed-host.html?kpviz=${encodeURIComponent(kpviz)}`);
}

test('a docs page on another origin drives the iframe and the element, under a strict CSP', async ({
  page,
  baseURL,
}) => {
  const app = new URL(baseURL ?? '').origin;
  const frameRequests: string[] = [];
  page.on('request', (request) => {
    if (request.frame().parentFrame() !== null) frameRequests.push(request.url());
  });
  await openHostPage(page, `${app}/`);

  const frameReady = await nextEvent(page, (e) => e.player === 'frame' && e.event === 'ready');
  expect(frameReady.detail).toMatchObject({
    problems: [],
    step: { scenario: 'nodeport-external', step: 1 },
  });
  const elementReady = await nextEvent(page, (e) => e.player === 'element' && e.event === 'ready');
  expect(elementReady.detail).toMatchObject({
    problems: [],
    step: { scenario: 'node-to-clusterip', step: 1 },
  });

  // The iframe, through postMessage: a step, then playback, then a command it refuses.
  const frame = page.frameLocator('#frame');
  const total = readyStep(frameReady).steps;
  let seen = (await events(page)).length;
  await page.evaluate(() => {
    (window as unknown as { commandFrame: (...a: unknown[]) => void }).commandFrame('step', 5);
  });
  const fifth = await nextEvent(page, (e) => e.player === 'frame' && e.event === 'step', seen);
  expect(fifth.detail).toMatchObject({ scenario: 'nodeport-external', step: 5, steps: total });
  await expect(frame.getByText(`Step 5 of ${String(total)}`)).toBeVisible();

  seen = (await events(page)).length;
  await page.locator('[data-player="frame"]').getByRole('button', { name: 'Play' }).click();
  await nextEvent(
    page,
    (e) => e.player === 'frame' && e.event === 'step' && e.detail.step === 8,
    seen,
  );
  await page.locator('[data-player="frame"]').getByRole('button', { name: 'Pause' }).click();
  const played = (await events(page))
    .slice(seen)
    .filter((e) => e.player === 'frame' && e.event === 'step')
    .map((e) => e.detail.step);
  // Every step announced, in order, none twice.
  expect(played.slice(0, 3)).toEqual([6, 7, 8]);

  seen = (await events(page)).length;
  await page.evaluate(() => {
    (window as unknown as { commandFrame: (...a: unknown[]) => void }).commandFrame(
      'setScenario',
      'no-such-scenario',
    );
  });
  const refused = await nextEvent(page, (e) => e.player === 'frame' && e.event === 'reply', seen);
  expect(refused.detail).toMatchObject({
    ok: false,
    message: 'kpviz: no scenario called “no-such-scenario”',
  });

  // The element, through its methods: another scenario, a step; its own theme.
  const element = page.locator('kpviz-player');
  await expect(element).toHaveAttribute('data-theme', 'dark');
  seen = (await events(page)).length;
  await element.evaluate((el: HTMLElementTagNameMap['kpviz-player']) =>
    el.setScenario('example:hairpin', 2),
  );
  const hairpin = await nextEvent(page, (e) => e.player === 'element' && e.event === 'step', seen);
  expect(hairpin.detail).toMatchObject({ scenario: 'example:hairpin', step: 2 });
  seen = (await events(page)).length;
  await element.evaluate((el: HTMLElementTagNameMap['kpviz-player']) => el.step(4));
  const fourth = await nextEvent(page, (e) => e.player === 'element' && e.event === 'step', seen);
  expect(fourth.detail.step).toBe(4);
  await expect(element.getByText(`Step 4 of ${String(fourth.detail.steps)}`)).toBeVisible();
  // The two players are apart: the iframe's is still where it was paused.
  await expect(frame.getByText(`Step ${String(played.at(-1))} of ${String(total)}`)).toBeVisible();

  // The iframe asked its own origin only (the fixture checks the page's asked no third one).
  expect(frameRequests.length).toBeGreaterThan(0);
  expect(frameRequests.filter((url) => new URL(url).origin !== app)).toEqual([]);
});

test('an element follows its attributes, and takes commands given before it is on screen', async ({
  page,
  baseURL,
}) => {
  await openHostPage(page, `${new URL(baseURL ?? '').origin}/`);
  await nextEvent(page, (e) => e.player === 'element' && e.event === 'ready');

  // A second element, told a scenario the moment it is added, before it has drawn anything.
  await page.evaluate(async () => {
    const element = document.createElement('kpviz-player');
    element.id = 'second';
    const counts = { ready: 0 };
    (window as unknown as { secondCounts: typeof counts }).secondCounts = counts;
    element.addEventListener('kpviz-ready', () => counts.ready++);
    document.body.append(element);
    await element.setScenario('hairpin', 3);
  });
  const second = page.locator('#second');
  await expect(second.getByText(/^Step 3 of \d+$/)).toBeVisible();
  const readies = () =>
    page.evaluate(
      () => (window as unknown as { secondCounts: { ready: number } }).secondCounts.ready,
    );
  await expect.poll(readies).toBe(1);

  // Changed attributes move the player without starting it again: no second ready.
  await second.evaluate((el) => {
    el.setAttribute('scenario', 'hairpin');
    el.setAttribute('step', '7');
  });
  await expect(second.getByText(/^Step 7 of \d+$/)).toBeVisible();
  expect(await readies()).toBe(1);
  // A new language re-renders in place; the rules stay.
  await second.evaluate((el) => el.setAttribute('lang', 'zh'));
  await expect(second.locator('.embed')).toHaveAttribute('lang', 'zh-Hans');
  await expect(second.getByText(/^Step 7 of \d+$/)).toBeHidden();
});

test('a copy of the app on a sub-path of the docs site’s own origin embeds the same way', async ({
  page,
}) => {
  await openHostPage(page, SUB_PATH);
  await nextEvent(page, (e) => e.player === 'frame' && e.event === 'ready');
  await nextEvent(page, (e) => e.player === 'element' && e.event === 'ready');
  await expect(page.frameLocator('#frame').getByText(/^Step 1 of \d+$/)).toBeVisible();
  await expect(page.locator('kpviz-player').getByText(/^Step 1 of \d+$/)).toBeVisible();
});

test('the iframe opens a shared dump from its link, and says what it could not use', async ({
  page,
}) => {
  const dump = SEED_SAVE.replace(
    'COMMIT',
    ':DOCS-EXAMPLE - [0:0]\n-A DOCS-EXAMPLE -j RETURN\nCOMMIT',
  );
  const code = await encodeRules({ text: dump, options: { format: 'save' } });
  if (!code.ok) throw new Error('the dump is too big for a link');
  await page.goto(`./embed.html#rules=${code.text}&panels=controls,nonsense&lang=zh`);
  await expect(page.getByText('DOCS-EXAMPLE', { exact: true })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('panels="controls,nonsense"');
  // Configured in Chinese, whatever the browser's language.
  await expect(page.locator('.embed')).toHaveAttribute('lang', 'zh-Hans');
});

/** The player in a small window at step 3 of NodePort from outside: its graph, SVG and view. */
async function playerAtStep3(page: Page) {
  await page.setViewportSize({ width: 900, height: 520 });
  await page.goto('./embed.html#scenario=nodeport-external&step=3&panels=controls');
  await expect(page.getByText(/^Step 3 of \d+$/)).toBeVisible();
  const graph = page.getByRole('group', { name: /rules as a graph of chains; the packet is at / });
  const svg = graph.locator(':scope > svg');
  return { graph, svg, viewport: svg.locator(':scope > g') };
}

test('the player’s graph keeps the packet in sight as it plays, and pans and zooms by hand', async ({
  page,
}) => {
  const { graph, svg, viewport } = await playerAtStep3(page);
  const marker = svg.locator('circle.marker');
  // The packet and the rule beside it (half a node, 144 px at the readable zoom) inside the
  // graph's box, once the marker's trip (≤ 0.7 s) is over.
  const inSight = async () => {
    const [box, dot] = await Promise.all([svg.boundingBox(), marker.boundingBox()]);
    if (!box || !dot) return false;
    return (
      dot.x >= box.x &&
      dot.y >= box.y &&
      dot.x + 144 <= box.x + box.width &&
      dot.y <= box.y + box.height
    );
  };
  // One box ringed as the step's (the marks' stylesheet: 3 px in the play colour).
  const ringed = () =>
    svg.evaluate(
      (el) =>
        [...el.querySelectorAll('[data-node] > .ring, .stage[data-node] > rect')].filter(
          (ring) => getComputedStyle(ring).strokeWidth === '3px',
        ).length,
    );
  await expect.poll(ringed).toBe(1);
  await expect.poll(inSight).toBe(true);
  // Step by step through the first half: the view follows wherever the packet goes.
  const forward = page.getByRole('button', { name: 'Step forward' });
  for (let step = 4; step <= 16; step++) {
    await forward.click();
    await expect(page.getByText(new RegExp(`^Step ${String(step)} of \\d+$`))).toBeVisible();
    await expect.poll(inSight).toBe(true);
  }

  // A drag pans; Ctrl + wheel zooms; a plain wheel is left to the page.
  const before = await viewport.getAttribute('transform');
  const box = await svg.boundingBox();
  if (!box) throw new Error('no graph box');
  await page.mouse.move(box.x + 200, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + 260, box.y + 230, { steps: 4 });
  await page.mouse.up();
  const panned = await viewport.getAttribute('transform');
  expect(panned).not.toBe(before);
  // The page sees the plain wheel as its own: nothing cancelled it.
  await page.evaluate(() => {
    addEventListener('wheel', (event) => {
      (window as unknown as { wheelCancelled: boolean }).wheelCancelled = event.defaultPrevented;
    });
  });
  await page.mouse.wheel(0, 200);
  await expect(page.getByText('Ctrl + wheel (⌘ + wheel on a Mac) zooms the graph')).toBeVisible();
  expect(await viewport.getAttribute('transform')).toBe(panned);
  expect(
    await page.evaluate(() => (window as unknown as { wheelCancelled: boolean }).wheelCancelled),
  ).toBe(false);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  const zoom = (t: string | null) => readView(t).zoom;
  expect(zoom(await viewport.getAttribute('transform'))).toBeGreaterThan(zoom(panned));

  // From the keyboard: focused, the graph takes the arrow keys; the player keeps its step.
  const shown = page.getByText(/^Step \d+ of \d+$/);
  const stepText = await shown.textContent();
  const zoomed = await viewport.getAttribute('transform');
  await graph.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => viewport.getAttribute('transform')).not.toBe(zoomed);
  await expect(shown).toHaveText(stepText ?? '');
});

/** A finger on the screen: its id, and where it is in the page's viewport. */
type Finger = readonly [id: number, x: number, y: number];

/**
 * Real touches on `page`, as a touch screen sends them (Chromium makes the pointer events from
 * them): fingers put down, moved, or (touchEnd) lifted. A touchEnd lists the fingers it lifts:
 * the protocol's documentation says touchEnd lists none, but the Chromium here lifts exactly
 * those listed, and a touch list without a finger does not lift it.
 */
async function touchScreen(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 2 });
  return (type: 'touchStart' | 'touchMove' | 'touchEnd', fingers: readonly Finger[]) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: fingers.map(([id, x, y]) => ({ id, x, y })),
    });
}

test('two fingers pinch the player’s graph on a touch screen, and one pans it', async ({
  page,
}) => {
  // No glide: the view is at once where the packet's framing puts it, so the pinch starts there.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { svg, viewport } = await playerAtStep3(page);
  const view = async () => readView(await viewport.getAttribute('transform'));
  // Framed: the packet at the readable zoom (READABLE_ZOOM, 0.8).
  await expect(viewport).toHaveAttribute('transform', /scale\(0\.8\)/);
  const start = await view();
  const box = await svg.boundingBox();
  if (!box) throw new Error('no graph box');
  const screen = await touchScreen(page);
  const middle = { x: box.x + 400, y: box.y + 200 };
  /** Fingers `[id, dx, dy]` from the middle. */
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', fingers: readonly Finger[]) =>
    screen(
      type,
      fingers.map(([id, dx, dy]) => [id, middle.x + dx, middle.y + dy]),
    );
  // Where the graph point between the fingers is on screen, in the box.
  const graphPoint = { x: (400 - start.x) / start.zoom, y: (200 - start.y) / start.zoom };
  await touch('touchStart', [
    [0, -40, 0],
    [1, 40, 0],
  ]);
  for (const gap of [50, 60, 70, 80]) {
    await touch('touchMove', [
      [0, -gap, 0],
      [1, gap, 0],
    ]);
  }
  // Twice the fingers' spread, twice the zoom (the limit is 2), about the same middle. Chromium
  // hands moves to the page with the next frame: polled.
  await expect.poll(async () => (await view()).zoom).toBeCloseTo(Math.min(2, start.zoom * 2), 5);
  const pinched = await view();
  expect(graphPoint.x * pinched.zoom + pinched.x).toBeCloseTo(400, 3);
  expect(graphPoint.y * pinched.zoom + pinched.y).toBeCloseTo(200, 3);

  // One finger lifted, the other pans from where it is.
  await touch('touchEnd', [[1, 80, 0]]);
  await touch('touchMove', [[0, -50, 30]]);
  await expect.poll(async () => (await view()).x - pinched.x).toBeCloseTo(30, 3);
  const panned = await view();
  expect(panned.zoom).toBe(pinched.zoom);
  expect(panned.y - pinched.y).toBeCloseTo(30, 3);
  await touch('touchEnd', []);
});

test('one finger on the player’s graph scrolls the docs page, and the graph says two move it', async ({
  page,
  baseURL,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 900, height: 600 });
  await openHostPage(page, `${new URL(baseURL ?? '').origin}/`);
  await nextEvent(page, (e) => e.player === 'element' && e.event === 'ready');
  const graph = page.locator('#element').getByRole('group', { name: /rules as a graph of chains/ });
  const svg = graph.locator(':scope > svg');
  const viewport = svg.locator(':scope > g');
  // The page scrolled to its end, the element's graph on screen.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(200);
  const box = await svg.boundingBox();
  if (!box) throw new Error('no graph box');
  const shown = await viewport.getAttribute('transform');
  const touch = await touchScreen(page);
  const x = box.x + box.width / 2;
  const y = Math.max(box.y, 0) + 100;
  await touch('touchStart', [[0, x, y]]);
  for (let down = 10; down <= 150; down += 10) await touch('touchMove', [[0, x, y + down]]);
  await expect(graph.getByText('Two fingers move and zoom the graph')).toBeVisible();
  await touch('touchEnd', []);
  // The finger moved down: the page went up by about as much, the graph stayed.
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(scrolled - 100);
  expect(await viewport.getAttribute('transform')).toBe(shown);

  // Two fingers are the graph's, moving down as they spread: it zooms, the page stays.
  await page.waitForTimeout(500);
  const still = await page.evaluate(() => window.scrollY);
  const at = await svg.boundingBox();
  if (!at) throw new Error('no graph box');
  const middle = { x: at.x + at.width / 2, y: Math.max(at.y, 0) + 100 };
  const fingers = (gap: number, down: number): Finger[] => [
    [0, middle.x - gap, middle.y + down],
    [1, middle.x + gap, middle.y + down],
  ];
  await touch('touchStart', fingers(40, 0));
  for (const step of [1, 2, 3, 4]) await touch('touchMove', fingers(40 + 10 * step, 20 * step));
  const zoom = readView(shown).zoom;
  await expect
    .poll(async () => readView(await viewport.getAttribute('transform')).zoom)
    .toBeCloseTo(Math.min(2, zoom * 2), 5);
  // One finger lifted: the other is still the graph's, and pans it.
  const pinched = readView(await viewport.getAttribute('transform'));
  const [left, right] = fingers(80, 80);
  if (!left || !right) throw new Error('no fingers');
  await touch('touchEnd', [right]);
  for (const step of [1, 2, 3]) await touch('touchMove', [[0, left[1], left[2] + 20 * step]]);
  await expect
    .poll(async () => readView(await viewport.getAttribute('transform')).y - pinched.y)
    .toBeCloseTo(60, 3);
  await touch('touchEnd', []);
  expect(await page.evaluate(() => window.scrollY)).toBe(still);
});

test('each player fits its box on a phone and on a desk: the graph in view, the panels scrolling', async ({
  page,
  baseURL,
}) => {
  await openHostPage(page, `${new URL(baseURL ?? '').origin}/`);
  const frameReady = await nextEvent(page, (e) => e.player === 'frame' && e.event === 'ready');
  await nextEvent(page, (e) => e.player === 'element' && e.event === 'ready');
  const players = [
    { box: page.locator('#frame'), inside: page.frameLocator('#frame').locator('.embed') },
    { box: page.locator('#element'), inside: page.locator('#element .embed') },
  ];
  for (const width of [390, 1000]) {
    await page.setViewportSize({ width, height: 800 });
    for (const { box, inside } of players) {
      await expect(async () => {
        const [outer, graph, aside] = await Promise.all([
          box.boundingBox(),
          inside.locator('.embed-graph').boundingBox(),
          inside.locator('.embed-aside').boundingBox(),
        ]);
        if (!outer || !graph || !aside) throw new Error('a part of the player has no box');
        // The panels, however long the narration, stay in the box and leave the graph the
        // larger part of it, room enough to follow the packet.
        expect(aside.y + aside.height).toBeLessThanOrEqual(outer.y + outer.height + 1);
        expect(graph.y + graph.height).toBeLessThanOrEqual(outer.y + outer.height + 1);
        expect(graph.height).toBeGreaterThanOrEqual(180);
        // Under the graph on a phone, beside it on a desk.
        if (width < 500) expect(graph.height).toBeGreaterThanOrEqual(aside.height * 1.5);
        else expect(aside.x).toBeGreaterThanOrEqual(graph.x + graph.width - 1);
      }).toPass();
    }
  }

  // On a phone the iframe's steps scroll, and the last step played is in sight among them.
  await page.setViewportSize({ width: 390, height: 800 });
  const last = readyStep(frameReady).steps;
  await page.evaluate((step) => {
    (window as unknown as { commandFrame: (...a: unknown[]) => void }).commandFrame('step', step);
  }, last);
  const timeline = page.frameLocator('#frame').getByRole('navigation', { name: 'Steps' });
  const current = timeline.locator('[aria-current="step"]');
  await expect(current).toHaveText(String(last));
  await expect(async () => {
    const [list, chip] = await Promise.all([timeline.boundingBox(), current.boundingBox()]);
    if (!list || !chip) throw new Error('no timeline');
    expect(await timeline.evaluate((nav) => nav.scrollHeight > nav.clientHeight)).toBe(true);
    expect(chip.y).toBeGreaterThanOrEqual(list.y);
    expect(chip.y + chip.height).toBeLessThanOrEqual(list.y + list.height + 0.5);
  }).toPass();
});

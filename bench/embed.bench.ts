import react from '@vitejs/plugin-react';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, createLogger } from 'vite';
import { launchOptions } from '../scripts/chromium.ts';
import { fmt, quantile, row, serveFolder, type StaticServer } from './measure.ts';

const ROUNDS = 7;
const TARGET_KB = 150;
const KB = 1000;
const PARAMS = 'scenario=nodeport-external&step=1';
/** How long the first load goes on recording after ready: what the player fetches once on screen. */
const LATER_MS = 2_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The floor's source, and the docs page (host.html) the bench embeds the players in. */
const FIXTURES = join(ROOT, 'bench/floor');

/** A player (or the floor) as the docs page inserts it; `folder` holds the files its server sends. */
interface Target {
  readonly label: string;
  readonly kind: 'frame' | 'element';
  readonly server: StaticServer;
  readonly folder: string;
  readonly path: string;
}
const targetOf =
  (label: string, kind: Target['kind'], server: StaticServer, folder: string) =>
  (path: string): Target => ({ label, kind, server, folder, path });

/** A file the player's server sent (200), its kind as Chromium fetched it, and its sizes. */
interface Fetched {
  readonly path: string;
  readonly kind: string;
  readonly raw: number;
  readonly gz: number;
  readonly later: boolean;
}

/** The graph's nodes: the player's drawn boxes (drawn-graph.tsx), the floor's React Flow nodes. */
const NODES = '[data-node], .react-flow__node';

/** What a load tells: ms from insertion to ready, problems the player reported, graph nodes then. */
interface Load {
  readonly ms: number;
  readonly problems: number;
  readonly nodes: number;
  readonly files: readonly Fetched[];
}

/** Sec-Fetch-Dest → kind; the order of the table's rows. */
const KINDS: Readonly<Record<string, string>> = {
  iframe: 'HTML',
  style: 'CSS',
  script: 'JS, page',
  worker: 'JS, workers',
};
const kB = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;
const total = (files: readonly Fetched[], pick: (f: Fetched) => number) =>
  files.reduce((sum, f) => sum + pick(f), 0);
/** The gzip size of what a player fetched before ready, JS (workers included) and CSS. */
const firstFrameGz = (files: readonly Fetched[]) =>
  total(
    files.filter((f) => !f.later && /^(JS|CSS)/.test(f.kind)),
    (f) => f.gz,
  );

const sizes = new Map<string, Promise<{ raw: number; gz: number }>>();
const sizeOf = (file: string) => {
  const gzip = (bytes: Buffer) => ({ raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length });
  const size = sizes.get(file) ?? readFile(file).then(gzip);
  sizes.set(file, size);
  return size;
};

/** A page of `context` that opens `target` on the host page, afresh on each call. */
async function opener(context: BrowserContext, host: StaticServer, target: Target) {
  const page = await context.newPage();
  let settle: (ready: { ms: number; problems: number; at: number }) => void = () => {};
  await page.exposeBinding('__ready', (_source, ms: number, problems: number) =>
    settle({ ms, problems, at: performance.now() }),
  );
  let round = 0;
  return async (later = 0): Promise<Load> => {
    const served = target.server.served;
    served.length = 0;
    const ready = new Promise<{ ms: number; problems: number; at: number }>((resolve, reject) => {
      settle = resolve;
      setTimeout(() => reject(new Error(`${target.label}: no ready in 60 s`)), 60_000).unref();
    });
    const src = `${target.server.origin}/${target.path}`;
    // A new address each load: a navigation to the address shown may count as a reload.
    const query = new URLSearchParams({ kind: target.kind, src, params: PARAMS, n: `${++round}` });
    await page.goto(`${host.origin}/host.html?${query.toString()}`);
    const { ms, problems, at } = await ready;
    const counts = page.frames().map((f) => f.locator(NODES).count());
    const nodes = (await Promise.all(counts)).reduce((a, b) => a + b, 0);
    await new Promise((resolve) => setTimeout(resolve, later));
    const files = served
      .filter((s) => s.status === 200)
      .map(async (s) => ({
        path: s.path.slice(1),
        kind: KINDS[s.dest] ?? `other (${s.dest})`,
        later: s.at > at,
        ...(await sizeOf(join(target.folder, s.path))),
      }));
    return { ms, problems, nodes, files: await Promise.all(files) };
  };
}

/**
 * Loads of each target: ROUNDS cold (a fresh context each, the first also recording LATER_MS
 * past ready) and ROUNDS warm (one context, loaded once unmeasured, then again each round).
 */
async function loads(browser: Browser, host: StaticServer, targets: readonly Target[]) {
  const cold = targets.map((): Load[] => []);
  const warm = targets.map((): Load[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    // Each round in another order, so a drift in the shared machine's load falls on all.
    for (let k = 0; k < targets.length; k++) {
      const i = (k + round) % targets.length;
      const context = await browser.newContext({ locale: 'en-US' });
      const open = await opener(context, host, targets[i] as Target);
      cold[i]?.push(await open(round === 0 ? LATER_MS : 0));
      await context.close();
    }
  }
  const contexts = await Promise.all(targets.map(() => browser.newContext({ locale: 'en-US' })));
  const opens = await Promise.all(
    targets.map((t, i) => opener(contexts[i] as BrowserContext, host, t)),
  );
  for (const open of opens) await open();
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, open] of opens.entries()) warm[i]?.push(await open());
  await Promise.all(contexts.map((c) => c.close()));
  return { cold, warm };
}

/**
 * What the embedded player downloads before its first frame, and how long an iframe takes to
 * show it, beside a floor: React, ReactDOM and React Flow drawing five nodes, in the same kind
 * of iframe. The current source is built apart from dist/, served from localhost to a docs page
 * on 127.0.0.1 and loaded in Chromium. The files counted are those the player's server sent,
 * each of the kind Chromium fetched it as (its Sec-Fetch-Dest), gzipped here. It reports; a
 * failure is printed.
 */
export async function benchEmbed(): Promise<void> {
  console.log(
    '\nembed: what the embedded player downloads before its first frame (cold cache, gzip -9), and' +
      ' its time to first frame in an iframe, beside React + React Flow (the floor)',
  );
  const temp = await mkdtemp(join(tmpdir(), 'kpviz-bench-embed-'));
  const [kpviz, floor] = [join(temp, 'kpviz'), join(temp, 'floor')];
  const servers: StaticServer[] = [];
  let browser: Browser | undefined;
  const warnings = new Set<string>();
  const logger = createLogger('warn');
  logger.warn = logger.warnOnce = (message) => {
    // eslint-disable-next-line no-control-regex -- the terminal's colour codes
    const lines = message.replace(/\x1b\[[\d;]*m/g, '').split('\n');
    const first = lines.find((l) => l.trim() !== '' && !l.startsWith('[plugin')) ?? '';
    // The plugins' timings say how long the build took on this machine, not what it made.
    if (!first.includes('PLUGIN_TIMINGS')) warnings.add(first.replace(/ Consider:$/, ''));
  };
  const quiet = { root: ROOT, logLevel: 'warn', customLogger: logger } as const;
  try {
    const buildKpviz = (config: string, emptyOutDir: boolean) =>
      build({ ...quiet, configFile: join(ROOT, config), build: { outDir: kpviz, emptyOutDir } });
    // As `npm run build` does: the app, then the player (embed.html and the element) beside it.
    await buildKpviz('vite.config.ts', true);
    await buildKpviz('vite.player.config.ts', false);
    await build({
      ...quiet,
      ...{ configFile: false, root: FIXTURES, base: './', plugins: [react()] },
      build: { outDir: floor, emptyOutDir: true, target: 'es2022' },
    });
    servers.push(await serveFolder(kpviz), await serveFolder(floor));
    servers.push(await serveFolder(FIXTURES, '127.0.0.1'));
    const [app, base, host] = servers as [StaticServer, StaticServer, StaticServer];
    const frame = targetOf('iframe player', 'frame', app, kpviz)(`embed.html#${PARAMS}`);
    const baseline = targetOf('floor (iframe)', 'frame', base, floor)('index.html');
    const element = targetOf('<kpviz-player>', 'element', app, kpviz)('kpviz-player.js');
    browser = await chromium.launch(launchOptions);
    const { cold, warm } = await loads(browser, host, [frame, baseline]);
    const context = await browser.newContext({ locale: 'en-US' });
    const elementLoad = await (await opener(context, host, element))(LATER_MS);
    await context.close();
    const surveys = [cold[0]?.[0], elementLoad, cold[1]?.[0]] as Load[];
    const labels = [frame.label, element.label, baseline.label];

    row('', 'files', 'raw', 'gzip', 'later files', 'later gzip');
    for (const [i, { files }] of surveys.entries()) {
      const kinds = [...new Set([...Object.values(KINDS), ...files.map((f) => f.kind)])];
      const groups = kinds.map((kind) => [kind, files.filter((f) => f.kind === kind)] as const);
      groups.push(['JS + CSS, workers included', files.filter((f) => /^(JS|CSS)/.test(f.kind))]);
      for (const [name, group] of groups) {
        const [now, later] = [group.filter((f) => !f.later), group.filter((f) => f.later)];
        if (name === 'HTML' && group.length === 0) continue;
        const cells = [`${now.length}`, kB(total(now, (f) => f.raw)), kB(total(now, (f) => f.gz))];
        row(
          `${labels[i] ?? ''}: ${name}`,
          ...cells,
          `${later.length}`,
          kB(total(later, (f) => f.gz)),
        );
      }
    }
    console.log(
      '  (the files the player’s server sent from the insertion to ready; later: in the' +
        ` ${LATER_MS / 1000} s after; kinds by Chromium’s Sec-Fetch-Dest, a worker’s script counted as` +
        ' JS; sizes of the built files, gzip level 9 here; kB = 1,000 bytes)',
    );
    for (const [i, { files }] of surveys.slice(0, 2).entries()) {
      console.log(`  ${labels[i] ?? ''}, largest before its first frame:`);
      const top = files.filter((f) => !f.later).sort((a, b) => b.gz - a.gz);
      for (const f of top.slice(0, 8)) row(`    ${f.path}`, f.kind, kB(f.raw), kB(f.gz));
    }
    const [playerGz = NaN, elementGz = NaN, floorGz = NaN] = surveys.map((s) =>
      firstFrameGz(s.files),
    );
    for (const [i, gz] of [playerGz, elementGz].entries())
      console.log(
        `  ${labels[i] ?? ''} JS+CSS ${kB(gz)} gz beside the floor’s ${kB(floorGz)}:` +
          ` ${kB(gz - floorGz)} over it, ${(gz / floorGz).toFixed(2)}×`,
      );
    const blank = surveys.flatMap((s, i) => (s.nodes === 0 ? [labels[i]] : []));
    const problems = surveys.reduce((sum, s) => sum + s.problems, 0);
    console.log(
      `  (${blank.length > 0 ? `NO graph nodes in the DOM at ready: ${blank.join(', ')}` : 'graph nodes in the DOM at ready in each'};` +
        ` ${problems > 0 ? `the players reported ${String(problems)} problems` : 'no problems reported'};` +
        ` the element starts no worker: a page may not start one from another origin’s script${
          warnings.size > 0 ? `; vite warned: ${[...warnings].join(' / ')}` : ''
        })`,
    );

    row('', 'cold p50', 'cold p90', 'warm p50', 'warm p90', '× floor cold', '× floor warm');
    const times = (set: readonly Load[] | undefined) => (set ?? []).map((l) => l.ms);
    const ms = (set: readonly Load[] | undefined, q: number) => quantile(times(set), q);
    for (const [i, label] of [frame.label, baseline.label].entries())
      row(
        `${label}: insert → ready`,
        ...[ms(cold[i], 0.5), ms(cold[i], 0.9), ms(warm[i], 0.5), ms(warm[i], 0.9)].map(fmt),
        `${(ms(cold[i], 0.5) / ms(cold[1], 0.5)).toFixed(2)}×`,
        `${(ms(warm[i], 0.5) / ms(warm[1], 0.5)).toFixed(2)}×`,
      );
    console.log(
      `  (${ROUNDS} rounds, interleaved; the p90 of ${ROUNDS} is the slowest. On the host page’s clock,` +
        ' from inserting the iframe to its ready message: the player’s a frame after its graph is on' +
        ' screen, the floor’s a frame after its nodes are in the DOM. Cold: a fresh browser context' +
        ' each round; warm: one context loading the page again, files under assets/ cached as immutable,' +
        ' the others revalidated by ETag)',
    );
    const met = playerGz <= TARGET_KB * KB;
    console.log(
      `target: player JS+CSS ≤ ${TARGET_KB} kB gz: ${met ? 'met' : 'NOT met'} (${kB(playerGz)}:` +
        ' everything the iframe player fetches before its first frame, workers included, HTML not)',
    );
  } catch (error) {
    console.log(`embed: not measured: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    await rm(temp, { recursive: true, force: true });
  }
}

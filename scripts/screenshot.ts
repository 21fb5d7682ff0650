// Takes the README screenshots of the built app, served by `vite preview`: the
// seed example's graph in the light and the dark theme, and its rules as tables.
// Run `npm run build` first.
//
//   npx tsx scripts/screenshot.ts [--out-dir docs]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { launchOptions } from './chromium.ts';

const { values } = parseArgs({
  options: {
    'out-dir': { type: 'string', default: 'docs' },
    port: { type: 'string', default: '4174' },
  },
});
const url = `http://localhost:${values.port}/`;

interface Shot {
  readonly file: string;
  readonly colorScheme: 'light' | 'dark';
  /** Gets the page to what the picture shows, and waits until it is drawn. */
  readonly show: (page: Page) => Promise<void>;
}

/**
 * The seed's Service chain, brought into view and selected as a search does,
 * so its rules and the details panel are readable; the search is cleared again.
 */
const showGraph = async (page: Page) => {
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('KUBE-SVC-I64SNEMOLCWHJHS3');
  await search.press('Enter');
  await page.getByRole('heading', { name: 'Chain KUBE-SVC-I64SNEMOLCWHJHS3' }).waitFor();
  await search.fill('');
  await page.getByRole('region', { name: 'Search results' }).waitFor({ state: 'detached' });
};

const SHOTS: readonly Shot[] = [
  { file: 'graph-light.png', colorScheme: 'light', show: showGraph },
  { file: 'graph-dark.png', colorScheme: 'dark', show: showGraph },
  {
    file: 'screenshot.png',
    colorScheme: 'light',
    show: async (page) => {
      await page.getByRole('tab', { name: 'Rules' }).click();
      await page.getByRole('region', { name: 'nat table' }).waitFor();
    },
  },
];

if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

// Vite's own entry under this Node, not `npx`, so killing `server` stops the server itself.
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--port', values.port, '--strictPort'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);

async function waitForServer(deadline = Date.now() + 30_000) {
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

let browser;
try {
  await waitForServer();
  browser = await chromium.launch(launchOptions);
  await mkdir(values['out-dir'], { recursive: true });
  for (const shot of SHOTS) {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      colorScheme: shot.colorScheme,
    });
    await page.goto(url);
    await shot.show(page);
    const out = join(values['out-dir'], shot.file);
    await page.screenshot({ path: out });
    await page.close();
    console.log(`wrote ${out}`);
  }
} finally {
  await browser?.close();
  server.kill();
}

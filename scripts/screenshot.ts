// Takes the README screenshot (docs/screenshot.png) of the built app, served by
// `vite preview`. Run `npm run build` first.
//
//   npx tsx scripts/screenshot.ts [--dark] [--out docs/screenshot.png]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { launchOptions } from './chromium.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshot.png' },
    dark: { type: 'boolean', default: false },
    port: { type: 'string', default: '4174' },
  },
});
const url = `http://localhost:${values.port}/`;

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
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: values.dark ? 'dark' : 'light',
  });
  await page.goto(url);
  await page.getByRole('region', { name: 'nat table' }).waitFor();
  await mkdir(dirname(values.out), { recursive: true });
  await page.screenshot({ path: values.out });
  console.log(`wrote ${values.out}`);
} finally {
  await browser?.close();
  server.kill();
}

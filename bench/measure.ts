import { createServer } from 'node:net';
import { serveStatic, type StaticServer } from '../scripts/static-server.ts';

export type { StaticServer };
/** Median wall time of `fn` over `runs` runs after `warmup` unmeasured ones, in ms. */
export function medianMs(fn: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

export function row(label: string, ...cells: string[]): void {
  console.log(`${label.padEnd(44)}${cells.map((c) => c.padStart(14)).join('')}`);
}

/** A TCP port nothing listens on now, for a server the benchmark starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The value at quantile `q` (0–1) of `values`, nearest rank: the p90 of 7 values is the largest. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

/**
 * `folder` served on `host` and a free port, as a static host serves a Vite build
 * (scripts/static-server.ts).
 *
 * @example
 *   const app = await serveFolder(outDir);
 *   await page.goto(`${app.origin}/index.html`); // app.served: what the page fetched
 */
export function serveFolder(folder: string, host = 'localhost'): Promise<StaticServer> {
  return serveStatic([{ path: '/', folder }], { host });
}

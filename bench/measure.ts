import { createServer } from 'node:net';
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

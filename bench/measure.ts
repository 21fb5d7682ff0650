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

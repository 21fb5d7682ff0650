/**
 * Orders that do not depend on the platform's locale data, so that a layout
 * sorted by them is the same in every browser and in Node.
 */

/**
 * Code-point order.
 *
 * @example
 *   ['b', 'B', 'a'].sort(compareText); // ['B', 'a', 'b']
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const RUNS = /(\d+)|(\D+)/g;

/**
 * Code-point order with runs of digits compared as numbers, so `svc2` comes
 * before `svc10` and `10.0.0.9` before `10.0.0.10`.
 *
 * @example
 *   ['svc10', 'svc2'].sort(naturalCompare); // ['svc2', 'svc10']
 */
export function naturalCompare(a: string, b: string): number {
  const left = a.match(RUNS) ?? [];
  const right = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x === y) continue;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    const order = digits ? Number(x) - Number(y) || compareText(x, y) : compareText(x, y);
    if (order !== 0) return order;
  }
  return left.length - right.length || compareText(a, b);
}

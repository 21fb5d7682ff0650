/**
 * statistic's probability. iptables stores lround(p·2^31) (libxt_statistic:
 * halves round away from zero, so 2^-32 is stored as 1) and prints the stored
 * number divided by 2^31 with printf's `%.11f`. glibc prints the exact binary
 * value rounded to 11 decimals, ties to even: 2^-12 = 0.000244140625 is
 * printed 0.00024414062, where JavaScript's toFixed would round up.
 */

/** 2^31: the kernel keeps a probability as round(p·2^31) and compares 31 random bits with it. */
export const PROBABILITY_SCALE = 0x80000000;
const SCALE = PROBABILITY_SCALE;
/** stored/2^31 = stored·5^31/10^31: the exact decimal digits of the printed value. */
const FIVE_31 = 5n ** 31n;
/** The 31 − 11 decimals printf drops. */
const DROPPED = 10n ** 20n;

/** strtod's decimal forms (`.5`, `5e-1`, `1.`); hex floats and inf/nan are not read. */
const DECIMAL = /^\+?([0-9]+\.?[0-9]*|\.[0-9]+)(e[-+]?[0-9]+)?$/i;

/** `%.11f` of stored/2^31, exactly. */
export function formatProbability(stored: number): string {
  const exact = BigInt(stored) * FIVE_31;
  let kept = exact / DROPPED;
  const rest = exact % DROPPED;
  const half = DROPPED / 2n;
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  const digits = kept.toString().padStart(12, '0');
  return `${digits.slice(0, -11)}.${digits.slice(-11)}`;
}

/** `--probability P` as iptables-save prints it back: `0.33333` → `0.33332999982`. */
export function quantiseProbability(text: string): string | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const p = Number(text);
  if (!(p >= 0 && p <= 1)) return undefined;
  // p·2^31 is exact in a double; Math.round is lround for p ≥ 0.
  return formatProbability(Math.round(p * SCALE));
}

/**
 * What the kernel stores for `--probability TEXT`: round(p·2^31). p·2^31 is
 * exact in a double, and Math.round is lround for p ≥ 0.
 */
export function storedProbability(text: string): number {
  return Math.round(Number(text) * SCALE);
}

/** How often a statistic match with `--probability TEXT` holds: stored/2^31. */
export function kernelProbability(text: string): number {
  return storedProbability(text) / SCALE;
}

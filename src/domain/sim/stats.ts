/**
 * Statistics for comparing the simulator's exact probabilities with counts observed by sending
 * real packets (random branches: `statistic --mode random`). Pure functions, no randomness.
 *
 * - `testCategoryCounts`: are the observed counts of categories (e.g. which endpoint a
 *   connection went to) consistent with the simulator's probabilities? A correct simulator
 *   fails it with probability at most `alpha` (default 1e-6): each category's count is
 *   Binomial(n, p) under the simulator, gets an exact two-sided p-value, and a category fails
 *   when its p-value is at most alpha / K (Bonferroni over the K categories).
 * - `samplesToObserveAll` / `samplesToObserveAllWithMin`: how many samples make "every category
 *   of probability ≥ pmin was observed at least once" fail by chance with probability at most
 *   `failure` (default 1e-7).
 *
 * Everything is computed in log space, so tiny tail probabilities do not lose their precision.
 */

/** Categories tie in likelihood within this relative difference (as R's binom.test does). */
const TIE = 1 + 1e-7;
/** Probabilities are accepted as summing to 1 within this. */
const SUM_TOLERANCE = 1e-9;

const LOG_FACTORIALS: number[] = [0];
const TABLE_SIZE = 256;
for (let i = 1; i < TABLE_SIZE; i++) LOG_FACTORIALS.push(LOG_FACTORIALS[i - 1]! + Math.log(i));
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln(n!) for an integer n ≥ 0: a table below 256, Stirling's series above (error < 1e-15). */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial(${n})`);
  if (n < TABLE_SIZE) return LOG_FACTORIALS[n]!;
  const x = n + 1;
  const x2 = x * x;
  return (
    (x - 0.5) * Math.log(x) -
    x +
    HALF_LOG_2PI +
    1 / (12 * x) -
    1 / (360 * x * x2) +
    1 / (1260 * x * x2 * x2)
  );
}

/** ln P(X = k) for X ~ Binomial(n, p); -Infinity when impossible. */
export function logBinomialPmf(n: number, k: number, p: number): number {
  checkCount(n, 'n');
  checkCount(k, 'k');
  checkProbability(p);
  if (k > n) return -Infinity;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  return (
    logFactorial(n) -
    logFactorial(k) -
    logFactorial(n - k) +
    k * Math.log(p) +
    (n - k) * Math.log1p(-p)
  );
}

/** ln(Σ exp(terms)), without overflow or underflow. */
function logSumExp(terms: readonly number[]): number {
  // A loop, not Math.max(...terms): a spread of 10⁵ arguments overflows the stack.
  let max = -Infinity;
  for (const t of terms) if (t > max) max = t;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return max + Math.log(sum);
}

/**
 * ln of the exact two-sided p-value of observing k successes in n trials of probability p: the
 * probability of every outcome no more likely than k (the method of R's `binom.test`).
 */
export function logBinomialTwoSidedPValue(n: number, k: number, p: number): number {
  const logAt = logBinomialPmf(n, k, p);
  if (logAt === -Infinity) return -Infinity;
  const limit = logAt + Math.log(TIE);
  // The pmf rises to its mode and falls after it: walk in from both ends while terms are at
  // most as likely as k's (at most n + 1 terms in all).
  const terms: number[] = [];
  for (let j = 0; j <= n; j++) {
    const t = logBinomialPmf(n, j, p);
    if (t > limit) break;
    terms.push(t);
  }
  const below = terms.length;
  for (let j = n; j >= below; j--) {
    const t = logBinomialPmf(n, j, p);
    if (t > limit) break;
    terms.push(t);
  }
  return Math.min(0, logSumExp(terms));
}

/** The exact two-sided binomial p-value (see logBinomialTwoSidedPValue). */
export function binomialTwoSidedPValue(n: number, k: number, p: number): number {
  return Math.exp(logBinomialTwoSidedPValue(n, k, p));
}

export interface CategoryCheck {
  readonly category: string;
  readonly observed: number;
  /** The simulator's probability (0 for a category it never produces). */
  readonly probability: number;
  readonly expected: number;
  /** Exact two-sided binomial p-value of the observed count, and its natural log. */
  readonly pValue: number;
  readonly logPValue: number;
  /** Whether the count is too unlikely for a correct simulator (p-value ≤ threshold). */
  readonly failed: boolean;
}

export interface CategoryTestResult {
  /** True when no category failed. */
  readonly ok: boolean;
  /** Total of the observed counts. */
  readonly samples: number;
  readonly alpha: number;
  /** alpha / K: the per-category p-value at or below which a category fails. */
  readonly threshold: number;
  /** One per category (those with a probability, then unexpected observed ones), in order. */
  readonly checks: readonly CategoryCheck[];
  readonly failures: readonly CategoryCheck[];
}

type Counts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

function isMap(counts: Counts): counts is ReadonlyMap<string, number> {
  return counts instanceof Map;
}

function entries(counts: Counts): [string, number][] {
  return isMap(counts) ? [...counts.entries()] : Object.entries(counts);
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a count, got ${n}`);
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must lie in [0, 1], got ${p}`);
}

/**
 * Compare observed counts of categories with exact probabilities. Under the simulator's
 * distribution each count is Binomial(samples, p); a category fails when its exact two-sided
 * p-value is ≤ alpha / K, K the number of categories (those with a probability and any observed
 * that have none). By the union bound a correct simulator fails with probability ≤ alpha.
 * A category observed that the simulator gives probability 0 always fails.
 */
export function testCategoryCounts(
  observed: Counts,
  probabilities: Counts,
  alpha = 1e-6,
): CategoryTestResult {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}`);
  const probs = new Map(entries(probabilities));
  let total = 0;
  for (const [category, p] of probs) {
    checkProbability(p);
    if (!Number.isFinite(p)) throw new RangeError(`probability of ${category}: ${p}`);
    total += p;
  }
  if (Math.abs(total - 1) > SUM_TOLERANCE) {
    throw new RangeError(`the probabilities sum to ${total}, not 1`);
  }
  const counts = new Map(entries(observed));
  let samples = 0;
  for (const [category, k] of counts) {
    checkCount(k, `the count of ${category}`);
    samples += k;
  }
  const categories = [...probs.keys(), ...[...counts.keys()].filter((c) => !probs.has(c))];
  const threshold = alpha / categories.length;
  const logThreshold = Math.log(threshold);
  const checks = categories.map((category): CategoryCheck => {
    const k = counts.get(category) ?? 0;
    const p = probs.get(category) ?? 0;
    const logPValue = logBinomialTwoSidedPValue(samples, k, p);
    return {
      category,
      observed: k,
      probability: p,
      expected: samples * p,
      pValue: Math.exp(logPValue),
      logPValue,
      failed: logPValue <= logThreshold,
    };
  });
  const failures = checks.filter((c) => c.failed);
  return { ok: failures.length === 0, samples, alpha, threshold, checks, failures };
}

/**
 * The fewest samples after which "every category of probability ≥ pmin was observed at least
 * once" fails by chance with probability ≤ `failure`, for these category probabilities. Bound:
 * P(some such category unseen after n) ≤ Σ (1 − pᵢ)ⁿ over those categories.
 */
export function samplesToObserveAll(
  probabilities: Iterable<number>,
  pmin: number,
  failure = 1e-7,
): number {
  if (!(pmin > 0 && pmin <= 1)) throw new RangeError(`pmin must lie in (0, 1], got ${pmin}`);
  if (!(failure > 0 && failure < 1)) throw new RangeError(`failure must lie in (0, 1)`);
  const logMisses: number[] = [];
  for (const p of probabilities) {
    checkProbability(p);
    // ln(1 − p): how much each sample lowers the log-probability of still missing it.
    if (p >= pmin) logMisses.push(Math.log1p(-p));
  }
  if (logMisses.length === 0) return 0;
  const logFailure = Math.log(failure);
  const missLog = (n: number) => logSumExp(logMisses.map((l) => l * n));
  // The bound falls as n grows: find the smallest n by doubling, then bisection.
  let hi = 1;
  while (missLog(hi) > logFailure) hi *= 2;
  let lo = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (missLog(mid) > logFailure) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * samplesToObserveAll when only the smallest probability is known: the worst case, floor(1/pmin)
 * categories of probability pmin each (more cannot have it).
 */
export function samplesToObserveAllWithMin(pmin: number, failure = 1e-7): number {
  if (!(pmin > 0 && pmin <= 1)) throw new RangeError(`pmin must lie in (0, 1], got ${pmin}`);
  const k = Math.floor(1 / pmin + 1e-9);
  return samplesToObserveAll(
    Array.from({ length: k }, () => pmin),
    pmin,
    failure,
  );
}

/**
 * kube-proxy's random split, read from a KUBE-SVC (or KUBE-SVL) chain: why each endpoint gets
 * 1/n although the rules say 1/3, then 0.5, then nothing. Rule i is only tried by connections
 * the rules above it let through, so its share is (the chance of reaching it) × (its
 * probability): 1/3; then 1/2 of the remaining 2/3 = 1/3; then the rest, 1/3. The kernel keeps
 * each probability as round(p·2^31) (xt_statistic compares 31 random bits with it), so the
 * shares are 1/n only up to that rounding — and up to kube-proxy's own rounding of 1/k to 5
 * (before v1.17) or 10 decimals.
 */
import { formatFixedHalfEven } from '../kube/probability.ts';
import {
  formatProbability,
  PROBABILITY_SCALE,
  storedProbability,
} from '../model/ext/probability.ts';
import type { Chain, Rule } from '../model/ruleset.ts';

/** A fraction in lowest terms. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** One rule of the split: a jump to an endpoint chain, with its odds. */
export interface SplitBranch {
  /** 1-based, in the chain. */
  readonly index: number;
  /** The endpoint chain it jumps to (`KUBE-SEP-…`). */
  readonly target: string;
  /** The endpoint's address from that chain's DNAT (`172.17.0.2:80`), when known. */
  readonly address?: string;
  /** `--probability` as the dump writes it; absent for a rule without a random match. */
  readonly written?: string;
  /** `! --probability`: the match holds when the draw fails. */
  readonly negated: boolean;
  /**
   * What the kernel keeps: round(p·2^31) of the written p, before any `!` (absent: no random
   * match, the rule always holds).
   */
  readonly stored?: number;
  /** The probability the kernel holds, as iptables prints it (`%.11f`), or `1`. */
  readonly held: string;
  /** The same as a number: stored/2^31 (its complement when negated), or 1. */
  readonly probability: number;
  /** The chance a new connection gets to this rule: what the rules above let through. */
  readonly reach: number;
  /** reach × probability: this endpoint's share of new connections. */
  readonly share: number;
  /** The same three as kube-proxy meant them, where the probability is 1/k. */
  readonly exact?: {
    readonly probability: Fraction;
    readonly reach: Fraction;
    readonly share: Fraction;
  };
  /**
   * What kube-proxy wrote, when the dump holds iptables' print-back of it (`0.33332999982` is
   * the kernel's 0.33333): only where 5 and 10 decimals of 1/k would be held differently.
   */
  readonly kubeProxyWrote?: { readonly text: string; readonly decimals: 5 | 10 };
}

/** A session-affinity rule: sends a client seen before back to its endpoint, before any draw. */
export interface AffinityRule {
  readonly index: number;
  readonly target: string;
  readonly address?: string;
}

export interface RandomSplit {
  readonly chain: string;
  readonly branches: readonly SplitBranch[];
  /** `-m recent --rcheck` rules: no part of the split, which only new clients reach. */
  readonly affinity: readonly AffinityRule[];
  /** The chance that no branch takes a connection (the last one draws too): it falls through. */
  readonly unreached: number;
  /** Whether the exact shares are all 1/n; undefined when some probability is not 1/k. */
  readonly even: boolean | undefined;
  /**
   * Even as meant, and every share within 0.01% of 1/n as the kernel draws: so for kube-proxy's
   * 1/k rounded to 5 or 10 decimals, until 5 decimals of 1/k for hundreds of endpoints drift.
   */
  readonly evenInPractice: boolean;
  /** The largest share minus the smallest: what the kernel's and kube-proxy's rounding leave. */
  readonly spread: number;
}

/** Where each endpoint chain DNATs to: a lookup or a map by chain name. */
export type EndpointLookup =
  ((chain: string) => string | undefined) | ReadonlyMap<string, string | undefined>;

/** How far from 1/n (relative) a share may be for the split to count as even in practice. */
const EVEN_ENOUGH = 1e-4;

const one: Fraction = { numerator: 1, denominator: 1 };

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** a/b in lowest terms; undefined when it no longer fits a double exactly (thousands of rules). */
function fraction(numerator: number, denominator: number): Fraction | undefined {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) return undefined;
  const d = gcd(numerator, denominator);
  return { numerator: numerator / d, denominator: denominator / d };
}

const times = (a: Fraction, b: Fraction): Fraction | undefined =>
  fraction(a.numerator * b.numerator, a.denominator * b.denominator);

const oneMinus = (a: Fraction): Fraction | undefined =>
  fraction(a.denominator - a.numerator, a.denominator);

/** `1/3`, `2/3`, `1`. */
export const fractionText = (f: Fraction): string =>
  f.denominator === 1 ? String(f.numerator) : `${f.numerator}/${f.denominator}`;

/** The DNAT destination of an endpoint chain (`-j DNAT --to-destination 172.17.0.2:80`). */
export function dnatOf(chain: Chain): string | undefined {
  for (const rule of chain.rules) {
    if (rule.target?.name !== 'DNAT') continue;
    const to = rule.target.options.find((o) => o.name === 'to-destination');
    if (to?.args[0] !== undefined) return to.args[0];
  }
  return undefined;
}

/** A random match's probability: the text as written, and whether it is negated. */
interface Statistic {
  readonly text: string;
  readonly negated: boolean;
}

/** The first random statistic match's probability option; `nth` when the mode is another. */
function statisticOf(rule: Rule): Statistic | 'nth' | undefined {
  const match = rule.matches.find((m) => m.module === 'statistic');
  if (!match) return undefined;
  const option = (name: string) => match.options.find((o) => o.name === name);
  if (option('mode')?.args[0] !== 'random') return 'nth';
  const p = option('probability');
  // The model holds the kernel's form (0.33333 → 0.33332999982); the line, what was written.
  const written = /(?:--|\s)probability\s+([^\s]+)/.exec(rule.origin?.raw ?? '')?.[1];
  return { text: written ?? p?.args[0] ?? '1', negated: p?.negated ?? false };
}

const decimalsOf = (text: string): number | undefined => {
  const m = /^\+?[0-9]*\.([0-9]+)$/.exec(text);
  return m?.[1]?.length;
};

/** Whether the kernel holds `stored` for 1/k as kube-proxy writes it, with 5 or 10 decimals. */
const heldForOneIn = (k: number, stored: number): boolean =>
  k >= 1 && [5, 10].some((d) => storedProbability(formatFixedHalfEven(1 / k, d)) === stored);

/**
 * The k of 1/k that `stored` stands for: the one kube-proxy writes at this place (1/(n−i) for
 * the i-th of n branches), else the nearest where no neighbour would be held the same (with 5
 * decimals, 0.00033 is 1/3000 and 1/3030 alike). Never from the text's own decimals: `0.3` is
 * 0.3, not 1/3 to one place.
 */
function meantAsOneIn(stored: number, expected: number): number | undefined {
  if (heldForOneIn(expected, stored)) return expected;
  if (stored <= 0) return undefined;
  const k = Math.round(PROBABILITY_SCALE / stored);
  if (!Number.isSafeInteger(k)) return undefined;
  const alone = heldForOneIn(k, stored) && !heldForOneIn(k - 1, stored);
  return alone && !heldForOneIn(k + 1, stored) ? k : undefined;
}

/** What kube-proxy wrote for 1/k when the dump shows iptables' 11-decimal print-back. */
function kubeProxyText(text: string, stored: number, k: number): SplitBranch['kubeProxyWrote'] {
  if (decimalsOf(text) !== 11) return undefined;
  const five = formatFixedHalfEven(1 / k, 5);
  const ten = formatFixedHalfEven(1 / k, 10);
  const fiveHeld = storedProbability(five) === stored;
  const tenHeld = storedProbability(ten) === stored;
  if (fiveHeld === tenHeld) return undefined;
  return fiveHeld ? { text: five, decimals: 5 } : { text: ten, decimals: 10 };
}

function lookup(endpoints: EndpointLookup | undefined, chain: string): string | undefined {
  if (endpoints === undefined) return undefined;
  return typeof endpoints === 'function' ? endpoints(chain) : endpoints.get(chain);
}

/**
 * The random split of a KUBE-SVC, KUBE-SVL or KUBE-XLB chain: every rule that jumps to a
 * KUBE-SEP chain, in order. Rules jumping elsewhere (KUBE-MARK-MASQ, which returns) do not
 * change who goes on; session-affinity rules are listed apart, as a returning client skips
 * the draw. Undefined when no rule jumps to an endpoint, or one draws by `--mode nth`.
 *
 * @example
 *   splitOf(svc, new Map([['KUBE-SEP-A', '172.17.0.2:80'], …]))
 *   // branches: 0.33332999982 reach 1 share 0.33333; 0.5 of 2/3 = 0.333335; the rest 0.333335
 */
export function splitOf(chain: Chain, endpoints?: EndpointLookup): RandomSplit | undefined {
  const drawn: { at: AffinityRule; statistic: Statistic | undefined }[] = [];
  const affinity: AffinityRule[] = [];
  for (const [i, rule] of chain.rules.entries()) {
    const target = rule.target?.name ?? '';
    if (!target.startsWith('KUBE-SEP-')) continue;
    const address = lookup(endpoints, target);
    const at = { index: i + 1, target, ...(address === undefined ? {} : { address }) };
    if (rule.matches.some((m) => m.module === 'recent')) {
      affinity.push(at);
      continue;
    }
    const statistic = statisticOf(rule);
    if (statistic === 'nth') return undefined;
    drawn.push({ at, statistic });
    // A rule that always holds ends the chain for everyone: rules after it are never reached.
    if (statistic === undefined) break;
  }
  if (drawn.length === 0) return undefined;
  const n = drawn.length;
  const branches: SplitBranch[] = [];
  let reach = 1;
  let exactReach: Fraction | undefined = one;
  for (const [i, { at, statistic }] of drawn.entries()) {
    const branch = branchOf(at, statistic, n - i, reach, exactReach);
    branches.push(branch);
    reach -= branch.share;
    const meant = branch.exact;
    const passed = meant && oneMinus(meant.probability);
    exactReach = meant && passed && times(meant.reach, passed);
  }
  const shares = branches.map((b) => b.share);
  const isOneInN = (f: Fraction | undefined): boolean => f?.numerator === 1 && f.denominator === n;
  // Even as meant: nothing falls through, and every endpoint's exact share is 1/n.
  const even = branches.every((b) => b.exact)
    ? exactReach?.numerator === 0 && branches.every((b) => isOneInN(b.exact?.share))
    : undefined;
  return {
    chain: chain.name,
    branches,
    affinity,
    unreached: Math.max(0, reach),
    even,
    evenInPractice: even === true && shares.every((x) => Math.abs(x * n - 1) <= EVEN_ENOUGH),
    spread: Math.max(...shares) - Math.min(...shares),
  };
}

/** One rule's odds: what the kernel holds, and what kube-proxy meant where it is 1/k. */
function branchOf(
  at: AffinityRule,
  statistic: Statistic | undefined,
  expected: number,
  reach: number,
  exactReach: Fraction | undefined,
): SplitBranch {
  if (statistic === undefined) {
    const exact = exactReach && { probability: one, reach: exactReach, share: exactReach };
    return {
      ...at,
      negated: false,
      held: '1',
      probability: 1,
      reach,
      share: reach,
      ...(exact ? { exact } : {}),
    };
  }
  const { text, negated } = statistic;
  const raw = storedProbability(text);
  // xt_statistic keeps the drawn probability and an invert flag: `!` holds on the rest.
  const heldStored = negated ? PROBABILITY_SCALE - raw : raw;
  const probability = heldStored / PROBABILITY_SCALE;
  const k = negated ? undefined : meantAsOneIn(raw, expected);
  const p = k === undefined ? undefined : fraction(1, k);
  const share = p && exactReach && times(p, exactReach);
  const wrote = k === undefined ? undefined : kubeProxyText(text, raw, k);
  return {
    ...at,
    written: text,
    negated,
    stored: raw,
    held: formatProbability(heldStored),
    probability,
    reach,
    share: reach * probability,
    ...(p && exactReach && share ? { exact: { probability: p, reach: exactReach, share } } : {}),
    ...(wrote ? { kubeProxyWrote: wrote } : {}),
  };
}

/**
 * Decimals enough to show how far apart the shares are: a tenth of the smallest difference
 * (above 10^-13) at least, 3 to 12. The seed's 0.33332999982 and 0.33333500009 take 7
 * (0.3333300, 0.3333350): with 5 they would read 0.33333 and 0.33334, twice as far apart.
 */
export function shareDecimals(shares: readonly number[]): number {
  // Sorted, the smallest difference is between neighbours: no quadratic pass for 10,000 pods.
  const sorted = [...shares].sort((x, y) => x - y);
  let smallest = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const d = (sorted[i] ?? 0) - (sorted[i - 1] ?? 0);
    if (d > 1e-13 && d < smallest) smallest = d;
  }
  for (let d = 3; d < 12; d++) if (10 ** -d <= smallest / 10) return d;
  return 12;
}

/**
 * Where `count` draws with chance `share` land about 19 times in 20: the mean ± two standard
 * deviations of Binomial(count, share), clamped to [0, count].
 *
 * @example
 *   likelyRange(1000, 1 / 3); // { expected: 333.3, low: 304, high: 363, margin: 29.8 }
 */
export function likelyRange(
  count: number,
  share: number,
): { expected: number; low: number; high: number; margin: number } {
  const expected = count * share;
  const margin = 2 * Math.sqrt(count * share * (1 - share));
  return {
    expected,
    low: Math.max(0, Math.ceil(expected - margin)),
    high: Math.min(count, Math.floor(expected + margin)),
    margin,
  };
}

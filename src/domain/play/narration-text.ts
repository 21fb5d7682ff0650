/**
 * The narration's small readers and formatters: a rule's parts read back from its
 * `iptables -S` text (target, comment, an option's argument), addresses as `ip:port`, tuples,
 * marks in hex, probabilities as iptables prints them, and shares as the fractions a reader
 * checks by hand (1/3, 2/3).
 */
import { formatProbability, PROBABILITY_SCALE } from '../model/ext/probability.ts';
import { hex } from '../model/ext/values.ts';
import type { PacketState, RuleStep, Tuple } from '../sim/types.ts';
import type { NarrationContext } from './narration.ts';

export { hex };

/** `ip:port`, or the bare address for ICMP. */
export const endpoint = (ip: string, port: number | undefined): string =>
  port === undefined ? ip : `${ip}:${port}`;

export const sourceOf = (p: PacketState): string => endpoint(p.src, p.sport);
export const destinationOf = (p: PacketState): string => endpoint(p.dst, p.dport);

/** `tcp 203.0.113.10:40000 → 192.168.0.11:32110` (ICMP tuples carry no ports). */
export function tupleText(t: Tuple): string {
  const port = (n: number): number | undefined => (t.protocol === 'icmp' ? undefined : n);
  return `${t.protocol} ${endpoint(t.src, port(t.sport))} → ${endpoint(t.dst, port(t.dport))}`;
}

/** kube-proxy's default masquerade bit (--iptables-masquerade-bit 14). */
export const MASQ_MARK = 0x4000;

/** The chain a rule jumps or goes to, from the step's verdict (`jump KUBE-SVC-…`). */
export const jumpTarget = (step: RuleStep): string | undefined =>
  step.verdict === undefined ? undefined : /^(?:jump|goto) (\S+)$/.exec(step.verdict)?.[1];

/** The mark a KUBE-POSTROUTING rule tests (`--mark 0x4000/0x4000`), kube-proxy's by default. */
export const markOf = (text: string | undefined): string =>
  optionOf(text, 'mark')?.value.split('/')[0] ?? hex(MASQ_MARK);

/** `-j NAME` or `-g NAME`: the rule's target. */
export function targetOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : /\s-[jg]\s+(\S+)/.exec(text)?.[1];
}

/** The text of `-m comment --comment`, unquoted. */
export function commentOf(text: string | undefined): string | undefined {
  const m = text === undefined ? null : /--comment\s+("((?:[^"\\]|\\.)*)"|\S+)/.exec(text);
  if (!m) return undefined;
  return m[2] === undefined ? m[1] : m[2].replace(/\\(.)/g, '$1');
}

/** `[!] --NAME VALUE` (or `[!] -s VALUE` for a one-dash name) in a rule's text. */
export function optionOf(
  text: string | undefined,
  name: string,
): { negated: boolean; value: string } | undefined {
  if (text === undefined) return undefined;
  const flag = name.length === 1 ? `-${name}` : `--${name}`;
  const m = new RegExp(`(?:^|\\s)(!\\s+)?${flag}\\s+(\\S+)`).exec(text);
  return m?.[2] === undefined ? undefined : { negated: m[1] !== undefined, value: m[2] };
}

/** `10.254.198.92/32` → `10.254.198.92`: a single address reads better without its prefix. */
export const bareAddress = (cidr: string): string => cidr.replace(/\/32$/, '');

/**
 * The Service a kube-proxy comment names: `default/nginx-service-nodeport: cluster IP` →
 * `default/nginx-service-nodeport`; `default/echo:http -> 10.244.1.6:8080` → `default/echo:http`.
 */
export function serviceOf(comment: string | undefined): string | undefined {
  if (comment === undefined) return undefined;
  const name = comment
    .replace(/ -> .*$/, '')
    .replace(/ (cluster IP|loadbalancer IP|external IP|has no (local )?endpoints)$/, '')
    .replace(/:$/, '')
    .trim();
  return name === '' ? undefined : name;
}

/** The text of rule `index` of a chain, when the context knows it. */
export const ruleTextOf = (
  context: NarrationContext | undefined,
  table: string,
  chain: string,
  index: number,
): string | undefined => context?.ruleText?.(table, chain, index);

/** A probability as iptables prints it back: the kernel keeps round(p·2^31). */
export const printedProbability = (p: number): string =>
  formatProbability(Math.round(p * PROBABILITY_SCALE));

/**
 * A share as a reader would check it: the simplest fraction within the kernel's rounding
 * (kube-proxy's 0.33332999982 is 1/3), else a percentage.
 *
 * @example
 *   fraction(0.6666700001); // '2/3'
 */
export function fraction(x: number): string {
  if (Math.abs(x) < 5e-5) return '0';
  if (Math.abs(x - 1) < 5e-5) return '1';
  for (let den = 2; den <= 64; den++) {
    const num = Math.round(x * den);
    // Old kube-proxy printed 5 decimals (0.33333), so shares are off by up to ~1e-5.
    if (num > 0 && num < den && Math.abs(x - num / den) < 5e-5) return `${num}/${den}`;
  }
  return `${(x * 100).toFixed(2)}%`;
}

/**
 * The narration's small readers and formatters: a rule's parts read back from its
 * `iptables -S` text by the parser (target, comment, an option's argument), addresses as
 * `ip:port`, tuples, marks in hex, probabilities as iptables prints them, and shares as the
 * fractions a reader checks by hand (1/3, 2/3).
 */
import { formatProbability, PROBABILITY_SCALE } from '../model/ext/probability.ts';
import { hex } from '../model/ext/values.ts';
import type { Negatable, Rule, RuleBasics } from '../model/ruleset.ts';
import { ProblemLog } from '../parse/problems.ts';
import { parseRuleArgs } from '../parse/rule-args.ts';
import { tokenize } from '../parse/tokenize.ts';
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

/** The rules read lately, by text: a conversation narrates the same few rules again and again. */
const READ = new Map<string, Rule | null>();
const READ_KEPT = 256;

/**
 * A rule's text (`-A CHAIN …`, as the session writes it: serializeRule) read back into the
 * model by the parser, so a comment that holds ` -j ` or `--mark` is a comment, not an option.
 * Undefined for text that is not a rule without problems.
 */
export function ruleOf(text: string | undefined): Rule | undefined {
  if (text === undefined) return undefined;
  let rule = READ.get(text);
  // Kept newest-last: a rule read again is moved up, so a long run of others pushes out the rest.
  if (rule !== undefined) READ.delete(text);
  else {
    const { tokens, unclosedQuote } = tokenize(text);
    const log = new ProblemLog();
    const from = tokens[0]?.text === '-A' && !tokens[0].quoted ? 2 : 0;
    const read =
      unclosedQuote === undefined
        ? parseRuleArgs(tokens, 1, log, undefined, undefined, from)
        : undefined;
    rule = read !== undefined && log.problems.every((p) => p.severity !== 'error') ? read : null;
    if (READ.size >= READ_KEPT) READ.delete(READ.keys().next().value as string);
  }
  READ.set(text, rule);
  return rule ?? undefined;
}

/** `-j NAME` or `-g NAME`: the rule's target. */
export function targetOf(text: string | undefined): string | undefined {
  return ruleOf(text)?.target?.name;
}

/** The text of `-m comment --comment`, unquoted. */
export function commentOf(text: string | undefined): string | undefined {
  return optionOf(text, 'comment')?.value;
}

/** The one-letter options every rule has, by their fields. */
const BASICS: Readonly<Record<string, keyof RuleBasics>> = {
  s: 'source',
  d: 'destination',
  i: 'inInterface',
  o: 'outInterface',
  p: 'protocol',
};

/**
 * `[!] --NAME VALUE` of any match of the rule (the first that has it) or of its target
 * (`--reject-with`), or `[!] -s VALUE` for a one-letter name; a value of several words
 * (`--tcp-flags SYN,ACK SYN`) is joined by spaces.
 */
export function optionOf(
  text: string | undefined,
  name: string,
): { negated: boolean; value: string } | undefined {
  const rule = ruleOf(text);
  if (rule === undefined) return undefined;
  const basic = BASICS[name];
  if (basic !== undefined) {
    const field = rule[basic] as Negatable | undefined;
    return field && { negated: field.negated, value: field.value };
  }
  const options = [
    ...rule.matches.flatMap((match) => match.options),
    ...(rule.target?.options ?? []),
  ];
  const option = options.find((o) => o.name === name);
  return option && { negated: option.negated, value: option.args.join(' ') };
}

/** The connection states a rule asks for (`--ctstate RELATED,ESTABLISHED`, or the old `--state`). */
export function statesOf(text: string | undefined): ReadonlySet<string> {
  const option = optionOf(text, 'ctstate') ?? optionOf(text, 'state');
  return new Set(option === undefined || option.negated ? [] : option.value.split(','));
}

/** Whether the rule's option NAME lists `word` among its comma-separated values (`--ctstate`). */
export function optionLists(text: string | undefined, name: string, word: string): boolean {
  const option = optionOf(text, name);
  return option !== undefined && !option.negated && option.value.split(',').includes(word);
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

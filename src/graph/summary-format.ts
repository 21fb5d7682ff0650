/**
 * Small pieces the rule summaries share: how an option, an address and a
 * probability read in short form.
 */
import { quantiseProbability } from '../domain/model/ext/probability.ts';
import type { Option } from '../domain/model/ruleset.ts';

const NEEDS_QUOTES = /[\s"'\\]/;

/** An argument as written on a command line: quoted only when it has to be. */
export const shellWord = (arg: string): string =>
  arg === '' || NEEDS_QUOTES.test(arg) ? `"${arg.replace(/["\\]/g, '\\$&')}"` : arg;

/** `! ` before a negated option or field, as iptables writes the `!`. */
export const not = (negated: boolean): string => (negated ? '! ' : '');

/**
 * An option as iptables would take it (`! --name a b`): the verbatim form for
 * modules and options kpviz does not know.
 */
export const verbatim = (option: Option): string =>
  `${not(option.negated)}--${option.name}${option.args.map((a) => ` ${shellWord(a)}`).join('')}`;

/**
 * An option without its dashes (`limit-burst 10` → `burst 10` inside
 * `limit`): the generic short form of a known module's option.
 */
export function shortOption(option: Option, module: string): string {
  const prefix = `${module}-`;
  const name =
    option.name === module
      ? ''
      : module !== '' && option.name.startsWith(prefix)
        ? option.name.slice(prefix.length)
        : option.name;
  const args = option.args.map(shellWord).join(' ');
  return `${not(option.negated)}${[name, args].filter(Boolean).join(' ')}`;
}

/**
 * An address or network without the `/32` (`/128`) the kernel adds to a
 * single address: `10.96.0.10/32` → `10.96.0.10`.
 */
export function shortAddress(cidr: string): string {
  if (cidr.endsWith('/32') && !cidr.includes(':')) return cidr.slice(0, -3);
  if (cidr.endsWith('/128')) return cidr.slice(0, -4);
  return cidr;
}

/**
 * statistic's probability as the share of packets it really takes: the
 * kernel keeps round(p·2³¹), so `0.33333` is read as the value the kernel
 * holds (0.33332999982) and shown to three significant digits.
 *
 * @example
 *   probabilityPercent('0.33333'); // '33.3%'
 *   probabilityPercent('0.50000000000'); // '50%'
 */
export function probabilityPercent(text: string): string {
  const held = quantiseProbability(text);
  if (held === undefined) return text;
  return `${Number((Number(held) * 100).toPrecision(3))}%`;
}

/** The first argument of a rule's option by name. */
export const argOf = (options: readonly Option[], name: string): string | undefined =>
  options.find((o) => o.name === name)?.args[0];

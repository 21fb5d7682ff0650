import type { ChainName } from '../model/names.ts';
import type { Counters, Negatable, Option, Rule, Ruleset, Table } from '../model/ruleset.ts';

/** Options whose value iptables prints with xtables_save_string (quoted unless plain). */
const STRING_OPTIONS = new Set(['comment', 'log-prefix', 'nflog-prefix']);
const PLAIN = /^[-_0-9a-zA-Z]+$/;
const NEEDS_QUOTES = /[\s"'\\]/;

/**
 * Quotes a value the way iptables-save does: bare when it is made only of
 * letters, digits, `-` and `_`; otherwise in double quotes with `"`, `'` and
 * `\` escaped by a backslash.
 */
export function saveString(value: string): string {
  if (PLAIN.test(value)) return value;
  return `"${value.replace(/["'\\]/g, (c) => `\\${c}`)}"`;
}

function formatArg(option: Option, arg: string): string {
  if (STRING_OPTIONS.has(option.name)) return saveString(arg);
  return arg === '' || NEEDS_QUOTES.test(arg) ? saveString(arg) : arg;
}

function formatOption(option: Option): string {
  const args = option.args.map((arg) => ` ${formatArg(option, arg)}`).join('');
  return `${option.negated ? ' !' : ''} --${option.name}${args}`;
}

function basic(flag: string, field: Negatable | undefined): string {
  return field ? `${field.negated ? ' !' : ''} ${flag} ${field.value}` : '';
}

const counterText = (c: Counters | undefined): string => `[${c?.packets ?? 0n}:${c?.bytes ?? 0n}]`;

/**
 * One rule as iptables-save prints it, without counters: `-A CHAIN`, then
 * -s, -d, -i, -o, -p, -f, the matches in rule order, and the target.
 */
export function serializeRule(rule: Rule, chain: ChainName | string): string {
  let out = `-A ${chain}`;
  out += basic('-s', rule.source);
  out += basic('-d', rule.destination);
  out += basic('-i', rule.inInterface);
  out += basic('-o', rule.outInterface);
  out += basic('-p', rule.protocol);
  if (rule.fragment) out += rule.fragment.negated ? ' ! -f' : ' -f';
  for (const match of rule.matches) {
    out += ` -m ${match.module}${match.options.map(formatOption).join('')}`;
  }
  if (rule.target) {
    out += ` ${rule.target.kind === 'goto' ? '-g' : '-j'} ${rule.target.name}`;
    out += rule.target.options.map(formatOption).join('');
  }
  return out;
}

function serializeTable(table: Table): string {
  const lines: string[] = [...(table.preamble ?? []), `*${table.name}`];
  for (const chain of table.chains) {
    lines.push(`:${chain.name} ${chain.policy ?? '-'} ${counterText(chain.counters)}`);
  }
  for (const chain of table.chains) {
    for (const rule of chain.rules) {
      const text = serializeRule(rule, chain.name);
      lines.push(rule.counters ? `${counterText(rule.counters)} ${text}` : text);
    }
  }
  lines.push('COMMIT', ...(table.trailer ?? []));
  return lines.join('\n') + '\n';
}

/** The ruleset as canonical iptables-save text, loadable by iptables-restore. */
export function serializeSave(ruleset: Ruleset): string {
  return ruleset.tables.map(serializeTable).join('');
}

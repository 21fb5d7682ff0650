import { matchSpec } from '../model/ext/matches.ts';
import type { ExtensionSpec } from '../model/ext/spec.ts';
import { findOptionSpec } from '../model/ext/spec.ts';
import { targetSpec } from '../model/ext/targets.ts';
import type { ChainName } from '../model/names.ts';
import type { Counters, Negatable, Option, Rule, Ruleset, Table } from '../model/ruleset.ts';

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

/**
 * An option as iptables-save prints it. Free-text options go through
 * xtables_save_string; any other value is printed as it is, unless it could
 * not be read back without quotes.
 */
function formatOption(option: Option, spec: ExtensionSpec | undefined): string {
  const text = spec && findOptionSpec(spec, option.name)?.text;
  let args = '';
  for (const arg of option.args) {
    if (text === 'always') args += ` "${arg.replace(/["\\]/g, '\\$&')}"`;
    else args += ` ${text || arg === '' || NEEDS_QUOTES.test(arg) ? saveString(arg) : arg}`;
  }
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
    const spec = matchSpec(match.module);
    out += ` -m ${match.module}`;
    for (const option of match.options) out += formatOption(option, spec);
  }
  if (rule.target) {
    const spec = targetSpec(rule.target.name);
    out += ` ${rule.target.kind === 'goto' ? '-g' : '-j'} ${rule.target.name}`;
    for (const option of rule.target.options) out += formatOption(option, spec);
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

import type { Option } from '../ruleset.ts';
import type { ExtensionSpec } from './spec.ts';
import { findOptionSpec, inPrintOrder } from './spec.ts';

/**
 * What one extension's options become, the way the rule parser treats them:
 * each option found by findOptionSpec, each value normalised, then
 * canonicalise and the print order. `words` is split on spaces (`!` negates
 * the next option). Returns `unknown --x` or `invalid --x` on the first
 * option iptables would refuse.
 */
export function canonicalText(spec: ExtensionSpec, words: string): string {
  const tokens = words.split(' ').filter((t) => t !== '');
  const options: Option[] = [];
  let negated = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === '!') {
      negated = true;
      continue;
    }
    const option = findOptionSpec(spec, token.slice(2));
    if (!token.startsWith('--') || !option) return `unknown ${token}`;
    const args = tokens.slice(i + 1, i + 1 + option.arity).map((a) => option.value?.(a) ?? a);
    const raw = tokens.slice(i + 1, i + 1 + option.arity);
    if (option.value && raw.some((a) => option.value?.(a) === undefined)) return `invalid ${token}`;
    i += option.arity;
    options.push({ name: option.name, negated, args });
    negated = false;
  }
  const canonical = spec.canonicalise ? spec.canonicalise(options) : options;
  return inPrintOrder(spec, canonical)
    .map((o) => `${o.negated ? '! ' : ''}--${o.name}${o.args.map((a) => ` ${a}`).join('')}`)
    .join(' ');
}

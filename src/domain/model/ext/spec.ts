import type { Option } from '../ruleset.ts';

/** What kpviz knows of one option of a match module or target extension. */
export interface OptionSpec {
  /** The name iptables-save prints. */
  readonly name: string;
  /** Other spellings iptables accepts for the same option. */
  readonly aliases?: readonly string[];
  /** How many arguments follow the option. */
  readonly arity: 0 | 1 | 2;
  /** The kernel's canonical text for each argument, or undefined when malformed. */
  readonly value?: (text: string) => string | undefined;
  /** A warning about a value the kernel accepts but changes (a log prefix it cuts short). */
  readonly note?: (text: string) => string | undefined;
  /**
   * Free text. `true`: iptables-save prints it with xtables_save_string, bare
   * when plain, else in double quotes with `"`, `'` and `\` escaped (comments,
   * log prefixes, paths). `'always'`: always in double quotes with only `"`
   * and `\` escaped (libxt_string's print_string: `--string "foo"`,
   * `--string "it's"`).
   */
  readonly text?: true | 'always';
}

/** An option with one argument. */
export const one = (
  name: string,
  value?: OptionSpec['value'],
  aliases?: readonly string[],
): OptionSpec => ({
  name,
  arity: 1,
  ...(value ? { value } : {}),
  ...(aliases ? { aliases } : {}),
});

/** An option that takes no argument. */
export const flag = (name: string): OptionSpec => ({ name, arity: 0 });

/** An option with two arguments (`--tcp-flags MASK COMP`, `--match-set NAME FLAGS`). */
export const two = (name: string): OptionSpec => ({ name, arity: 2 });

/** A free-text option (see OptionSpec.text). */
export const text = (
  name: string,
  value?: OptionSpec['value'],
  quoting: true | 'always' = true,
): OptionSpec => ({
  ...one(name, value),
  text: quoting,
});

/** A match module (`-m NAME`) or target extension (`-j NAME`) kpviz understands. */
export interface ExtensionSpec {
  readonly name: string;
  /** Options in the order iptables-save prints them. */
  readonly options: readonly OptionSpec[];
  /**
   * Rewrites the options into what the kernel stores and prints back, after
   * each value was normalised: `--or-mark 0x4000` → `--set-xmark 0x4000/0x4000`,
   * defaults iptables-save always prints, and so on.
   */
  readonly canonicalise?: (options: readonly Option[]) => readonly Option[];
}

export const opt = (name: string, args: readonly string[] = [], negated = false): Option => ({
  name,
  negated,
  args,
});

interface SpecIndex {
  /** Every spelling of every option → its spec. */
  readonly byName: ReadonlyMap<string, OptionSpec>;
  /** Every spelling, for abbreviations. */
  readonly spellings: readonly (readonly [string, OptionSpec])[];
  /** Canonical option name → its place in the print order. */
  readonly rank: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<ExtensionSpec, SpecIndex>();

/** Lookup tables for one extension, built once (the parser asks per option of every rule). */
function indexOf(spec: ExtensionSpec): SpecIndex {
  let index = indexes.get(spec);
  if (!index) {
    const byName = new Map<string, OptionSpec>();
    for (const o of spec.options) {
      for (const alias of o.aliases ?? []) byName.set(alias, o);
    }
    for (const o of spec.options) byName.set(o.name, o);
    const rank = new Map(spec.options.map((o, i) => [o.name, i]));
    index = { byName, spellings: [...byName], rank };
    indexes.set(spec, index);
  }
  return index;
}

/**
 * iptables' own long options (original_opts), which getopt_long holds beside
 * every loaded extension's: an abbreviation that could also be one of these
 * is ambiguous (`-p tcp --d 80`, `-m mark --ma 1`: "unknown option").
 */
const IPTABLES_OPTIONS: readonly string[] = [
  'append',
  'delete',
  'check',
  'insert',
  'replace',
  'list',
  'list-rules',
  'flush',
  'zero',
  'new-chain',
  'delete-chain',
  'rename-chain',
  'policy',
  'source',
  'destination',
  'src',
  'dst',
  'protocol',
  'in-interface',
  'jump',
  'table',
  'match',
  'numeric',
  'out-interface',
  'verbose',
  'wait',
  'wait-interval',
  'exact',
  'fragment',
  'version',
  'help',
  'line-numbers',
  'modprobe',
  'set-counters',
  'goto',
  'ipv4',
  'ipv6',
];

/**
 * The option `name` (what followed `--`) stands for in this extension. Like
 * getopt_long, an exact name or alias first, else an unambiguous abbreviation
 * (`--dp` is `--dport`, `--to` is DNAT's `--to-destination`); `--s` in tcp,
 * which could be `--sport` or iptables' `--source`, is none. (Options of the
 * rule's other extensions also make an abbreviation ambiguous in iptables;
 * that is not checked here.)
 */
export function findOptionSpec(spec: ExtensionSpec, name: string): OptionSpec | undefined {
  const index = indexOf(spec);
  const exact = index.byName.get(name);
  if (exact || name === '') return exact;
  let found: OptionSpec | undefined;
  for (const [spelling, option] of index.spellings) {
    if (!spelling.startsWith(name)) continue;
    if (found && found !== option) return undefined;
    found = option;
  }
  return found && !IPTABLES_OPTIONS.some((o) => o.startsWith(name)) ? found : undefined;
}

/** Options sorted into the spec's print order; unknown options keep their place at the end. */
export function inPrintOrder(spec: ExtensionSpec, options: readonly Option[]): readonly Option[] {
  const ranks = indexOf(spec).rank;
  const rank = (o: Option): number => ranks.get(o.name) ?? spec.options.length;
  for (let i = 1; i < options.length; i++) {
    if (rank(options[i - 1] as Option) > rank(options[i] as Option)) {
      return [...options].sort((a, b) => rank(a) - rank(b));
    }
  }
  return options;
}

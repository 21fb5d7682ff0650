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
}

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

export function findOptionSpec(spec: ExtensionSpec, name: string): OptionSpec | undefined {
  return spec.options.find((o) => o.name === name || (o.aliases?.includes(name) ?? false));
}

/** Options sorted into the spec's print order; unknown options keep their place at the end. */
export function inPrintOrder(spec: ExtensionSpec, options: readonly Option[]): readonly Option[] {
  const rank = (o: Option): number => {
    const index = spec.options.findIndex((s) => s.name === o.name);
    return index < 0 ? spec.options.length : index;
  };
  return [...options].sort((a, b) => rank(a) - rank(b));
}

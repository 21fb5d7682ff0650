/** Command-line words split into positionals and `--flag [value]` options. */
export interface Args {
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
  /** Every value of each repeatable flag, in the order given (`flags` holds the last). */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** Words that looked like flags but are not among the command's own. */
  readonly unknown: readonly string[];
}

export interface FlagSpec {
  /** Flags that take the next word (or `=value`) as their value. */
  readonly valued: ReadonlySet<string>;
  /** Flags that take no value. */
  readonly switches: ReadonlySet<string>;
  /** One-letter spellings: `-t` for `--table`. */
  readonly short?: ReadonlyMap<string, string>;
  /** Valued flags that may be given more than once: `--node-ip A --node-ip B`. */
  readonly repeatable?: ReadonlySet<string>;
}

/**
 * Reads `--name value`, `--name=value`, `-t value` and bare `--name` flags;
 * `-` alone is a positional (standard input). Anything else that starts with
 * `-` is reported as unknown rather than silently ignored.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): Args {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const unknown: string[] = [];
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '-' || !word.startsWith('-')) {
      positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const written = eq < 0 ? word : word.slice(0, eq);
    const name = written.startsWith('--') ? written.slice(2) : spec.short?.get(written.slice(1));
    if (name !== undefined && spec.valued.has(name)) {
      const value = eq >= 0 ? word.slice(eq + 1) : argv[++i];
      if (value === undefined) unknown.push(`${written} (needs a value)`);
      else {
        flags.set(name, value);
        if (spec.repeatable?.has(name)) {
          const values = lists.get(name) ?? [];
          values.push(value);
          lists.set(name, values);
        }
      }
    } else if (name !== undefined && spec.switches.has(name) && eq < 0) {
      flags.set(name, true);
    } else {
      unknown.push(word);
    }
  }
  return { positionals, flags, lists, unknown };
}

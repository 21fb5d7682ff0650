/** Command-line words split into positionals and `--flag [value]` options. */
export interface Args {
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

/**
 * Reads `--name value`, `--name=value` and bare `--name` flags; `-` alone is a
 * positional (standard input). Flags named in `valued` take the next word.
 */
export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>): Args {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
    if (eq >= 0) flags.set(name, word.slice(eq + 1));
    else if (valued.has(name) && i + 1 < argv.length) flags.set(name, argv[++i] as string);
    else flags.set(name, true);
  }
  return { positionals, flags };
}

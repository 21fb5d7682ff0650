import { readFileSync } from 'node:fs';
import { asLoadedByKernel } from '../domain/model/kernel-form.ts';
import { isTableName } from '../domain/model/names.ts';
import type { ParseOptions } from '../domain/parse/parse-dump.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { serializeSave } from '../domain/parse/serialize-save.ts';
import type { Args, FlagSpec } from './args.ts';
import type { Io } from './io.ts';

const FORMATS = ['auto', 'save', 'rules', 'listing'] as const;

const USAGE =
  'usage: kpviz parse FILE|- [--format auto|save|rules|listing] [-t|--table T] [--as-loaded] [--json]\n';

/** The flags `kpviz parse` takes. */
export const PARSE_FLAGS: FlagSpec = {
  valued: new Set(['format', 'table']),
  switches: new Set(['json', 'as-loaded']),
  short: new Map([['t', 'table']]),
};

/**
 * `kpviz parse FILE|- [--format …] [--table T] [--as-loaded] [--json]`: the
 * dump as canonical iptables-save text (each rule as iptables-save prints it;
 * with --as-loaded, the whole ruleset as the kernel would print it back after
 * iptables-restore) or the model as JSON, on stdout; problems on stderr as
 * FILE:LINE:COL; exit status 1 when any problem is an error, 2 on bad usage.
 */
export function parseCommand(args: Args, io: Io): number {
  const [file, ...extra] = args.positionals;
  if (args.unknown.length > 0) {
    io.err(`kpviz parse: unknown option ${args.unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  if (!file || extra.length > 0) {
    io.err(
      file ? `kpviz parse: one file at a time (also got ${extra.join(', ')})\n${USAGE}` : USAGE,
    );
    return 2;
  }
  const format = args.flags.get('format') ?? 'auto';
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) {
    io.err(`kpviz parse: --format must be one of ${FORMATS.join(', ')}\n`);
    return 2;
  }
  const table = args.flags.get('table');
  if (table !== undefined && (typeof table !== 'string' || !isTableName(table))) {
    io.err('kpviz parse: --table must be raw, mangle, nat, filter or security\n');
    return 2;
  }
  let text: string;
  try {
    text = file === '-' ? io.readStdin() : readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`kpviz parse: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const options: ParseOptions = {
    format: format as ParseOptions['format'],
    ...(table ? { table } : {}),
  };
  const result = parseDump(text, options);
  const name = file === '-' ? '<stdin>' : file;
  for (const p of result.problems) {
    io.err(
      `${name}:${p.line}:${p.column}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}\n`,
    );
  }
  const ruleset = args.flags.has('as-loaded') ? asLoadedByKernel(result.ruleset) : result.ruleset;
  io.out(args.flags.has('json') ? toJson(ruleset) : serializeSave(ruleset));
  return result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** JSON has no bigint: counters are written as decimal strings. */
function toJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) +
    '\n'
  );
}

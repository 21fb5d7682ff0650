import { parseArgs } from './args.ts';
import type { Io } from './io.ts';
import { processIo } from './io.ts';
import { parseCommand } from './parse-command.ts';

const USAGE = `kpviz: kube-proxy and netfilter rules, explained

usage:
  kpviz parse FILE|- [--format auto|save|rules|listing] [--table T] [--json]
      Read an iptables-save, iptables -S or iptables -nL dump and print it as
      canonical iptables-save text (or the parsed model as JSON). Problems go to
      stderr as FILE:LINE:COL: message; the exit status is 1 if any is an error.
`;

/** Runs one kpviz command and returns its exit status. */
export function run(argv: readonly string[], io: Io = processIo): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(parseArgs(rest, new Set(['format', 'table'])), io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`kpviz: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

// Run only when executed directly (the tests import `run`).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  process.exitCode = run(process.argv.slice(2));
}

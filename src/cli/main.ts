import { parseArgs } from './args.ts';
import type { Io } from './io.ts';
import { processIo } from './io.ts';
import { PARSE_FLAGS, parseCommand } from './parse-command.ts';

const USAGE = `kpviz: kube-proxy and netfilter rules, explained

usage:
  kpviz parse FILE|- [--format auto|save|rules|listing] [-t|--table T] [--as-loaded] [--json]
      Read an iptables-save, iptables -S or iptables -nL dump and print it as
      iptables-save text, each rule as iptables-save prints it (or the parsed
      model as JSON). --as-loaded prints the whole ruleset as the kernel would
      print it back after iptables-restore: tables in the kernel's order, every
      built-in chain, user chains sorted, counters zero. Problems go to stderr
      as FILE:LINE:COL: message; the exit status is 1 if any is an error.
`;

/** Runs one kpviz command and returns its exit status. */
export function run(argv: readonly string[], io: Io = processIo): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(parseArgs(rest, PARSE_FLAGS), io);
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

import { parseArgs } from './args.ts';
import { GENERATE_FLAGS, generateCommand } from './generate-command.ts';
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

  kpviz generate --manifests FILE|- [--profile current|legacy] [--as restore|save]
                 [--node-name N] [--node-ip IP]… [--cluster-cidr CIDR]
                 [--masquerade-all] [--masquerade-bit N] [--random-fully]
      Read Services and EndpointSlices (YAML or JSON: one object, several
      separated by ---, or a List as kubectl get svc,endpointslices -A -o yaml
      prints it) and print the rules kube-proxy (iptables mode) writes for them
      on this node. --profile current: kube-proxy v1.27 and later (KUBE-EXT,
      --or-mark, 10-decimal probabilities); legacy: v1.9, the seed
      article's (--set-xmark, 5 decimals, NodePort rules in KUBE-NODEPORTS).
      --as restore (default): the iptables-restore text kube-proxy writes, with
      the built-in chains' jumps as -A lines; --as save: the rules as
      iptables-save prints them once the kernel holds them. --node-ip may be
      repeated or given as a comma list (the first is the primary IP).
      Problems go to stderr as FILE:LINE:COL: message; if any is an error no
      rules are printed and the exit status is 1. The generator's notes go to
      stderr as FILE:LINE:COL: note: message.
`;

/** Runs one kpviz command and returns its exit status. */
export function run(argv: readonly string[], io: Io = processIo): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(parseArgs(rest, PARSE_FLAGS), io);
    case 'generate':
      return generateCommand(parseArgs(rest, GENERATE_FLAGS), io);
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

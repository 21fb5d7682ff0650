import { parseArgs } from './args.ts';
import { GENERATE_FLAGS, generateCommand } from './generate-command.ts';
import type { Io } from './io.ts';
import { processIo } from './io.ts';
import { LAB_FLAGS, labCommand } from './lab-command.ts';
import { PARSE_FLAGS, parseCommand } from './parse-command.ts';
import { TRACE_FLAGS, traceCommand } from './trace-command.ts';

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

  kpviz lab --manifests FILE|- [--profile current|legacy] [--node-name N]
            [--node-ip IP]… [--cluster-cidr CIDR] [--masquerade-all]
            [--masquerade-bit N] [--random-fully]
      Print a bash script that builds the manifests' Services and pods out of
      Linux network namespaces (a node, a client, one namespace per pod with
      an HTTP server answering its name), loads the rules kube-proxy writes
      for them into the node, and sends requests to every ClusterIP (from the
      node) and NodePort, external and load-balancer IP (from the client),
      printing which pod answered. Run it as root: sudo bash lab.sh [PREFIX
      [REQUESTS]]. It touches nothing outside its namespaces (named PREFIX…,
      default kpviz-lab-) and deletes them on exit. The node comes from the
      flags, as for generate, unless the file has the "# kpviz-node:" line the
      app's YAML export writes. Problems go to stderr; then no script is
      printed and the exit status is 1.

  kpviz trace --rules FILE|- --src IP[:PORT] --dst IP:PORT [--proto tcp|udp|sctp]
              --node-ip IP[/PREFIX]… [--iface NAME=CIDR[,CIDR]]… [--route DEST=DEV[@VIA]]…
              [--from local|external|IFACE] [--all | --seed N] [--json [--steps]]
              [--format auto|save|rules|listing] [-t|--table T]
      Send one packet through the rules of a dump (any format parse reads) on
      a node made from the flags, and print what netfilter does to it, step
      by step: each rule looked at, each NAT, the routing decisions, and the
      outcome (verdict, delivery, DNAT, SNAT/MASQUERADE, final header).
      The node: every --node-ip (required; repeat it or give a comma list) on
      eth0, a /24 unless IP/PREFIX says otherwise; --iface adds interfaces
      (cni0=10.244.1.1/24) and --route routes (10.244.2.0/24=eth0@192.168.0.12,
      DEST may be "default"); without a default --route, everything else is
      routed out of eth0 on-link, so packets to pods are forwarded out of eth0
      as on a flat network. ip_forward is on, and route_localnet too (kube-proxy
      sets it when localhost NodePorts are allowed).
      A source that is one of the node's addresses starts in OUTPUT (a process
      on the node sends it); any other arrives on the interface the route back
      to it uses. --from local|external|IFACE says otherwise; external with a
      node address arrives on eth0, where routing drops it as a martian. The
      source port is 40000 unless --src gives one; --proto defaults to tcp.
      Random matches (statistic) are drawn from --seed N (default 1: the same
      seed, the same path); --all follows every path instead and prints each
      distinct outcome with its exact probability. --json prints the outcomes
      as JSON (with each one's steps when --steps is given).
      Dump problems go to stderr as FILE:LINE:COL: message. Exit status: 0 when
      traced (dropped or not), 1 when the dump has errors or rules the kernel
      would refuse (a loop, jumps nested too deep), 2 on bad usage, including a
      packet or node the flags describe wrongly.
`;

/** Runs one kpviz command and returns its exit status. */
export function run(argv: readonly string[], io: Io = processIo): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(parseArgs(rest, PARSE_FLAGS), io);
    case 'generate':
      return generateCommand(parseArgs(rest, GENERATE_FLAGS), io);
    case 'lab':
      return labCommand(parseArgs(rest, LAB_FLAGS), io);
    case 'trace':
      return traceCommand(parseArgs(rest, TRACE_FLAGS), io);
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

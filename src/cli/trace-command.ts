import { readFileSync } from 'node:fs';
import { isTableName } from '../domain/model/names.ts';
import type { ParseOptions } from '../domain/parse/parse-dump.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { RulesetError } from '../domain/sim/compile.ts';
import { NodeModelError } from '../domain/sim/node.ts';
import type {
  InputProblem,
  NodeField,
  PacketDraft,
  PacketField,
} from '../domain/sim/packet-input.ts';
import { draftPacket, placePacket, readNodeModel } from '../domain/sim/packet-input.ts';
import type { Mode } from '../domain/sim/simulate.ts';
import { PacketError, simulate } from '../domain/sim/simulate.ts';
import type { NodeModel } from '../domain/sim/types.ts';
import type { Args, FlagSpec } from './args.ts';
import type { Io } from './io.ts';
import { traceJson, traceText } from './trace-output.ts';

export {
  DEFAULT_NODE_PREFIX,
  DEFAULT_SOURCE_PORT,
  NODE_INTERFACE,
} from '../domain/sim/packet-input.ts';

const USAGE =
  'usage: kpviz trace --rules FILE|- --src IP[:PORT] --dst IP:PORT [--proto tcp|udp|sctp]\n' +
  '         --node-ip IP[/PREFIX]… [--iface NAME=CIDR[,CIDR]]… [--route DEST=DEV[@VIA]]…\n' +
  '         [--from local|external|IFACE] [--all | --seed N] [--json [--steps]]\n' +
  '         [--format auto|save|rules|listing] [-t|--table T]\n';

const FORMATS = ['auto', 'save', 'rules', 'listing'] as const;
export const DEFAULT_SEED = 1;

/** The flags `kpviz trace` takes. */
export const TRACE_FLAGS: FlagSpec = {
  valued: new Set([
    'rules',
    'src',
    'dst',
    'proto',
    'node-ip',
    'iface',
    'route',
    'from',
    'seed',
    'format',
    'table',
  ]),
  switches: new Set(['all', 'json', 'steps']),
  short: new Map([['t', 'table']]),
  repeatable: new Set(['node-ip', 'iface', 'route']),
};

/**
 * `kpviz trace --rules FILE|- --src IP[:PORT] --dst IP:PORT --node-ip IP… [options]`: one
 * packet through the dump's rules on a node made from the flags, printed as the steps of each
 * outcome (or JSON with --json). Exit status 0 when traced, whatever the packet's fate; 1 when
 * the dump has errors or holds rules the kernel would refuse to load; 2 on bad usage, including
 * a packet or node the flags describe wrongly.
 */
export function traceCommand(args: Args, io: Io): number {
  if (args.unknown.length > 0 || args.positionals.length > 0) {
    const extra = [...args.unknown, ...args.positionals];
    io.err(`kpviz trace: unexpected ${extra.join(', ')}\n${USAGE}`);
    return 2;
  }
  const usage = (message: string): number => {
    io.err(`kpviz trace: ${message}\n`);
    return 2;
  };
  const file = args.flags.get('rules');
  if (typeof file !== 'string') {
    io.err(USAGE);
    return 2;
  }
  const draft = packetDraft(args);
  if (typeof draft === 'string') return usage(draft);
  const model = nodeModel(args);
  if (typeof model === 'string') return usage(model);
  const packet = placePacket(draft, model);
  if (!packet.ok) return usage(flagProblem(packet, PACKET_FLAGS, 'the packet'));
  const mode = traceMode(args);
  if (typeof mode === 'string') return usage(mode);
  if (args.flags.has('steps') && !args.flags.has('json'))
    return usage('--steps adds the steps to --json output; the text output always shows them');
  const options = parseOptions(args);
  if (typeof options === 'string') return usage(options);

  let text: string;
  try {
    text = file === '-' ? io.readStdin() : readFileSync(file, 'utf8');
  } catch (error) {
    return usage(`cannot read ${file}: ${(error as Error).message}`);
  }
  const name = file === '-' ? '<stdin>' : file;
  const parsed = parseDump(text, options);
  for (const p of parsed.problems) {
    io.err(
      `${name}:${p.line}:${p.column}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}\n`,
    );
  }
  if (parsed.problems.some((p) => p.severity === 'error')) {
    io.err('kpviz trace: not traced: fix the errors above first\n');
    return 1;
  }

  try {
    const { trace } = simulate(parsed.ruleset, model, packet.value, mode);
    io.out(
      args.flags.has('json')
        ? traceJson(trace, mode, args.flags.has('steps'))
        : traceText(trace, mode),
    );
    return 0;
  } catch (error) {
    if (error instanceof RulesetError) {
      const at = error.line === undefined ? name : `${name}:${error.line}:1`;
      io.err(
        `${at}: ${error.reason}\nkpviz trace: not traced: the kernel would not load these rules\n`,
      );
      return 1;
    }
    if (error instanceof NodeModelError) return usage(`the node: ${error.message}`);
    if (error instanceof PacketError) return usage(`the packet: ${error.message}`);
    throw error;
  }
}

/** The flag each packet input comes from, for the words before a problem. */
const PACKET_FLAGS: Readonly<Record<PacketField, string>> = {
  src: '--src',
  dst: '--dst',
  protocol: '--proto',
  from: '--from',
};
const NODE_FLAGS: Readonly<Record<NodeField, string>> = {
  nodeIPs: '--node-ip',
  interfaces: '--iface',
  routes: '--route',
};

/** A problem as the CLI says it: after its flag, or after "the packet"/"the node". */
function flagProblem<F extends string>(
  problem: InputProblem<F>,
  flags: Readonly<Record<F, string>>,
  subject: 'the packet' | 'the node',
): string {
  return problem.standalone
    ? `${subject}: ${problem.message}`
    : `${flags[problem.field]} ${problem.message}`;
}

const flagText = (args: Args, name: string): string | undefined => {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** The packet from --src, --dst, --proto and --from, before the node: or what is wrong. */
function packetDraft(args: Args): PacketDraft | string {
  const src = flagText(args, 'src');
  const dst = flagText(args, 'dst');
  if (src === undefined) return `--src IP[:PORT] is required\n${USAGE.trimEnd()}`;
  if (dst === undefined) return `--dst IP:PORT is required\n${USAGE.trimEnd()}`;
  const protocol = flagText(args, 'proto');
  const from = flagText(args, 'from');
  const draft = draftPacket({
    src,
    dst,
    ...(protocol === undefined ? {} : { protocol }),
    ...(from === undefined ? {} : { from }),
  });
  return draft.ok ? draft.value : flagProblem(draft, PACKET_FLAGS, 'the packet');
}

/** The node from --node-ip, --iface and --route (see readNodeModel), or what is wrong. */
function nodeModel(args: Args): NodeModel | string {
  const nodeIPs = args.lists.get('node-ip');
  if (nodeIPs === undefined)
    return `--node-ip IP is required: the node's own addresses decide what is local\n${USAGE.trimEnd()}`;
  const interfaces = args.lists.get('iface');
  const routes = args.lists.get('route');
  const model = readNodeModel({
    nodeIPs,
    ...(interfaces === undefined ? {} : { interfaces }),
    ...(routes === undefined ? {} : { routes }),
  });
  return model.ok ? model.value : flagProblem(model, NODE_FLAGS, 'the node');
}

/** --all, or --seed N (default 1). */
function traceMode(args: Args): Mode | string {
  const seedText = args.flags.get('seed');
  if (args.flags.has('all')) {
    return seedText === undefined
      ? { mode: 'all' }
      : '--seed picks one path; --all follows every path: give one of them';
  }
  if (seedText === undefined) return { mode: 'single', seed: DEFAULT_SEED };
  if (
    typeof seedText !== 'string' ||
    !/^[0-9]{1,10}$/.test(seedText) ||
    Number(seedText) > 0xffffffff
  )
    return `--seed must be a whole number from 0 to 4294967295, not "${String(seedText)}"`;
  return { mode: 'single', seed: Number(seedText) };
}

function parseOptions(args: Args): ParseOptions | string {
  const format = args.flags.get('format') ?? 'auto';
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format))
    return `--format must be one of ${FORMATS.join(', ')}`;
  const table = args.flags.get('table');
  if (table !== undefined && (typeof table !== 'string' || !isTableName(table)))
    return '--table must be raw, mangle, nat, filter or security';
  return { format: format as ParseOptions['format'], ...(table ? { table } : {}) };
}

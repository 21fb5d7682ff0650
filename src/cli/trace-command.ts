import { readFileSync } from 'node:fs';
import { ipFamily } from '../domain/kube/read-addresses.ts';
import { isTableName } from '../domain/model/names.ts';
import type { ParseOptions } from '../domain/parse/parse-dump.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { RulesetError } from '../domain/sim/compile.ts';
import { parseAddress } from '../domain/sim/ipv4.ts';
import { NodeModelError } from '../domain/sim/node.ts';
import type { Mode } from '../domain/sim/simulate.ts';
import { nodeView, PacketError, simulate } from '../domain/sim/simulate.ts';
import type {
  NodeInterface,
  NodeModel,
  NodeRoute,
  PacketSpec,
  Protocol,
} from '../domain/sim/types.ts';
import type { Args, FlagSpec } from './args.ts';
import type { Io } from './io.ts';
import { traceJson, traceText } from './trace-output.ts';

const USAGE =
  'usage: kpviz trace --rules FILE|- --src IP[:PORT] --dst IP:PORT [--proto tcp|udp|sctp]\n' +
  '         --node-ip IP[/PREFIX]… [--iface NAME=CIDR[,CIDR]]… [--route DEST=DEV[@VIA]]…\n' +
  '         [--from local|external|IFACE] [--all | --seed N] [--json [--steps]]\n' +
  '         [--format auto|save|rules|listing] [-t|--table T]\n';

const FORMATS = ['auto', 'save', 'rules', 'listing'] as const;
const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];

/** The interface that holds every --node-ip address. */
export const NODE_INTERFACE = 'eth0';
/** A --node-ip without /PREFIX is on a /24. */
export const DEFAULT_NODE_PREFIX = 24;
/** The source port of a packet whose --src names none: an ephemeral port, fixed so runs repeat. */
export const DEFAULT_SOURCE_PORT = 40000;
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
  const packet = packetSpec(args);
  if (typeof packet === 'string') return usage(packet);
  const model = nodeModel(args);
  if (typeof model === 'string') return usage(model);
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

  let spec = packet.spec;
  try {
    spec = withSource(spec, packet.from, model);
    const { trace } = simulate(parsed.ruleset, model, spec, mode);
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

interface PacketFlags {
  readonly spec: PacketSpec;
  /** --from as given: `local`, `external`, an interface, or undefined. */
  readonly from: string | undefined;
}

/** The packet from --src, --dst and --proto, or what is wrong with them. */
function packetSpec(args: Args): PacketFlags | string {
  const srcText = args.flags.get('src');
  const dstText = args.flags.get('dst');
  if (typeof srcText !== 'string') return `--src IP[:PORT] is required\n${USAGE.trimEnd()}`;
  if (typeof dstText !== 'string') return `--dst IP:PORT is required\n${USAGE.trimEnd()}`;
  const src = endpoint('--src', srcText);
  if (typeof src === 'string') return src;
  const dst = endpoint('--dst', dstText);
  if (typeof dst === 'string') return dst;
  if (dst.port === undefined) return `--dst "${dstText}" needs a port (IP:PORT)`;
  const proto = args.flags.get('proto') ?? 'tcp';
  if (typeof proto !== 'string' || !(PROTOCOLS as readonly string[]).includes(proto))
    return `--proto must be one of ${PROTOCOLS.join(', ')}`;
  const from = args.flags.get('from');
  if (from === '') return '--from needs local, external or an interface name';
  return {
    spec: {
      src: src.ip,
      dst: dst.ip,
      protocol: proto as Protocol,
      sport: src.port ?? DEFAULT_SOURCE_PORT,
      dport: dst.port,
    },
    from: typeof from === 'string' ? from : undefined,
  };
}

/** `IP` or `IP:PORT`, IPv4 only (the simulator follows the kernel's IPv4 path). */
function endpoint(flag: string, text: string): { ip: string; port?: number } | string {
  const colons = text.split(':').length - 1;
  if (colons > 1 || ipFamily(text) === 6)
    return `${flag} "${text}": kpviz traces IPv4 packets only`;
  const [ip = '', portText] = text.split(':');
  if (ipFamily(ip) !== 4) return `${flag} "${ip}" is not an IPv4 address`;
  if (portText === undefined) return { ip };
  const port = Number(portText);
  if (!/^[0-9]{1,5}$/.test(portText) || port < 1 || port > 65535)
    return `${flag} "${text}": "${portText}" is not a port (1–65535)`;
  return { ip, port };
}

/**
 * The node from --node-ip, --iface and --route: every node IP on eth0 (a /24 unless given),
 * a default route out of eth0 on-link unless --route gives one, ip_forward and route_localnet
 * on, as on a Kubernetes node whose kube-proxy allows localhost NodePorts.
 */
function nodeModel(args: Args): NodeModel | string {
  const nodeIPs = (args.lists.get('node-ip') ?? [])
    .flatMap((value) => value.split(','))
    .map((ip) => ip.trim());
  if (nodeIPs.length === 0)
    return `--node-ip IP is required: the node's own addresses decide what is local\n${USAGE.trimEnd()}`;
  const addresses: string[] = [];
  for (const text of nodeIPs) {
    const [ip = '', prefix, extra] = text.split('/');
    if (ipFamily(ip) !== 4 || extra !== undefined)
      return `--node-ip "${text}" is not an IPv4 address`;
    if (prefix !== undefined && (!/^[0-9]{1,2}$/.test(prefix) || Number(prefix) > 32))
      return `--node-ip "${text}": "${prefix}" is not a prefix length (0–32)`;
    addresses.push(`${ip}/${prefix ?? DEFAULT_NODE_PREFIX}`);
  }
  const interfaces: NodeInterface[] = [{ name: NODE_INTERFACE, addresses }];
  for (const text of args.lists.get('iface') ?? []) {
    const iface = interfaceFlag(text);
    if (typeof iface === 'string') return iface;
    if (interfaces.some((i) => i.name === iface.name))
      return `--iface "${text}": ${iface.name} is already described (${NODE_INTERFACE} holds the --node-ip addresses)`;
    interfaces.push(iface);
  }
  const routes: NodeRoute[] = [];
  for (const text of args.lists.get('route') ?? []) {
    const route = routeFlag(text);
    if (typeof route === 'string') return route;
    routes.push(route);
  }
  if (!routes.some((r) => r.destination.endsWith('/0')))
    routes.push({ destination: '0.0.0.0/0', dev: NODE_INTERFACE });
  return { interfaces, routes, ipForward: true, routeLocalnet: true };
}

/** `NAME=CIDR[,CIDR]`: an interface and its addresses, each with its prefix. */
function interfaceFlag(text: string): NodeInterface | string {
  const eq = text.indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq);
  if (name === '' || /[\s/,]/.test(name))
    return `--iface "${text}" is not NAME=CIDR[,CIDR] (cni0=10.244.1.1/24)`;
  if (name === 'lo') return '--iface: lo is always there, with 127.0.0.1/8';
  const addresses = text
    .slice(eq + 1)
    .split(',')
    .map((a) => a.trim());
  for (const a of addresses) {
    const [ip = '', prefix, extra] = a.split('/');
    if (ipFamily(ip) !== 4 || extra !== undefined)
      return `--iface "${text}": "${a}" is not an IPv4 address with a prefix`;
    if (prefix === undefined || !/^[0-9]{1,2}$/.test(prefix) || Number(prefix) > 32)
      return `--iface "${text}": "${a}" needs a prefix length (${ip}/24)`;
  }
  return { name, addresses };
}

/** `DEST=DEV[@VIA]`, DEST a CIDR, a bare address (/32) or `default`. */
function routeFlag(text: string): NodeRoute | string {
  const match = /^([^=]+)=([^@\s]+)(?:@(.+))?$/.exec(text);
  if (!match) return `--route "${text}" is not DEST=DEV[@VIA] (10.244.2.0/24=eth0@192.168.0.12)`;
  const [, destText = '', dev = '', via] = match;
  const [ip = '', prefix, extra] = (destText === 'default' ? '0.0.0.0/0' : destText).split('/');
  if (ipFamily(ip) !== 4 || extra !== undefined)
    return `--route "${text}": "${destText}" is not an IPv4 prefix`;
  if (prefix !== undefined && (!/^[0-9]{1,2}$/.test(prefix) || Number(prefix) > 32))
    return `--route "${text}": "${prefix}" is not a prefix length (0–32)`;
  if (via !== undefined && ipFamily(via) !== 4)
    return `--route "${text}": "${via}" is not an IPv4 address`;
  return {
    destination: `${ip}/${prefix ?? 32}`,
    dev,
    ...(via === undefined ? {} : { via }),
  };
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

/**
 * Where the packet starts. Left undefined, the simulator decides: OUTPUT for one of the
 * node's own addresses, else the interface the route back to the source leaves by. `external`
 * makes a node address arrive from outside, on eth0, where routing drops it as a martian.
 */
function withSource(spec: PacketSpec, from: string | undefined, model: NodeModel): PacketSpec {
  if (from === undefined) return spec;
  if (from !== 'external') return { ...spec, from };
  const view = nodeView(model);
  const src = parseAddress(spec.src);
  return src !== undefined && view.isLocal(src) ? { ...spec, from: NODE_INTERFACE } : spec;
}

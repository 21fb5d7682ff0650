/**
 * A packet and a node as a person writes them, read into the simulator's PacketSpec and
 * NodeModel: the `kpviz trace` flags and the custom packet form both read them here, so both
 * accept the same text and say the same words about what is wrong.
 *
 * A problem names the input it is about (`field`), so a form can show it at the field and the
 * CLI can put the flag's name before it.
 */
import { ipFamily } from '../kube/read-addresses.ts';
import { parseAddress } from './ipv4.ts';
import { nodeView } from './simulate.ts';
import type { NodeInterface, NodeModel, NodeRoute, PacketSpec, Protocol } from './types.ts';

/** The interface that holds every node IP. */
export const NODE_INTERFACE = 'eth0';
/** A node IP written without /PREFIX is on a /24. */
export const DEFAULT_NODE_PREFIX = 24;
/** The source port of a packet whose source names none: an ephemeral port, fixed so runs repeat. */
export const DEFAULT_SOURCE_PORT = 40000;
/** The protocols a packet can be written with (the simulator's ICMP needs no ports: not here). */
export const PACKET_PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];

/** A packet as written. */
export interface PacketInput {
  /** `IP` or `IP:PORT` (no port: DEFAULT_SOURCE_PORT). */
  readonly src: string;
  /** `IP:PORT`. */
  readonly dst: string;
  /** One of PACKET_PROTOCOLS; absent: tcp. */
  readonly protocol?: string;
  /**
   * Where it enters: `local` (a process of the node sends it), `external` (it arrives from
   * outside, even with one of the node's addresses as its source) or an interface name.
   * Absent: the simulator decides (`local` for a source the node holds, else the interface the
   * route back to the source leaves by).
   */
  readonly from?: string;
}

/** A node as written. */
export interface NodeInput {
  /** `IP[/PREFIX]` (a /24 unless given), several to an entry when comma-separated; all on eth0. */
  readonly nodeIPs: readonly string[];
  /** `NAME=CIDR[,CIDR]`: more interfaces (`cni0=10.244.1.1/24`). */
  readonly interfaces?: readonly string[];
  /** `DEST=DEV[@VIA]`, DEST a CIDR, a bare address (/32) or `default`. */
  readonly routes?: readonly string[];
}

export type PacketField = keyof PacketInput;
export type NodeField = keyof NodeInput;

/** What is wrong with one input. */
export interface InputProblem<F extends string = string> {
  /** The input that is wrong. */
  readonly field: F;
  /** For a list input (nodeIPs, interfaces, routes): the position of the entry that is wrong. */
  readonly index?: number;
  /**
   * Plain words. When `standalone` is false they are about the input's text and read after the
   * input's name: `"10.0.0.256" is not an IPv4 address` (`--src "10.0.0.256" is not…`). When
   * true, the input reads well but does not fit the rest of the node, and the words are a
   * sentence of their own: `the node has no interface "wlan0" (it has lo, eth0)`.
   */
  readonly message: string;
  readonly standalone: boolean;
}

export type Checked<T, F extends string = string> =
  { readonly ok: true; readonly value: T } | ({ readonly ok: false } & InputProblem<F>);

/** A packet read from its fields alone: `from` as written, not yet placed on a node. */
export interface PacketDraft {
  /** Without `from`. */
  readonly spec: PacketSpec;
  readonly from: string | undefined;
}

const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

function wrong<F extends string>(
  field: F,
  message: string,
  index?: number,
  standalone = false,
): { readonly ok: false } & InputProblem<F> {
  return { ok: false, field, ...(index === undefined ? {} : { index }), message, standalone };
}

/**
 * The packet the input describes, entering the node where `from` says.
 *
 * @example
 * readPacket({ src: '10.0.0.5', dst: '192.168.0.11:32110' }, node)
 * // { ok: true, value: { src: '10.0.0.5', dst: '192.168.0.11', protocol: 'tcp', sport: 40000, dport: 32110 } }
 * readPacket({ src: '10.0.0.5', dst: '192.168.0.11' }, node)
 * // { ok: false, field: 'dst', message: '"192.168.0.11" needs a port (IP:PORT)', standalone: false }
 */
export function readPacket(input: PacketInput, node: NodeModel): Checked<PacketSpec, PacketField> {
  const draft = draftPacket(input);
  return draft.ok ? placePacket(draft.value, node) : draft;
}

/** The packet's fields on their own, before any node: what readPacket checks first. */
export function draftPacket(input: PacketInput): Checked<PacketDraft, PacketField> {
  const srcText = input.src.trim();
  const dstText = input.dst.trim();
  if (srcText === '') return wrong('src', 'needs an IPv4 address: IP or IP:PORT');
  const src = endpoint(srcText);
  if (typeof src === 'string') return wrong('src', src);
  if (dstText === '') return wrong('dst', 'needs an IPv4 address and a port: IP:PORT');
  const dst = endpoint(dstText);
  if (typeof dst === 'string') return wrong('dst', dst);
  if (dst.port === undefined) return wrong('dst', `"${dstText}" needs a port (IP:PORT)`);
  const protocol = input.protocol?.trim() ?? 'tcp';
  if (!(PACKET_PROTOCOLS as readonly string[]).includes(protocol))
    return wrong('protocol', `must be one of ${PACKET_PROTOCOLS.join(', ')}`);
  const from = input.from?.trim();
  if (from === '') return wrong('from', 'needs local, external or an interface name');
  return ok({
    spec: {
      src: src.ip,
      dst: dst.ip,
      protocol: protocol as Protocol,
      sport: src.port ?? DEFAULT_SOURCE_PORT,
      dport: dst.port,
    },
    from,
  });
}

/**
 * Where the drafted packet enters `node`. `from` left out: the simulator decides (OUTPUT for
 * one of the node's own addresses, else the interface the route back to the source leaves
 * by). `external` makes a node address arrive from outside, on eth0, where routing drops it as
 * a martian; any other source it leaves to the simulator. An interface the node lacks is a
 * problem of `from` (standalone). Throws NodeModelError for a node the kernel could not hold
 * (readNodeModel accepts none such).
 */
export function placePacket(draft: PacketDraft, node: NodeModel): Checked<PacketSpec, PacketField> {
  const { spec, from } = draft;
  if (from === undefined) return ok(spec);
  const view = nodeView(node);
  if (from === 'external') {
    const src = parseAddress(spec.src);
    return ok(src !== undefined && view.isLocal(src) ? { ...spec, from: NODE_INTERFACE } : spec);
  }
  if (from !== 'local' && !view.interfaces.has(from)) {
    const names = [...view.interfaces.keys()].join(', ');
    return wrong('from', `the node has no interface "${from}" (it has ${names})`, undefined, true);
  }
  return ok({ ...spec, from });
}

/**
 * The node the input describes: every node IP on eth0 (a /24 unless given), the interfaces
 * and routes written, a default route out of eth0 on-link unless a route gives one,
 * ip_forward and route_localnet on, as on a Kubernetes node whose kube-proxy allows localhost
 * NodePorts. A route through an interface the node lacks is a problem of `routes`
 * (standalone).
 *
 * @example
 * readNodeModel({ nodeIPs: ['192.168.0.11'] })
 * // { ok: true, value: { interfaces: [{ name: 'eth0', addresses: ['192.168.0.11/24'] }],
 * //   routes: [{ destination: '0.0.0.0/0', dev: 'eth0' }], ipForward: true, routeLocalnet: true } }
 */
export function readNodeModel(input: NodeInput): Checked<NodeModel, NodeField> {
  const addresses: string[] = [];
  for (const [index, entry] of input.nodeIPs.entries()) {
    for (const text of entry.split(',').map((t) => t.trim())) {
      if (text === '') continue;
      const [ip = '', prefix, extra] = text.split('/');
      if (ipFamily(ip) !== 4 || extra !== undefined)
        return wrong('nodeIPs', `"${text}" is not an IPv4 address`, index);
      if (prefix !== undefined && !isPrefixLength(prefix))
        return wrong('nodeIPs', `"${text}": "${prefix}" is not a prefix length (0–32)`, index);
      addresses.push(`${ip}/${prefix ?? DEFAULT_NODE_PREFIX}`);
    }
  }
  if (addresses.length === 0)
    return wrong('nodeIPs', "needs an IPv4 address: the node's own addresses decide what is local");

  const interfaces: NodeInterface[] = [{ name: NODE_INTERFACE, addresses }];
  for (const [index, text] of (input.interfaces ?? []).entries()) {
    const iface = readInterface(text.trim());
    if (typeof iface === 'string') return wrong('interfaces', iface, index);
    if (interfaces.some((i) => i.name === iface.name)) {
      const holds = iface.name === NODE_INTERFACE ? ` (${NODE_INTERFACE} holds the node IPs)` : '';
      return wrong('interfaces', `"${text}": ${iface.name} is already described${holds}`, index);
    }
    interfaces.push(iface);
  }

  const routes: NodeRoute[] = [];
  const names = new Set(['lo', ...interfaces.map((i) => i.name)]);
  for (const [index, text] of (input.routes ?? []).entries()) {
    const route = readRoute(text.trim());
    if (typeof route === 'string') return wrong('routes', route, index);
    if (!names.has(route.dev)) {
      // NodeView's own words, so that the node reads the same however it was made.
      const message = `route ${route.destination} names unknown interface ${route.dev}`;
      return wrong('routes', message, index, true);
    }
    routes.push(route);
  }
  if (!routes.some((r) => r.destination.endsWith('/0')))
    routes.push({ destination: '0.0.0.0/0', dev: NODE_INTERFACE });
  return ok({ interfaces, routes, ipForward: true, routeLocalnet: true });
}

/** `IP` or `IP:PORT`, IPv4 only (the simulator follows the kernel's IPv4 path). */
function endpoint(text: string): { ip: string; port?: number } | string {
  const colons = text.split(':').length - 1;
  if (colons > 1 || ipFamily(text) === 6) return `"${text}": kpviz traces IPv4 packets only`;
  const [ip = '', portText] = text.split(':');
  if (ipFamily(ip) !== 4) return `"${ip}" is not an IPv4 address`;
  if (portText === undefined) return { ip };
  const port = Number(portText);
  if (!/^[0-9]{1,5}$/.test(portText) || port < 1 || port > 65535)
    return `"${text}": "${portText}" is not a port (1–65535)`;
  return { ip, port };
}

/** `NAME=CIDR[,CIDR]`: an interface and its addresses, each with its prefix. */
function readInterface(text: string): NodeInterface | string {
  const eq = text.indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq);
  if (name === '' || /[\s/,]/.test(name))
    return `"${text}" is not NAME=CIDR[,CIDR] (cni0=10.244.1.1/24)`;
  if (name === 'lo') return `"${text}": lo is always there, with 127.0.0.1/8`;
  if (name === 'local' || name === 'external')
    return `"${text}": "${name}" names where a packet enters, not an interface`;
  const addresses = text
    .slice(eq + 1)
    .split(',')
    .map((a) => a.trim());
  for (const a of addresses) {
    const [ip = '', prefix, extra] = a.split('/');
    if (ipFamily(ip) !== 4 || extra !== undefined)
      return `"${text}": "${a}" is not an IPv4 address with a prefix`;
    if (prefix === undefined || !isPrefixLength(prefix))
      return `"${text}": "${a}" needs a prefix length (${ip}/24)`;
  }
  return { name, addresses };
}

/** `DEST=DEV[@VIA]`, DEST a CIDR, a bare address (/32) or `default`. */
function readRoute(text: string): NodeRoute | string {
  const match = /^([^=]+)=([^@\s]+)(?:@(.+))?$/.exec(text);
  if (!match) return `"${text}" is not DEST=DEV[@VIA] (10.244.2.0/24=eth0@192.168.0.12)`;
  const [, destText = '', dev = '', via] = match;
  const [ip = '', prefix, extra] = (destText === 'default' ? '0.0.0.0/0' : destText).split('/');
  if (ipFamily(ip) !== 4 || extra !== undefined)
    return `"${text}": "${destText}" is not an IPv4 prefix`;
  if (prefix !== undefined && !isPrefixLength(prefix))
    return `"${text}": "${prefix}" is not a prefix length (0–32)`;
  if (via !== undefined && ipFamily(via) !== 4) return `"${text}": "${via}" is not an IPv4 address`;
  return { destination: `${ip}/${prefix ?? 32}`, dev, ...(via === undefined ? {} : { via }) };
}

const isPrefixLength = (text: string): boolean => /^[0-9]{1,2}$/.test(text) && Number(text) <= 32;

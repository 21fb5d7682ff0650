/**
 * The packets a Service is usually reached by, as the custom packet form takes them: from
 * a pod, from the node itself, and from outside the cluster. They follow kube-proxy's own
 * cases: a pod's packet comes into the node from the pod network and meets PREROUTING; the
 * node's own comes from a local socket and meets OUTPUT; an outside client's arrives on the
 * node's interface for a NodePort (or on a load balancer's or external address).
 */
import type { DiscoveredService } from '../../domain/kube/discover-services.ts';
import { ipFamily } from '../../domain/kube/read-addresses.ts';
import { inCidr, parseAddress, parseCidr } from '../../domain/sim/ipv4.ts';
import { DEFAULT_NODE_IP, type PacketForm } from '../../store/packet-slice.ts';

export type Scenario = 'pod' | 'node' | 'outside';

export const SCENARIOS: readonly Scenario[] = ['pod', 'node', 'outside'];

/** A pod's address when the Service has no endpoints to place it near: the usual pod CIDR. */
export const DEFAULT_POD_IP = '10.244.0.5';
/** A client outside the cluster: TEST-NET-3 (RFC 5737), an address nobody owns. */
export const OUTSIDE_CLIENT_IP = '203.0.113.10';

/**
 * The fields a scenario fills in; the node's addresses and the mode stay as the user set
 * them. A pod's packet also needs the node's interface to the pod network.
 */
export type ScenarioPacket = Pick<PacketForm, 'src' | 'dst' | 'protocol' | 'from'> &
  Partial<Pick<PacketForm, 'interfaces'>>;

/** The bridge a pod network hangs off, as CNI plugins call it. */
export const POD_BRIDGE = 'cni0';

/** The node's first address in the form's Node IPs text (`192.168.0.11/24, 10.0.0.1`). */
export function firstNodeIP(nodeIPs: string): string {
  for (const word of nodeIPs.split(/[\s,]+/)) {
    const ip = word.split('/')[0] ?? '';
    if (ipFamily(ip) === 4) return ip;
  }
  return DEFAULT_NODE_IP;
}

const ipOf = (address: string): string => address.slice(0, address.lastIndexOf(':'));

/** The first two free host addresses of a /24, lowest first. */
function freeHosts(net: string, taken: ReadonlySet<string>): string[] {
  const free: string[] = [];
  for (let host = 1; host < 255 && free.length < 2; host++) {
    const candidate = `${net}.${host}`;
    if (!taken.has(candidate)) free.push(candidate);
  }
  return free;
}

/** A pod, and the node's address on the bridge it hangs off. */
export interface PodPlace {
  readonly pod: string;
  /** `10.244.0.1/24`: the node's side of the pod network. */
  readonly bridge: string;
}

/**
 * A pod's address: in the first endpoint's /24 (the pods of one node share a subnet), but
 * none of the endpoints, so the packet does not hairpin back to itself, and none of the
 * node's addresses. The node's own address on that subnet is the first free one.
 */
export function podPlace(service: DiscoveredService, nodeIPs: readonly string[]): PodPlace {
  const first =
    service.endpoints.map((e) => ipOf(e.address)).find((ip) => ipFamily(ip) === 4) ??
    DEFAULT_POD_IP;
  const taken = new Set([...service.endpoints.map((e) => ipOf(e.address)), ...nodeIPs]);
  const net = first.split('.').slice(0, 3).join('.');
  const [bridge = `${net}.1`, pod = DEFAULT_POD_IP] = freeHosts(net, taken);
  return { pod, bridge: `${bridge}/24` };
}

/** Whether an interface line of the form (`NAME=CIDR[,CIDR]`) puts `ip` on a connected subnet. */
function covers(interfaces: string, ip: string): boolean {
  const address = parseAddress(ip);
  if (address === undefined) return false;
  return interfaces.split('\n').some((line) =>
    line
      .slice(line.indexOf('=') + 1)
      .split(',')
      .some((text) => {
        const cidr = parseCidr(text.trim());
        return cidr !== undefined && inCidr(address, cidr);
      }),
  );
}

/**
 * Where a packet from inside the cluster is sent: the ClusterIP; for a Service seen only in
 * its rules without one, whatever address it has (external, load balancer, else the NodePort).
 */
function insideDestination(service: DiscoveredService, nodeIP: string): string | undefined {
  const withIP =
    service.addresses.find((a) => a.kind === 'cluster' && a.ip !== undefined) ??
    service.addresses.find((a) => a.ip !== undefined);
  if (withIP) return `${withIP.ip}:${withIP.port}`;
  const nodePort = service.addresses.find((a) => a.kind === 'nodeport');
  return nodePort ? `${nodeIP}:${nodePort.port}` : undefined;
}

/** Where an outside client sends: the node's NodePort, else a load balancer or external IP. */
function outsideDestination(service: DiscoveredService, nodeIP: string): string | undefined {
  const nodePort = service.addresses.find((a) => a.kind === 'nodeport');
  if (nodePort) return `${nodeIP}:${nodePort.port}`;
  const exposed = service.addresses.find(
    (a) => (a.kind === 'loadbalancer' || a.kind === 'external') && a.ip !== undefined,
  );
  return exposed ? `${exposed.ip}:${exposed.port}` : undefined;
}

/**
 * The packet of one scenario, or undefined when the Service cannot be reached that way
 * (from outside without a NodePort, load balancer or external IP).
 *
 * @example
 *   scenarioPacket(nginx, 'outside', '192.168.0.11')
 *   // { src: '203.0.113.10', dst: '192.168.0.11:32110', protocol: 'tcp', from: 'external' }
 */
export function scenarioPacket(
  service: DiscoveredService,
  scenario: Scenario,
  nodeIPs: string,
  interfaces = '',
): ScenarioPacket | undefined {
  const nodeIP = firstNodeIP(nodeIPs);
  const protocol = service.protocol;
  if (scenario === 'outside') {
    const dst = outsideDestination(service, nodeIP);
    return dst === undefined
      ? undefined
      : { src: OUTSIDE_CLIENT_IP, dst, protocol, from: 'external' };
  }
  const dst = insideDestination(service, nodeIP);
  if (dst === undefined) return undefined;
  if (scenario === 'node') return { src: nodeIP, dst, protocol, from: 'local' };
  const own = nodeIPs
    .split(/[\s,]+/)
    .map((word) => word.split('/')[0] ?? '')
    .filter(Boolean);
  // The pod's packet comes in on the pod bridge, as on a real node: described here unless the
  // form already has an interface on the pod's subnet. `external` with the pod's address: the
  // simulator finds that interface by routing back to it.
  const { pod, bridge } = podPlace(service, own);
  const named = new Set(interfaces.split('\n').map((line) => line.split('=')[0]?.trim()));
  const bridged = covers(interfaces, pod)
    ? {}
    : {
        interfaces: [
          ...interfaces.split('\n').filter((line) => line.trim() !== ''),
          `${named.has(POD_BRIDGE) ? 'pods0' : POD_BRIDGE}=${bridge}`,
        ].join('\n'),
      };
  return { src: pod, dst, protocol, from: 'external', ...bridged };
}

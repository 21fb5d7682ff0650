/**
 * The packets a Service is usually reached by, as the custom packet form takes them: from
 * a pod, from the node itself, and from outside the cluster. They follow kube-proxy's own
 * cases: a pod's packet comes into the node from the pod network and meets PREROUTING; the
 * node's own comes from a local socket and meets OUTPUT; an outside client's arrives on the
 * node's interface for a NodePort (or on a load balancer's or external address).
 */
import type { DiscoveredService } from '../../domain/kube/discover-services.ts';
import { ipFamily } from '../../domain/kube/read-addresses.ts';
import {
  insideDestination,
  OUTSIDE_CLIENT_IP,
  outsideDestination,
  POD_BRIDGE,
  podPlace,
} from '../../domain/play/service-places.ts';
import { inCidr, parseAddress, parseCidr } from '../../domain/sim/ipv4.ts';
import { DEFAULT_NODE_IP, type PacketForm } from '../../store/packet-slice.ts';

export type Scenario = 'pod' | 'node' | 'outside';

export const SCENARIOS: readonly Scenario[] = ['pod', 'node', 'outside'];

/**
 * The fields a scenario fills in; the node's addresses and the mode stay as the user set
 * them. A pod's packet also needs the node's interface to the pod network.
 */
export type ScenarioPacket = Pick<PacketForm, 'src' | 'dst' | 'protocol' | 'from'> &
  Partial<Pick<PacketForm, 'interfaces'>>;

/** The node's first address in the form's Node IPs text (`192.168.0.11/24, 10.0.0.1`). */
export function firstNodeIP(nodeIPs: string): string {
  for (const word of nodeIPs.split(/[\s,]+/)) {
    const ip = word.split('/')[0] ?? '';
    if (ipFamily(ip) === 4) return ip;
  }
  return DEFAULT_NODE_IP;
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

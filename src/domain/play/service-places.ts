/**
 * Where a Service's usual clients sit, as a node would see them: a pod beside the Service's
 * endpoints on the node's pod bridge, a client outside the cluster, and the address each
 * sends to. kube-proxy's own cases: a pod's packet comes into the node from the pod network
 * and meets PREROUTING; an outside client's arrives on the node's interface for a NodePort
 * (or on a load balancer's or external address).
 */
import type { DiscoveredService } from '../kube/discover-services.ts';
import { ipFamily } from '../kube/read-addresses.ts';

/** A pod's address when the Service has no endpoints to place it near: the usual pod CIDR. */
export const DEFAULT_POD_IP = '10.244.0.5';
/** A client outside the cluster: TEST-NET-3 (RFC 5737), an address nobody owns. */
export const OUTSIDE_CLIENT_IP = '203.0.113.10';

/** The bridge a pod network hangs off, as CNI plugins call it. */
export const POD_BRIDGE = 'cni0';

export const ipOf = (address: string): string => address.slice(0, address.lastIndexOf(':'));

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

/**
 * Where a packet from inside the cluster is sent: the ClusterIP; for a Service seen only in
 * its rules without one, whatever address it has (external, load balancer, else the NodePort).
 */
export function insideDestination(service: DiscoveredService, nodeIP: string): string | undefined {
  const withIP =
    service.addresses.find((a) => a.kind === 'cluster' && a.ip !== undefined) ??
    service.addresses.find((a) => a.ip !== undefined);
  if (withIP) return `${withIP.ip}:${withIP.port}`;
  const nodePort = service.addresses.find((a) => a.kind === 'nodeport');
  return nodePort ? `${nodeIP}:${nodePort.port}` : undefined;
}

/** Where an outside client sends: the node's NodePort, else a load balancer or external IP. */
export function outsideDestination(service: DiscoveredService, nodeIP: string): string | undefined {
  const nodePort = service.addresses.find((a) => a.kind === 'nodeport');
  if (nodePort) return `${nodeIP}:${nodePort.port}`;
  const exposed = service.addresses.find(
    (a) => (a.kind === 'loadbalancer' || a.kind === 'external') && a.ip !== undefined,
  );
  return exposed ? `${exposed.ip}:${exposed.port}` : undefined;
}

/**
 * Services + EndpointSlices + node settings → an environment: what an editor opens when the
 * user imports manifests. What an environment cannot hold (ExternalName and headless Services,
 * IPv6, named target ports without a slice to resolve them) is left out with a note.
 */
import type { NodeSettings } from '../kube/node-settings.ts';
import { NoteLog } from '../kube/notes.ts';
import type { GenerationNote } from '../kube/notes.ts';
import type { EndpointSlice, KubeObject, Service, ServicePort } from '../kube/objects.ts';
import { ipFamily } from '../kube/read-addresses.ts';
import type {
  Environment,
  EnvironmentNode,
  EnvironmentPod,
  EnvironmentPort,
  EnvironmentService,
} from './environment.ts';

/** The pod an endpoint names (targetRef.name), when the input says. */
export type PodNameOf = (slice: EndpointSlice, address: string) => string | undefined;

/** Where a pod whose endpoint names no node is put: not this node, so not local. */
export const UNKNOWN_NODE = 'unknown-node';

export function environmentNodeOf(node: NodeSettings): EnvironmentNode {
  return {
    nodeName: node.nodeName,
    nodeIPs: node.nodeIPs,
    profile: node.profile,
    ...(node.clusterCIDR !== undefined ? { clusterCIDR: node.clusterCIDR } : {}),
    masqueradeAll: node.masqueradeAll,
    masqueradeBit: node.masqueradeBit,
    randomFully: node.randomFully,
    localhostNodePorts: node.localhostNodePorts ?? true,
    nodePortAddresses: node.nodePortAddresses ?? [],
  };
}

const isIPv4 = (ip: string) => ipFamily(ip) === 4;

/**
 * @example
 * const { environment } = environmentFromObjects(SEED_OBJECTS, SEED_NODE);
 * environment; // deep-equals SEED_ENVIRONMENT
 */
export function environmentFromObjects(
  objects: readonly KubeObject[],
  node: NodeSettings,
  podNameOf: PodNameOf = () => undefined,
): { environment: Environment; notes: readonly GenerationNote[] } {
  const log = new NoteLog();
  const slices = objects.filter((o): o is EndpointSlice => o.kind === 'EndpointSlice');
  const names = new PodNames();
  const services = objects.flatMap((o): EnvironmentService[] => {
    if (o.kind !== 'Service') return [];
    const service = readService(o, log);
    if (!service) return [];
    const mine = slices.filter((s) => s.namespace === o.namespace && s.serviceName === o.name);
    const ports = o.ports.map((p) => readPort(o, p, mine, log));
    const pods = readPods(o, mine, names, podNameOf, log);
    return [{ ...service, ports, pods }];
  });
  return { environment: { node: environmentNodeOf(node), services }, notes: log.notes };
}

function readService(
  o: Service,
  log: NoteLog,
): Omit<EnvironmentService, 'ports' | 'pods'> | undefined {
  const name = `Service ${o.namespace}/${o.name}`;
  if (o.type === 'ExternalName') {
    log.info(
      `${name} is an ExternalName Service: kube-proxy writes no rules for it; left out`,
      o.position,
    );
    return undefined;
  }
  const clusterIP = o.clusterIP ?? o.clusterIPs?.[0];
  if (clusterIP === undefined || clusterIP === '' || clusterIP === 'None') {
    log.info(
      `${name} has no ClusterIP (headless or not allocated yet): no rules; left out`,
      o.position,
    );
    return undefined;
  }
  if (!isIPv4(clusterIP)) {
    log.warn(
      `${name}: ClusterIP ${clusterIP} is not IPv4; environments are IPv4 only; left out`,
      o.position,
    );
    return undefined;
  }
  const ipv4 = (list: readonly string[] | undefined, what: string): string[] => {
    const all = list ?? [];
    const kept = all.filter(isIPv4);
    if (kept.length < all.length) log.warn(`${name}: IPv6 ${what} left out`, o.position);
    return kept;
  };
  const timeout = o.sessionAffinity === 'ClientIP' ? o.sessionAffinityTimeoutSeconds : undefined;
  return {
    namespace: o.namespace,
    name: o.name,
    type: o.type,
    clusterIP,
    externalIPs: ipv4(o.externalIPs, 'external IPs'),
    loadBalancerIPs: ipv4(o.loadBalancerIngressIPs, 'load-balancer IPs'),
    loadBalancerSourceRanges: (o.loadBalancerSourceRanges ?? [])
      .map((r) => r.trim())
      .filter((r) => isIPv4(r.split('/')[0] ?? '')),
    sessionAffinity: o.sessionAffinity ?? 'None',
    ...(timeout !== undefined ? { sessionAffinityTimeoutSeconds: timeout } : {}),
    externalTrafficPolicy: o.externalTrafficPolicy ?? 'Cluster',
    internalTrafficPolicy: o.internalTrafficPolicy ?? 'Cluster',
    ...(o.healthCheckNodePort ? { healthCheckNodePort: o.healthCheckNodePort } : {}),
  };
}

/** The pods' port comes from the EndpointSlice (as kube-proxy takes it), else from targetPort. */
function readPort(
  o: Service,
  p: ServicePort,
  slices: readonly EndpointSlice[],
  log: NoteLog,
): EnvironmentPort {
  const name = p.name ?? '';
  const protocol = p.protocol ?? 'TCP';
  const fromSlice = slices
    .flatMap((s) => s.ports)
    .find((sp) => (sp.name ?? '') === name && (sp.protocol ?? 'TCP') === protocol)?.port;
  const targetPort =
    fromSlice ?? (typeof p.targetPort === 'number' ? p.targetPort : undefined) ?? p.port;
  if (fromSlice === undefined && typeof p.targetPort === 'string') {
    log.warn(
      `Service ${o.namespace}/${o.name}: port "${name}" targets the named port "${p.targetPort}", which no EndpointSlice resolves; taken as ${p.port}`,
      o.position,
    );
  }
  return {
    name,
    protocol,
    port: p.port,
    targetPort,
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
  };
}

/** Pod names: unique per namespace, the same for the same IP (one pod behind two Services). */
class PodNames {
  private readonly byIP = new Map<string, string>();
  private readonly taken = new Set<string>();

  name(namespace: string, ip: string, given: string | undefined, service: string): string {
    const known = this.byIP.get(`${namespace} ${ip}`);
    if (given === undefined && known !== undefined) return known;
    let name = given;
    for (let n = 1; name === undefined; n++) {
      const candidate = `${service}-${n}`;
      if (!this.taken.has(`${namespace}/${candidate}`)) name = candidate;
    }
    this.taken.add(`${namespace}/${name}`);
    this.byIP.set(`${namespace} ${ip}`, name);
    return name;
  }
}

function readPods(
  o: Service,
  slices: readonly EndpointSlice[],
  names: PodNames,
  podNameOf: PodNameOf,
  log: NoteLog,
): EnvironmentPod[] {
  const pods: EnvironmentPod[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') {
      log.warn(
        `EndpointSlice ${slice.namespace}/${slice.name} is ${slice.addressType}; left out`,
        slice.position,
      );
      continue;
    }
    for (const endpoint of slice.endpoints) {
      // kube-proxy uses an endpoint's first address only.
      const ip = endpoint.addresses[0];
      if (ip === undefined || seen.has(ip)) continue;
      seen.add(ip);
      if (endpoint.nodeName === undefined) {
        log.warn(
          `EndpointSlice ${slice.namespace}/${slice.name}: endpoint ${ip} names no node; taken as on ${UNKNOWN_NODE}`,
          slice.position,
        );
      }
      const c = endpoint.conditions;
      pods.push({
        name: names.name(o.namespace, ip, podNameOf(slice, ip), o.name),
        ip,
        nodeName: endpoint.nodeName ?? UNKNOWN_NODE,
        // kube-proxy's reading of absent conditions: ready and serving, not terminating.
        ready: c?.ready ?? true,
        serving: c?.serving ?? true,
        terminating: c?.terminating ?? false,
      });
    }
  }
  return pods;
}

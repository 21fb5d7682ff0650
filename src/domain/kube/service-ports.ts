/**
 * Services → kube-proxy's service ports (docs §2.2, pkg/proxy/serviceport.go):
 * one per `spec.ports[i]`, with the addresses of the proxier's IP family and
 * the traffic policies worked out the way pkg/api/v1/service/util.go does.
 */
import type { IPFamily } from './ip.ts';
import { canonicalIP, ipFamilyOf, parseCIDR } from './ip.ts';
import type { NoteLog } from './notes.ts';
import type { KubeObject, Protocol, Service, TextPosition } from './objects.ts';

/** How `<S>` is spelt: v1.19+ drops the colon of an unnamed port, older versions keep it. */
export type PortNameStyle = 'current' | 'trailing-colon';

/** Kubernetes' default sessionAffinityConfig.clientIP.timeoutSeconds. */
export const DEFAULT_AFFINITY_SECONDS = 10800;

export interface ServicePortInfo {
  readonly namespace: string;
  readonly serviceName: string;
  /** '' for an unnamed port. */
  readonly portName: string;
  readonly protocol: Protocol;
  /** `<S>`: "ns/svc:port" (or "ns/svc" / "ns/svc:" for an unnamed port, by style). */
  readonly nameString: string;
  readonly type: Service['type'];
  readonly clusterIP: string;
  readonly port: number;
  /** 0: none. */
  readonly nodePort: number;
  readonly externalIPs: readonly string[];
  readonly loadBalancerIPs: readonly string[];
  /** Trimmed, of the proxier's family. */
  readonly loadBalancerSourceRanges: readonly string[];
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  /** 0: none; only LoadBalancer with ETP Local (NeedsHealthCheck). */
  readonly healthCheckNodePort: number;
  /** Seconds of ClientIP affinity, undefined for none. */
  readonly affinitySeconds: number | undefined;
  readonly position: TextPosition | undefined;
}

/** Key shared by a Service port and the EndpointSlice ports that feed it. */
export const servicePortKey = (
  namespace: string,
  service: string,
  portName: string,
  protocol: Protocol,
): string => `${namespace}/${service}\u0000${portName}\u0000${protocol}`;

export const keyOf = (sp: ServicePortInfo): string =>
  servicePortKey(sp.namespace, sp.serviceName, sp.portName, sp.protocol);

export function nameString(
  namespace: string,
  service: string,
  portName: string,
  style: PortNameStyle,
): string {
  const base = `${namespace}/${service}`;
  if (style === 'trailing-colon') return `${base}:${portName}`;
  return portName === '' ? base : `${base}:${portName}`;
}

/** ExternallyAccessible(service): by type, or a ClusterIP with external IPs. */
function serviceExternallyAccessible(svc: Service): boolean {
  return (
    svc.type === 'LoadBalancer' ||
    svc.type === 'NodePort' ||
    (svc.type === 'ClusterIP' && (svc.externalIPs?.length ?? 0) > 0)
  );
}

function ofFamily(
  values: readonly string[] | undefined,
  family: IPFamily,
  what: string,
  svc: Service,
  log: NoteLog,
): string[] {
  const out: string[] = [];
  for (const value of values ?? []) {
    if (value === '') continue;
    const ip = canonicalIP(value);
    if (!ip) {
      log.warn(`${svcName(svc)}: ${what} "${value}" is not an IP address; skipped`, svc.position);
    } else if (ipFamilyOf(ip) !== family) {
      log.info(
        `${svcName(svc)}: ${what} ${value} is not ${family}; this proxier skips it`,
        svc.position,
      );
    } else {
      out.push(value);
    }
  }
  return out;
}

const svcName = (svc: Service): string => `Service ${svc.namespace}/${svc.name}`;

/** The Service's cluster IP of `family`, or why there is none. */
function clusterIPOf(svc: Service, family: IPFamily): string | undefined {
  const candidates = svc.clusterIPs?.length ? svc.clusterIPs : [svc.clusterIP ?? ''];
  return candidates.find((ip) => ipFamilyOf(ip) === family);
}

/**
 * The service ports kube-proxy would hold, sorted by `<S>` then protocol so
 * the output does not depend on Go map order (docs §3.1).
 */
export function buildServicePorts(
  objects: readonly KubeObject[],
  family: IPFamily,
  style: PortNameStyle,
  log: NoteLog,
): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  const seen = new Set<string>();
  for (const svc of objects) {
    if (svc.kind !== 'Service') continue;
    // ShouldSkipService: no cluster IP means no virtual IP to intercept.
    if (svc.type === 'ExternalName') {
      log.info(
        `${svcName(svc)} is ExternalName: a DNS alias, kube-proxy writes no rules for it`,
        svc.position,
      );
      continue;
    }
    if (svc.clusterIP === undefined || svc.clusterIP === '' || svc.clusterIP === 'None') {
      log.info(
        `${svcName(svc)} is headless (clusterIP ${svc.clusterIP ?? 'unset'}): clients reach the pods directly, kube-proxy writes no rules for it`,
        svc.position,
      );
      continue;
    }
    const clusterIP = clusterIPOf(svc, family);
    if (!clusterIP) {
      log.info(`${svcName(svc)} has no ${family} cluster IP; this proxier skips it`, svc.position);
      continue;
    }
    const externalIPs = ofFamily(svc.externalIPs, family, 'external IP', svc, log);
    const loadBalancerIPs = ofFamily(
      svc.loadBalancerIngressIPs,
      family,
      'load-balancer IP',
      svc,
      log,
    );
    // "validation mistakenly allows whitespace padding" (serviceport.go): trimmed.
    const loadBalancerSourceRanges: string[] = [];
    for (const raw of svc.loadBalancerSourceRanges ?? []) {
      const range = raw.trim();
      const cidr = parseCIDR(range);
      if (!cidr)
        log.warn(`${svcName(svc)}: source range "${raw}" is not a CIDR; skipped`, svc.position);
      else if (cidr.family !== family)
        log.info(`${svcName(svc)}: source range ${range} is not ${family}; skipped`, svc.position);
      else loadBalancerSourceRanges.push(range);
    }
    const externalPolicyLocal =
      serviceExternallyAccessible(svc) && svc.externalTrafficPolicy === 'Local';
    const healthCheckNodePort =
      svc.type === 'LoadBalancer' && externalPolicyLocal ? (svc.healthCheckNodePort ?? 0) : 0;
    for (const port of svc.ports) {
      const protocol = port.protocol ?? 'TCP';
      const portName = port.name ?? '';
      const key = servicePortKey(svc.namespace, svc.name, portName, protocol);
      if (seen.has(key)) {
        log.warn(
          `${svcName(svc)}: port "${portName}"/${protocol} is listed twice; the first is used`,
          svc.position,
        );
        continue;
      }
      seen.add(key);
      out.push({
        namespace: svc.namespace,
        serviceName: svc.name,
        portName,
        protocol,
        nameString: nameString(svc.namespace, svc.name, portName, style),
        type: svc.type,
        clusterIP: canonicalIP(clusterIP) ?? clusterIP,
        port: port.port,
        nodePort: port.nodePort ?? 0,
        externalIPs,
        loadBalancerIPs,
        loadBalancerSourceRanges,
        externalPolicyLocal,
        internalPolicyLocal: svc.internalTrafficPolicy === 'Local',
        healthCheckNodePort,
        affinitySeconds:
          svc.sessionAffinity === 'ClientIP'
            ? (svc.sessionAffinityTimeoutSeconds ?? DEFAULT_AFFINITY_SECONDS)
            : undefined,
        position: svc.position,
      });
    }
  }
  return out.sort((a, b) =>
    a.nameString !== b.nameString
      ? a.nameString < b.nameString
        ? -1
        : 1
      : a.protocol < b.protocol
        ? -1
        : a.protocol > b.protocol
          ? 1
          : 0,
  );
}

/** Per-port ExternallyAccessible(): something outside the cluster IP reaches it. */
export const externallyAccessible = (sp: ServicePortInfo): boolean =>
  sp.nodePort !== 0 || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0;

export const usesClusterEndpoints = (sp: ServicePortInfo): boolean =>
  !sp.internalPolicyLocal || externallyAccessible(sp);

export const usesLocalEndpoints = (sp: ServicePortInfo): boolean =>
  sp.internalPolicyLocal || (sp.externalPolicyLocal && externallyAccessible(sp));

/**
 * EndpointSlices → each service port's endpoints (docs §2.3,
 * pkg/proxy/endpointslicecache.go) and CategorizeEndpoints (docs §2.4,
 * pkg/proxy/topology.go). Topology hints are ignored (useTopology = false).
 */
import type { IPFamily } from './ip.ts';
import { canonicalIP, ipFamilyOf, joinHostPort } from './ip.ts';
import type { NoteLog } from './notes.ts';
import type { KubeObject } from './objects.ts';
import type { ServicePortInfo } from './service-ports.ts';
import {
  keyOf,
  servicePortKey,
  usesClusterEndpoints,
  usesLocalEndpoints,
} from './service-ports.ts';

export interface EndpointInfo {
  readonly ip: string;
  readonly port: number;
  /** `ip:port` / `[ip]:port`: the hash input, the DNAT target and the sort key. */
  readonly endpoint: string;
  readonly isLocal: boolean;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
}

/**
 * Endpoints per service-port key, each list sorted by endpoint string (Go's
 * byte order: "10.180.0.10:80" before "10.180.0.2:80") and de-duplicated
 * across slices, a non-terminating duplicate winning.
 */
export function collectEndpoints(
  objects: readonly KubeObject[],
  servicePorts: readonly ServicePortInfo[],
  family: IPFamily,
  nodeName: string,
  log: NoteLog,
): Map<string, EndpointInfo[]> {
  const known = new Set(servicePorts.map(keyOf));
  const services = new Set(
    objects.filter((o) => o.kind === 'Service').map((s) => `${s.namespace}/${s.name}`),
  );
  const byKey = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of objects) {
    if (slice.kind !== 'EndpointSlice') continue;
    const sliceName = `EndpointSlice ${slice.namespace}/${slice.name}`;
    const svcFull = `${slice.namespace}/${slice.serviceName}`;
    if (!services.has(svcFull)) {
      log.warn(
        `${sliceName} belongs to Service ${svcFull}, which is not in the input; skipped`,
        slice.position,
      );
      continue;
    }
    if (slice.addressType !== family) {
      log.info(
        `${sliceName} holds ${slice.addressType} addresses; this ${family} proxier skips it`,
        slice.position,
      );
      continue;
    }
    for (const port of slice.ports) {
      const protocol = port.protocol ?? 'TCP';
      const portName = port.name ?? '';
      if (!port.port) {
        log.warn(`${sliceName}: port "${portName}" has no port number; skipped`, slice.position);
        continue;
      }
      const key = servicePortKey(slice.namespace, slice.serviceName, portName, protocol);
      if (!known.has(key)) {
        // A skipped (headless, …) Service has no service ports: its note says why already.
        if (servicePorts.some((sp) => `${sp.namespace}/${sp.serviceName}` === svcFull)) {
          log.warn(
            `${sliceName}: port "${portName}"/${protocol} matches no port of Service ${svcFull} (name and protocol must match); skipped`,
            slice.position,
          );
        }
        continue;
      }
      const list = byKey.get(key) ?? new Map<string, EndpointInfo>();
      byKey.set(key, list);
      for (const ep of slice.endpoints) {
        const address = ep.addresses[0];
        if (address === undefined) continue;
        const ip = canonicalIP(address);
        if (!ip || ipFamilyOf(ip) !== family) {
          log.warn(
            `${sliceName}: address "${address}" is not an ${family} address; skipped`,
            slice.position,
          );
          continue;
        }
        const c = ep.conditions ?? {};
        const info: EndpointInfo = {
          ip,
          port: port.port,
          endpoint: joinHostPort(ip, port.port),
          isLocal: ep.nodeName !== undefined && ep.nodeName === nodeName,
          ready: c.ready ?? true,
          serving: c.serving ?? true,
          terminating: c.terminating ?? false,
        };
        const existing = list.get(info.endpoint);
        if (!existing || (existing.terminating && !info.terminating)) list.set(info.endpoint, info);
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, list] of byKey) out.set(key, sortByEndpoint([...list.values()]));
  return out;
}

export function sortByEndpoint(list: EndpointInfo[]): EndpointInfo[] {
  return list.sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
}

export interface Categorized {
  readonly clusterEndpoints: readonly EndpointInfo[];
  readonly localEndpoints: readonly EndpointInfo[];
  /** Every endpoint this node may DNAT to: gets a KUBE-SEP chain. */
  readonly allReachableEndpoints: readonly EndpointInfo[];
  readonly hasAnyEndpoints: boolean;
}

/** CategorizeEndpoints with the ProxyTerminatingEndpoints behaviour (GA since v1.28). */
export function categorizeEndpoints(
  sp: ServicePortInfo,
  endpoints: readonly EndpointInfo[],
): Categorized {
  let clusterEndpoints: EndpointInfo[] = [];
  let hasAnyEndpoints = false;
  if (usesClusterEndpoints(sp)) {
    clusterEndpoints = endpoints.filter((ep) => ep.ready);
    // No ready endpoint anywhere: serve from terminating ones rather than drop traffic.
    if (clusterEndpoints.length === 0) {
      clusterEndpoints = endpoints.filter((ep) => ep.serving && ep.terminating);
    }
    if (clusterEndpoints.length > 0) hasAnyEndpoints = true;
  }
  if (!usesLocalEndpoints(sp)) {
    return {
      clusterEndpoints,
      localEndpoints: [],
      allReachableEndpoints: clusterEndpoints,
      hasAnyEndpoints,
    };
  }
  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  let localEndpoints: EndpointInfo[] = [];
  let useServingTerminating = false;
  if (hasLocalReady) {
    localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
  } else if (hasLocalServingTerminating) {
    useServingTerminating = true;
    localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
  }
  if (!usesClusterEndpoints(sp)) {
    return {
      clusterEndpoints,
      localEndpoints,
      allReachableEndpoints: localEndpoints,
      hasAnyEndpoints,
    };
  }
  if (!useServingTerminating) {
    return {
      clusterEndpoints,
      localEndpoints,
      allReachableEndpoints: clusterEndpoints,
      hasAnyEndpoints,
    };
  }
  // Union keyed by endpoint string; Go's map order is random, so sort (docs §2.4).
  const union = new Map<string, EndpointInfo>();
  for (const ep of [...clusterEndpoints, ...localEndpoints]) union.set(ep.endpoint, ep);
  return {
    clusterEndpoints,
    localEndpoints,
    allReachableEndpoints: sortByEndpoint([...union.values()]),
    hasAnyEndpoints,
  };
}

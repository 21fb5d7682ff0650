import { isScalar } from 'yaml';
import type { Service, ServicePort, ServiceType } from './objects.ts';
import { readMetadata } from './read-metadata.ts';
import { readCidrs, readIP, readIPs, readNodePort, readPort, readProtocol } from './read-values.ts';
import type { Field, MapView, ReadContext } from './read-yaml.ts';
import {
  readChoice,
  readInteger,
  readList,
  readMap,
  readString,
  describe as describeNode,
  optional,
} from './read-yaml.ts';

const SERVICE_TYPES: readonly ServiceType[] = [
  'ClusterIP',
  'NodePort',
  'LoadBalancer',
  'ExternalName',
];
const POLICIES = ['Cluster', 'Local'] as const;
const AFFINITIES = ['None', 'ClientIP'] as const;
/** Kubernetes' validation: 0 < timeoutSeconds ≤ 86400 (one day). */
const MAX_AFFINITY_TIMEOUT = 86400;

/**
 * A core/v1 Service, or undefined when it has an error (the API server would refuse it too, and
 * kube-proxy never sees such a Service). Defaults that change what kube-proxy writes are left
 * to the generator; only namespace and type are filled in.
 */
export function readService(ctx: ReadContext, object: MapView): Service | undefined {
  const errorsBefore = ctx.errors;
  const meta = readMetadata(ctx, object);
  if (meta.name === undefined) {
    ctx.error(
      object.get('metadata')?.offset ?? object.offset,
      'metadata.name is missing: a Service needs a name',
    );
  }
  const spec = readMap(ctx, object.get('spec'));
  const type = readChoice(ctx, spec?.get('type'), SERVICE_TYPES) ?? 'ClusterIP';
  const clusterIP = readClusterIP(ctx, spec?.get('clusterIP'));
  const clusterIPsField = spec?.get('clusterIPs');
  const clusterIPs = clusterIPsField
    ? readList(ctx, clusterIPsField).flatMap((item) => {
        const ip = readClusterIP(ctx, item);
        return ip === undefined ? [] : [ip];
      })
    : undefined;
  const portsField = spec?.get('ports');
  const ports = readServicePorts(ctx, portsField);
  const headless = clusterIP === 'None' || clusterIPs?.[0] === 'None';
  if (ports.given === 0 && type !== 'ExternalName' && !headless) {
    const at = portsField?.offset ?? spec?.offset ?? object.offset;
    ctx.error(at, 'spec.ports is missing or empty: a Service needs at least one port');
  }
  const status = readMap(ctx, object.get('status'));
  const loadBalancer = readMap(ctx, status?.get('loadBalancer'));
  const ingress = readList(ctx, loadBalancer?.get('ingress')).flatMap((item) => {
    const ip = readIP(ctx, readMap(ctx, item)?.get('ip'));
    return ip === undefined ? [] : [ip];
  });
  const affinityConfig = readMap(ctx, spec?.get('sessionAffinityConfig'));
  const timeoutField = readMap(ctx, affinityConfig?.get('clientIP'))?.get('timeoutSeconds');
  const timeout = readInteger(ctx, timeoutField);
  if (timeout !== undefined && timeoutField && (timeout < 1 || timeout > MAX_AFFINITY_TIMEOUT)) {
    ctx.error(
      timeoutField.offset,
      `${timeoutField.path} ${timeout} is not in 1–${MAX_AFFINITY_TIMEOUT}`,
    );
  }
  const healthField = spec?.get('healthCheckNodePort');
  const healthCheckNodePort = readHealthCheckNodePort(ctx, healthField);
  const service: Service = {
    kind: 'Service',
    namespace: meta.namespace,
    name: meta.name ?? '',
    type,
    ...optional('clusterIP', clusterIP),
    ...optional('clusterIPs', clusterIPs),
    ports: ports.read,
    ...optional('externalIPs', readIPs(ctx, spec?.get('externalIPs'))),
    ...optional('loadBalancerSourceRanges', readCidrs(ctx, spec?.get('loadBalancerSourceRanges'))),
    ...optional('loadBalancerIngressIPs', loadBalancer?.get('ingress') ? ingress : undefined),
    ...optional(
      'externalTrafficPolicy',
      readChoice(ctx, spec?.get('externalTrafficPolicy'), POLICIES),
    ),
    ...optional(
      'internalTrafficPolicy',
      readChoice(ctx, spec?.get('internalTrafficPolicy'), POLICIES),
    ),
    ...optional('healthCheckNodePort', healthCheckNodePort),
    ...optional('sessionAffinity', readChoice(ctx, spec?.get('sessionAffinity'), AFFINITIES)),
    ...optional('sessionAffinityTimeoutSeconds', timeout),
    position: ctx.position(object.offset),
  };
  return ctx.errors > errorsBefore ? undefined : service;
}

/** 0 (none) or a port number. */
function readHealthCheckNodePort(ctx: ReadContext, field: Field | undefined): number | undefined {
  const port = readInteger(ctx, field);
  if (port === undefined || !field || (port >= 0 && port <= 65535)) return port;
  ctx.error(field.offset, `${field.path} ${port} is not a port number (1–65535)`);
  return undefined;
}

/** An IP, "None" (headless) or "" (allocate one; kube-proxy skips the Service until then). */
function readClusterIP(ctx: ReadContext, field: Field | undefined): string | undefined {
  if (!field) return undefined;
  const text = readString(ctx, field);
  if (text === undefined || text === 'None' || text === '') return text;
  return readIP(ctx, field);
}

/** The ports that read well, and how many were written. */
function readServicePorts(
  ctx: ReadContext,
  field: Field | undefined,
): { read: ServicePort[]; given: number } {
  const items = readList(ctx, field);
  const read = items.flatMap((item) => {
    const port = readMap(ctx, item);
    if (!port) {
      ctx.error(
        item.offset,
        `${item.path} must be a map with port, protocol, name…, not ${describeNode(item.node)}`,
      );
      return [];
    }
    const portField = port.get('port');
    if (!portField) ctx.error(item.offset, `${item.path}.port is missing`);
    const name = readString(ctx, port.get('name'));
    if (name === undefined && items.length > 1) {
      ctx.error(
        item.offset,
        `${item.path}.name is missing: a Service with several ports must name each`,
      );
    }
    const number = readPort(ctx, portField);
    const protocol = readProtocol(ctx, port.get('protocol'));
    const targetPort = readTargetPort(ctx, port.get('targetPort'));
    const nodePort = readNodePort(ctx, port.get('nodePort'));
    if (number === undefined) return [];
    const result: ServicePort = {
      ...optional('name', name),
      ...optional('protocol', protocol),
      port: number,
      ...optional('targetPort', targetPort),
      ...optional('nodePort', nodePort),
    };
    return [result];
  });
  return { read, given: items.length };
}

/** A port number or the name of a container port. */
function readTargetPort(ctx: ReadContext, field: Field | undefined): number | string | undefined {
  if (!field) return undefined;
  if (isScalar(field.node) && typeof field.node.value === 'number') return readPort(ctx, field);
  return readString(ctx, field);
}

import type { NodeSettings } from '../kube/node-settings.ts';
import type { Endpoint, EndpointSlice, KubeObject, Service } from '../kube/objects.ts';
import type { Environment, EnvironmentNode, EnvironmentService } from './environment.ts';
import { externallyAccessible } from './environment.ts';

/**
 * The name of a Service's one EndpointSlice. The EndpointSlice controller names slices
 * `<service>-<5 random characters>`; a fixed suffix keeps exports reproducible and says who made
 * the slice.
 */
export const endpointSliceName = (service: EnvironmentService): string => `${service.name}-kpviz`;

/** The node's settings as the generator takes them. */
export function nodeSettingsOf(node: EnvironmentNode): NodeSettings {
  const clusterCIDR = node.clusterCIDR?.trim();
  return {
    nodeName: node.nodeName,
    nodeIPs: node.nodeIPs,
    ...(clusterCIDR ? { clusterCIDR } : {}),
    masqueradeAll: node.masqueradeAll,
    masqueradeBit: node.masqueradeBit,
    randomFully: node.randomFully,
    profile: node.profile,
    ipFamily: 'IPv4',
    localhostNodePorts: node.localhostNodePorts,
    nodePortAddresses: node.nodePortAddresses,
  };
}

/** The Service object of one Service of an environment. */
export function serviceObject(service: EnvironmentService): Service {
  const affinity = service.sessionAffinity === 'ClientIP';
  const timeout = service.sessionAffinityTimeoutSeconds;
  const healthCheck = service.healthCheckNodePort;
  return {
    kind: 'Service',
    namespace: service.namespace,
    name: service.name,
    type: service.type,
    clusterIP: service.clusterIP,
    ports: service.ports.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      protocol: p.protocol,
      port: p.port,
      targetPort: p.targetPort,
      ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
    })),
    ...(service.externalIPs.length > 0 ? { externalIPs: service.externalIPs } : {}),
    ...(service.loadBalancerSourceRanges.length > 0
      ? { loadBalancerSourceRanges: service.loadBalancerSourceRanges }
      : {}),
    ...(service.loadBalancerIPs.length > 0
      ? { loadBalancerIngressIPs: service.loadBalancerIPs }
      : {}),
    ...(externallyAccessible(service)
      ? { externalTrafficPolicy: service.externalTrafficPolicy }
      : {}),
    internalTrafficPolicy: service.internalTrafficPolicy,
    ...(healthCheck !== undefined ? { healthCheckNodePort: healthCheck } : {}),
    sessionAffinity: service.sessionAffinity,
    // Absent: Kubernetes' default, which the generator applies too.
    ...(affinity && timeout !== undefined ? { sessionAffinityTimeoutSeconds: timeout } : {}),
  };
}

/** Its one EndpointSlice. */
export function sliceObject(service: EnvironmentService): EndpointSlice {
  return {
    kind: 'EndpointSlice',
    namespace: service.namespace,
    name: endpointSliceName(service),
    serviceName: service.name,
    addressType: 'IPv4',
    // kube-proxy pairs slice ports with Service ports by name and protocol; the unnamed port of
    // a one-port Service is the name "".
    ports: service.ports.map((p) => ({ name: p.name, protocol: p.protocol, port: p.targetPort })),
    endpoints: service.pods.map((pod): Endpoint => ({
      addresses: [pod.ip],
      conditions: { ready: pod.ready, serving: pod.serving, terminating: pod.terminating },
      nodeName: pod.nodeName,
    })),
  };
}

/**
 * The Services and EndpointSlices an environment stands for (one slice per Service), and the
 * node's settings: what `generateRules` takes. Meant for a valid environment
 * (`validateEnvironment`); an invalid one gives objects the API server would refuse.
 *
 * @example
 * const { objects, node } = environmentToObjects(SEED_ENVIRONMENT);
 * generateRules(objects, node).restore; // the seed's rules
 */
export function environmentToObjects(env: Environment): {
  objects: KubeObject[];
  node: NodeSettings;
} {
  const objects = env.services.flatMap((s): KubeObject[] => [serviceObject(s), sliceObject(s)]);
  return { objects, node: nodeSettingsOf(env.node) };
}

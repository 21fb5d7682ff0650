/**
 * An environment as Kubernetes YAML that `kubectl apply -f` takes: per Service a core/v1
 * Service (without a selector, so that the EndpointSlice controller leaves its endpoints alone)
 * and a discovery.k8s.io/v1 EndpointSlice naming its pods. The node's settings are no
 * Kubernetes object; they travel in one comment line that kubectl ignores and
 * environmentFromYaml reads back.
 */
import { stringify } from 'yaml';
import type { EndpointSlice, Service } from '../kube/objects.ts';
import { SERVICE_NAME_LABEL } from '../kube/read-endpoint-slice.ts';
import { optional } from '../kube/read-yaml.ts';
import type { Environment, EnvironmentNode, EnvironmentService } from './environment.ts';
import { serviceObject, sliceObject } from './to-objects.ts';

/** The comment line that carries the node's settings. */
export const NODE_LINE_PREFIX = '# kpviz-node: ';

/** Marks a slice as not the EndpointSlice controller's, which would otherwise manage it. */
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';

function serviceManifest(o: Service): object {
  const timeout = o.sessionAffinityTimeoutSeconds;
  const ingress = o.loadBalancerIngressIPs?.map((ip) => ({ ip }));
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      type: o.type,
      clusterIP: o.clusterIP,
      ports: o.ports,
      ...optional('externalIPs', o.externalIPs),
      ...optional('loadBalancerSourceRanges', o.loadBalancerSourceRanges),
      ...optional('sessionAffinity', o.sessionAffinity),
      ...optional('sessionAffinityConfig', timeout && { clientIP: { timeoutSeconds: timeout } }),
      ...optional('externalTrafficPolicy', o.externalTrafficPolicy),
      ...optional('internalTrafficPolicy', o.internalTrafficPolicy),
      ...optional('healthCheckNodePort', o.healthCheckNodePort),
    },
    // status is the load balancer's to write: kubectl apply leaves it out, kpviz reads it.
    ...optional('status', ingress && { loadBalancer: { ingress } }),
  };
}

/** The slice, each endpoint naming its pod (targetRef), which the generator's objects leave out. */
function sliceManifest(o: EndpointSlice, service: EnvironmentService): object {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      labels: { [SERVICE_NAME_LABEL]: o.serviceName, [MANAGED_BY_LABEL]: 'kpviz' },
    },
    addressType: o.addressType,
    ports: o.ports,
    endpoints: o.endpoints.map((endpoint, i) => ({
      ...endpoint,
      targetRef: { kind: 'Pod', namespace: o.namespace, name: service.pods[i]?.name },
    })),
  };
}

/** The node line: its settings as one line of JSON. */
export const nodeLine = (node: EnvironmentNode): string =>
  `${NODE_LINE_PREFIX}${JSON.stringify(node)}`;

/**
 * @example
 * environmentToYaml(SEED_ENVIRONMENT);
 * // "# kpviz-node: {…}\napiVersion: v1\nkind: Service\nmetadata:\n  name: nginx-service-nodeport\n…"
 */
export function environmentToYaml(env: Environment): string {
  const header = [
    '# Services and EndpointSlices for kubectl apply -f, written by kpviz.',
    "# The line below is kube-proxy's node as kpviz models it; kubectl ignores comments.",
    nodeLine(env.node),
  ].join('\n');
  const documents = env.services.flatMap((s) => [
    serviceManifest(serviceObject(s)),
    sliceManifest(sliceObject(s), s),
  ]);
  const body = documents.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
  return `${header}\n${body}`;
}

/**
 * The scenarios' Services and EndpointSlices as Kubernetes YAML. They live in
 * TypeScript rather than in .yaml files imported with `?raw` because the kpviz
 * command runs under tsx, which has no `?raw`: the scenarios must load there
 * too, not only under Vite and Vitest.
 *
 * The cluster: node-1 (this node, 192.168.0.11, pods 10.244.1.0/24 on cni0)
 * and node-2 (192.168.0.12, pods 10.244.2.0/24); Services in 10.96.0.0/12.
 * manifest() writes each Service and the EndpointSlice the EndpointSlice
 * controller keeps for it: one port per Service port (named as it is, `""`
 * when unnamed; the target port's number), every pod ready.
 */
import type { EndpointSlice, KubeObject, Service } from '../kube/objects.ts';

/** One port of a Service; no `name` for a Service's only, unnamed port. */
interface ServicePortSpec {
  readonly name?: string;
  readonly protocol: 'TCP' | 'UDP';
  readonly port: number;
  readonly targetPort: number;
  readonly nodePort?: number;
}

/** A Service as far as the scenarios set it, and its EndpointSlice. */
interface ManifestSpec {
  /** The manifest's leading comment, a line each. */
  readonly comment: readonly string[];
  /** Default: `default`. */
  readonly namespace?: string;
  readonly name: string;
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly externalTrafficPolicy?: 'Local';
  readonly clusterIP: string;
  /** sessionAffinity ClientIP with this timeout. */
  readonly affinitySeconds?: number;
  readonly loadBalancerSourceRanges?: readonly string[];
  readonly ports: readonly ServicePortSpec[];
  /** status.loadBalancer.ingress[0].ip */
  readonly ingressIP?: string;
  /** The EndpointSlice's name is `<name>-<slice>`. */
  readonly slice: string;
  /** Node name → the addresses of the Service's pods on it, in the slice's order. */
  readonly pods: Readonly<Record<string, readonly string[]>>;
}

/** The Service as YAML, fields in the order `kubectl get -o yaml` prints them. */
function serviceYaml(s: ManifestSpec, namespace: string): string[] {
  return [
    ...s.comment.map((line) => `# ${line}`),
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${s.name}`,
    `  namespace: ${namespace}`,
    'spec:',
    `  type: ${s.type}`,
    ...(s.externalTrafficPolicy ? [`  externalTrafficPolicy: ${s.externalTrafficPolicy}`] : []),
    `  clusterIP: ${s.clusterIP}`,
    ...(s.affinitySeconds === undefined
      ? []
      : [
          '  sessionAffinity: ClientIP',
          '  sessionAffinityConfig:',
          '    clientIP:',
          `      timeoutSeconds: ${s.affinitySeconds}`,
        ]),
    ...(s.loadBalancerSourceRanges
      ? ['  loadBalancerSourceRanges:', ...s.loadBalancerSourceRanges.map((r) => `    - ${r}`)]
      : []),
    '  ports:',
    ...s.ports.flatMap((p) => [
      ...(p.name === undefined
        ? [`    - protocol: ${p.protocol}`]
        : [`    - name: ${p.name}`, `      protocol: ${p.protocol}`]),
      `      port: ${p.port}`,
      `      targetPort: ${p.targetPort}`,
      ...(p.nodePort === undefined ? [] : [`      nodePort: ${p.nodePort}`]),
    ]),
    ...(s.ingressIP === undefined
      ? []
      : ['status:', '  loadBalancer:', '    ingress:', `      - ip: ${s.ingressIP}`]),
  ];
}

/** The EndpointSlice the EndpointSlice controller keeps for the Service, as YAML. */
function endpointSliceYaml(s: ManifestSpec, namespace: string): string[] {
  const endpoints = Object.entries(s.pods).flatMap(([nodeName, addresses]) =>
    addresses.flatMap((address) => [
      '  - addresses:',
      `      - ${address}`,
      '    conditions:',
      '      ready: true',
      `    nodeName: ${nodeName}`,
    ]),
  );
  return [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    `  name: ${s.name}-${s.slice}`,
    `  namespace: ${namespace}`,
    '  labels:',
    `    kubernetes.io/service-name: ${s.name}`,
    'addressType: IPv4',
    'ports:',
    ...s.ports.flatMap((p) => [
      `  - name: ${p.name ?? '""'}`,
      `    protocol: ${p.protocol}`,
      `    port: ${p.targetPort}`,
    ]),
    ...(endpoints.length === 0 ? ['endpoints: []'] : ['endpoints:', ...endpoints]),
  ];
}

/**
 * The Service and its EndpointSlice as the objects readKubeObjects reads from the YAML (where
 * they were written aside), made straight from the spec: the scenarios need no YAML reader,
 * and an embedded player loads none (scenarios.test.ts checks the two agree).
 */
function objectsOf(s: ManifestSpec, namespace: string): KubeObject[] {
  const service: Service = {
    kind: 'Service',
    namespace,
    name: s.name,
    type: s.type,
    clusterIP: s.clusterIP,
    ports: s.ports.map((p) => ({
      ...(p.name === undefined ? {} : { name: p.name }),
      protocol: p.protocol,
      port: p.port,
      targetPort: p.targetPort,
      ...(p.nodePort === undefined ? {} : { nodePort: p.nodePort }),
    })),
    ...(s.externalTrafficPolicy ? { externalTrafficPolicy: s.externalTrafficPolicy } : {}),
    ...(s.affinitySeconds === undefined
      ? {}
      : { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: s.affinitySeconds }),
    ...(s.loadBalancerSourceRanges ? { loadBalancerSourceRanges: s.loadBalancerSourceRanges } : {}),
    ...(s.ingressIP === undefined ? {} : { loadBalancerIngressIPs: [s.ingressIP] }),
  };
  const slice: EndpointSlice = {
    kind: 'EndpointSlice',
    namespace,
    name: `${s.name}-${s.slice}`,
    serviceName: s.name,
    addressType: 'IPv4',
    ports: s.ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol, port: p.targetPort })),
    endpoints: Object.entries(s.pods).flatMap(([nodeName, addresses]) =>
      addresses.map((address) => ({ addresses: [address], conditions: { ready: true }, nodeName })),
    ),
  };
  return [service, slice];
}

/** A scenario's cluster objects: as Kubernetes YAML, and as kube-proxy reads them. */
export interface Manifest {
  readonly text: string;
  readonly objects: readonly KubeObject[];
}

/** The Service and its EndpointSlice as one multi-document manifest. */
function manifest(s: ManifestSpec): Manifest {
  const namespace = s.namespace ?? 'default';
  return {
    text: [...serviceYaml(s, namespace), '---', ...endpointSliceYaml(s, namespace), ''].join('\n'),
    objects: objectsOf(s, namespace),
  };
}

/** The Service's only port, unnamed: TCP 80 to the pods' 80. */
const unnamed80 = (nodePort: number): ServicePortSpec => ({
  protocol: 'TCP',
  port: 80,
  targetPort: 80,
  nodePort,
});

/** Port http: TCP 80 to the pods' 8080. */
const http80to8080 = (nodePort: number): ServicePortSpec => ({
  name: 'http',
  protocol: 'TCP',
  port: 80,
  targetPort: 8080,
  nodePort,
});

/** The seed's shape on this cluster: nginx behind a NodePort, two pods here and one on node-2. */
export const NGINX_MANIFEST = manifest({
  comment: ['nginx behind a NodePort: two pods on node-1 (this node), one on node-2.'],
  name: 'nginx',
  type: 'NodePort',
  clusterIP: '10.96.100.10',
  ports: [unnamed80(30080)],
  slice: '7xk2p',
  pods: { 'node-1': ['10.244.1.2', '10.244.1.3'], 'node-2': ['10.244.2.2'] },
});

/** The web-lb pods: one on this node, one on node-2 (behind both LoadBalancer Services). */
const WEB_PODS = { 'node-1': ['10.244.1.4'], 'node-2': ['10.244.2.4'] };

/** A LoadBalancer Service open to every source. */
export const WEB_LB_MANIFEST = manifest({
  comment: [
    'A LoadBalancer Service (externalTrafficPolicy Cluster) whose load balancer',
    'sends packets to the nodes with the load-balancer IP as destination.',
  ],
  name: 'web-lb',
  type: 'LoadBalancer',
  clusterIP: '10.96.100.20',
  ports: [http80to8080(30081)],
  ingressIP: '198.51.100.10',
  slice: 'q8v4d',
  pods: WEB_PODS,
});

/** The same pods behind a LoadBalancer that only 192.0.2.0/24 may reach. */
export const WEB_LB_RANGES_MANIFEST = manifest({
  comment: [
    'A LoadBalancer Service that only clients in 192.0.2.0/24 may reach',
    'through its load-balancer IP (spec.loadBalancerSourceRanges).',
  ],
  name: 'web-lb-ranges',
  type: 'LoadBalancer',
  clusterIP: '10.96.100.21',
  loadBalancerSourceRanges: ['192.0.2.0/24'],
  ports: [http80to8080(30085)],
  ingressIP: '198.51.100.11',
  slice: 'm2c9x',
  pods: WEB_PODS,
});

/** A NodePort Service whose selector matches no pod: its EndpointSlice is empty. */
export const IDLE_MANIFEST = manifest({
  comment: [
    'A NodePort Service whose selector matches no running pod: the',
    'EndpointSlice controller keeps an EndpointSlice with no endpoints.',
  ],
  name: 'idle',
  type: 'NodePort',
  clusterIP: '10.96.100.30',
  ports: [unnamed80(30082)],
  slice: '5tq7w',
  pods: {},
});

/** externalTrafficPolicy Local with one endpoint on this node and one on node-2. */
export const ECHO_LOCAL_MANIFEST = manifest({
  comment: [
    'externalTrafficPolicy: Local, with an endpoint on node-1 (this node)',
    'and one on node-2.',
  ],
  name: 'echo',
  type: 'NodePort',
  externalTrafficPolicy: 'Local',
  clusterIP: '10.96.100.40',
  ports: [http80to8080(30083)],
  slice: 'h6r2n',
  pods: { 'node-1': ['10.244.1.6'], 'node-2': ['10.244.2.6'] },
});

/** externalTrafficPolicy Local with every endpoint on node-2. */
export const ECHO_REMOTE_MANIFEST = manifest({
  comment: [
    'externalTrafficPolicy: Local, with both endpoints on node-2: node-1',
    '(this node) has none.',
  ],
  name: 'echo-remote',
  type: 'NodePort',
  externalTrafficPolicy: 'Local',
  clusterIP: '10.96.100.41',
  ports: [http80to8080(30084)],
  slice: 'w4k8s',
  pods: { 'node-2': ['10.244.2.7', '10.244.2.8'] },
});

/** sessionAffinity ClientIP with Kubernetes' default timeout. */
export const STICKY_MANIFEST = manifest({
  comment: ["sessionAffinity: ClientIP, with Kubernetes' default timeout (3 hours)."],
  name: 'sticky',
  type: 'ClusterIP',
  clusterIP: '10.96.100.60',
  affinitySeconds: 10800,
  ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 80 }],
  slice: 'z9p3f',
  pods: { 'node-1': ['10.244.1.11', '10.244.1.12'], 'node-2': ['10.244.2.11'] },
});

/** Cluster DNS: port 53 over UDP and TCP, two CoreDNS pods. */
export const KUBE_DNS_MANIFEST = manifest({
  comment: ['Cluster DNS as kubeadm sets it up: port 53 over UDP and over TCP.'],
  namespace: 'kube-system',
  name: 'kube-dns',
  type: 'ClusterIP',
  clusterIP: '10.96.0.10',
  ports: [
    { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
    { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
  ],
  slice: '8s7dq',
  pods: { 'node-1': ['10.244.1.8'], 'node-2': ['10.244.2.9'] },
});

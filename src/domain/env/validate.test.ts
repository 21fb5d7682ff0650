import { describe, expect, it } from 'vitest';
import type {
  Environment,
  EnvironmentNode,
  EnvironmentPod,
  EnvironmentPort,
  EnvironmentService,
} from './environment.ts';
import { SEED_ENVIRONMENT } from './seed-environment.ts';
import { RICH_ENVIRONMENT } from './test-environments.ts';
import { validateEnvironment } from './validate.ts';

const SEED_SERVICE = SEED_ENVIRONMENT.services[0] as EnvironmentService;
const SEED_PORT = SEED_SERVICE.ports[0] as EnvironmentPort;
const SEED_POD = SEED_SERVICE.pods[0] as EnvironmentPod;

const withNode = (over: Partial<EnvironmentNode>): Environment => ({
  ...SEED_ENVIRONMENT,
  node: { ...SEED_ENVIRONMENT.node, ...over },
});
const withService = (over: Partial<EnvironmentService>): Environment => ({
  ...SEED_ENVIRONMENT,
  services: [{ ...SEED_SERVICE, ...over }],
});
const withPort = (over: Partial<EnvironmentPort>): Environment =>
  withService({ ports: [{ ...SEED_PORT, ...over }] });
const withPod = (over: Partial<EnvironmentPod>): Environment =>
  withService({ pods: [{ ...SEED_POD, ...over }] });
const twoServices = (over: Partial<EnvironmentService>): Environment => ({
  ...SEED_ENVIRONMENT,
  services: [
    SEED_SERVICE,
    {
      ...SEED_SERVICE,
      name: 'other',
      clusterIP: '10.254.0.2',
      ports: [{ ...SEED_PORT, nodePort: 32111 }],
      pods: [],
      ...over,
    },
  ],
});

interface Case {
  readonly name: string;
  readonly env: Environment;
  readonly path: string;
  readonly message: RegExp;
}

const CASES: readonly Case[] = [
  {
    name: 'malformed node IP',
    env: withNode({ nodeIPs: ['192.168.0.300'] }),
    path: 'node.nodeIPs[0]',
    message: /"192\.168\.0\.300" is not an IPv4 address/,
  },
  {
    name: 'IPv6 node IP',
    env: withNode({ nodeIPs: ['fd00::1'] }),
    path: 'node.nodeIPs[0]',
    message: /IPv6 address; environments are IPv4 only/,
  },
  {
    name: 'no node IP',
    env: withNode({ nodeIPs: [] }),
    path: 'node.nodeIPs',
    message: /at least one IP/,
  },
  {
    name: 'malformed cluster CIDR',
    env: withNode({ clusterCIDR: '10.244.0.0/33' }),
    path: 'node.clusterCIDR',
    message: /is not a CIDR/,
  },
  {
    name: 'masquerade bit out of range',
    env: withNode({ masqueradeBit: 32 }),
    path: 'node.masqueradeBit',
    message: /from 0 to 31/,
  },
  {
    name: 'missing node name',
    env: withNode({ nodeName: '' }),
    path: 'node.nodeName',
    message: /node name is required/,
  },
  {
    name: 'NodePort outside the range',
    env: withPort({ nodePort: 8080 }),
    path: 'services[0].ports[0].nodePort',
    message: /outside 30000–32767/,
  },
  {
    name: 'NodePort Service without a node port',
    env: withPort({ nodePort: undefined }),
    path: 'services[0].ports[0].nodePort',
    message: /NodePort Service needs a node port/,
  },
  {
    name: 'node port on a ClusterIP Service',
    env: withService({ type: 'ClusterIP' }),
    path: 'services[0].ports[0].nodePort',
    message: /ClusterIP Service has no node ports/,
  },
  {
    name: 'port out of range',
    env: withPort({ port: 70000 }),
    path: 'services[0].ports[0].port',
    message: /port 70000 is not a whole number from 1 to 65535/,
  },
  {
    name: 'target port zero',
    env: withPort({ targetPort: 0 }),
    path: 'services[0].ports[0].targetPort',
    message: /target port 0/,
  },
  {
    name: 'no ports',
    env: withService({ ports: [] }),
    path: 'services[0].ports',
    message: /at least one port/,
  },
  {
    name: 'two unnamed ports',
    env: withService({ ports: [SEED_PORT, { ...SEED_PORT, port: 81, nodePort: 32111 }] }),
    path: 'services[0].ports[0].name',
    message: /several ports must name each/,
  },
  {
    name: 'the same port twice',
    env: withService({
      ports: [
        { ...SEED_PORT, name: 'a' },
        { ...SEED_PORT, name: 'b', nodePort: 32111 },
      ],
    }),
    path: 'services[0].ports[1].port',
    message: /port 80\/TCP is already used by port 1/,
  },
  {
    name: 'bad port name',
    env: withPort({ name: 'HTTP' }),
    path: 'services[0].ports[0].name',
    message: /not a valid port name/,
  },
  {
    name: 'malformed ClusterIP',
    env: withService({ clusterIP: '10.254.198' }),
    path: 'services[0].clusterIP',
    message: /not an IPv4 address/,
  },
  {
    name: 'missing ClusterIP',
    env: withService({ clusterIP: '' }),
    path: 'services[0].clusterIP',
    message: /an IP address is required/,
  },
  {
    name: 'ClusterIP equal to a pod IP',
    env: withService({ clusterIP: '172.17.0.2' }),
    path: 'services[0].pods[0].ip',
    message: /172\.17\.0\.2 is already the ClusterIP of Service default\/nginx-service-nodeport/,
  },
  {
    name: 'ClusterIP equal to the node IP',
    env: withService({ clusterIP: '192.168.0.11' }),
    path: 'services[0].clusterIP',
    message: /already an IP of the node/,
  },
  {
    name: 'duplicate pod IPs',
    env: withService({ pods: [SEED_POD, { ...SEED_POD, name: 'other' }] }),
    path: 'services[0].pods[1].ip',
    message: /172\.17\.0\.2 is already the IP of pod default\/nginx-service-nodeport-1/,
  },
  {
    name: 'a pod listed twice',
    env: withService({ pods: [SEED_POD, { ...SEED_POD, ip: '172.17.0.9' }] }),
    path: 'services[0].pods[1].name',
    message: /already listed/,
  },
  {
    name: 'one pod with two IPs across Services',
    env: twoServices({ pods: [{ ...SEED_POD, ip: '172.17.0.9' }] }),
    path: 'services[1].pods[0].ip',
    message: /already has IP 172\.17\.0\.2/,
  },
  {
    name: 'duplicate Service names',
    env: twoServices({ name: SEED_SERVICE.name }),
    path: 'services[1].name',
    message: /default\/nginx-service-nodeport is already defined/,
  },
  {
    name: 'duplicate ClusterIPs',
    env: twoServices({ clusterIP: SEED_SERVICE.clusterIP }),
    path: 'services[1].clusterIP',
    message: /already the ClusterIP of Service default\/nginx-service-nodeport/,
  },
  {
    name: 'duplicate node ports',
    env: twoServices({ ports: [SEED_PORT] }),
    path: 'services[1].ports[0].nodePort',
    message: /node port 32110\/TCP is already used \(services\[0\]\.ports\[0\]\.nodePort\)/,
  },
  {
    name: 'missing Service name',
    env: withService({ name: '' }),
    path: 'services[0].name',
    message: /Service name is required/,
  },
  {
    name: 'Service name starting with a digit',
    env: withService({ name: '1web' }),
    path: 'services[0].name',
    message: /must start with a letter/,
  },
  {
    name: 'bad namespace',
    env: withService({ namespace: 'Prod' }),
    path: 'services[0].namespace',
    message: /not a valid namespace/,
  },
  {
    name: 'malformed external IP',
    env: withService({ externalIPs: ['203.0.113'] }),
    path: 'services[0].externalIPs[0]',
    message: /not an IPv4 address/,
  },
  {
    name: 'malformed source range',
    env: withService({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0'] }),
    path: 'services[0].loadBalancerSourceRanges[0]',
    message: /is not a CIDR/,
  },
  {
    name: 'load-balancer IPs on a NodePort Service',
    env: withService({ loadBalancerIPs: ['192.0.2.1'] }),
    path: 'services[0].loadBalancerIPs',
    message: /only a LoadBalancer Service/,
  },
  {
    name: 'affinity timeout without ClientIP',
    env: withService({ sessionAffinityTimeoutSeconds: 60 }),
    path: 'services[0].sessionAffinityTimeoutSeconds',
    message: /applies only to ClientIP/,
  },
  {
    name: 'affinity timeout over a day',
    env: withService({ sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 86401 }),
    path: 'services[0].sessionAffinityTimeoutSeconds',
    message: /from 1 to 86400/,
  },
  {
    name: 'external traffic policy on an internal Service',
    env: withService({
      type: 'ClusterIP',
      externalTrafficPolicy: 'Local',
      ports: [{ ...SEED_PORT, nodePort: undefined }],
    }),
    path: 'services[0].externalTrafficPolicy',
    message: /reachable from outside/,
  },
  {
    name: 'health-check port without local external traffic',
    env: withService({ type: 'LoadBalancer', healthCheckNodePort: 30999 }),
    path: 'services[0].healthCheckNodePort',
    message: /externalTrafficPolicy Local/,
  },
  {
    name: 'malformed pod IP',
    env: withPod({ ip: 'pod-ip' }),
    path: 'services[0].pods[0].ip',
    message: /"pod-ip" is not an IPv4 address/,
  },
  {
    name: 'missing pod name',
    env: withPod({ name: '' }),
    path: 'services[0].pods[0].name',
    message: /pod name is required/,
  },
  {
    name: 'pod on the node IP',
    env: withPod({ ip: '192.168.0.11' }),
    path: 'services[0].pods[0].ip',
    message: /already an IP of the node/,
  },
  {
    name: 'ready but not serving',
    env: withPod({ serving: false }),
    path: 'services[0].pods[0].serving',
    message: /ready implies serving/,
  },
  {
    name: 'ready and terminating',
    env: withPod({ terminating: true }),
    path: 'services[0].pods[0].ready',
    message: /terminating pod is not ready/,
  },
];

describe('validateEnvironment', () => {
  it.each([
    ['the seed', SEED_ENVIRONMENT],
    ['an environment using every field', RICH_ENVIRONMENT],
    ['no Services', { ...SEED_ENVIRONMENT, services: [] }],
  ])('finds nothing wrong with %s', (_, env) => {
    expect(validateEnvironment(env).problems).toEqual([]);
  });

  it.each(CASES)('$name', ({ env, path, message }) => {
    const { problems } = validateEnvironment(env);
    expect(problems).toContainEqual({ path, message: expect.stringMatching(message) as string });
  });

  it('reports each problem once, at its own field', () => {
    const env = withService({ clusterIP: 'x', ports: [{ ...SEED_PORT, port: 0, nodePort: 1 }] });
    expect(validateEnvironment(env).problems.map((p) => p.path)).toEqual([
      'services[0].clusterIP',
      'services[0].ports[0].port',
      'services[0].ports[0].nodePort',
    ]);
  });

  it('lets one pod back two Services', () => {
    expect(validateEnvironment(twoServices({ pods: [SEED_POD] })).problems).toEqual([]);
  });

  it('lets TCP and UDP share a node port', () => {
    const env = withService({
      ports: [
        { ...SEED_PORT, name: 'tcp' },
        { ...SEED_PORT, name: 'udp', protocol: 'UDP' },
      ],
    });
    expect(validateEnvironment(env).problems).toEqual([]);
  });
});

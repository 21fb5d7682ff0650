/** Environments shared by the env tests: the seed, and one that uses every field. */
import type { Environment, EnvironmentPod, EnvironmentService } from './environment.ts';
import { SEED_ENVIRONMENT } from './seed-environment.ts';

const SEED_SERVICE = SEED_ENVIRONMENT.services[0] as EnvironmentService;

/** The seed with `count` pods 172.17.0.2… instead of three. */
export function seedWithPods(count: number): Environment {
  const pods = Array.from({ length: count }, (_, i): EnvironmentPod => ({
    name: `nginx-service-nodeport-${i + 1}`,
    ip: `172.17.0.${i + 2}`,
    nodeName: 'node-1',
    ready: true,
    serving: true,
    terminating: false,
  }));
  return { ...SEED_ENVIRONMENT, services: [{ ...SEED_SERVICE, pods }] };
}

const pod = (name: string, ip: string, over: Partial<EnvironmentPod> = {}): EnvironmentPod => ({
  name,
  ip,
  nodeName: 'node-1',
  ready: true,
  serving: true,
  terminating: false,
  ...over,
});

/**
 * Every field in use: profile current, a cluster CIDR, a LoadBalancer with two ports (one UDP),
 * external and load-balancer IPs, source ranges, ClientIP affinity with a timeout, local
 * external traffic with a health check, a pod on another node, a terminating pod, and a pod
 * that backs two Services.
 */
export const RICH_ENVIRONMENT: Environment = {
  node: {
    nodeName: 'node-1',
    nodeIPs: ['192.168.0.11', '192.168.0.12'],
    profile: 'current',
    clusterCIDR: '10.244.0.0/16',
    masqueradeAll: false,
    masqueradeBit: 14,
    randomFully: true,
    localhostNodePorts: false,
    nodePortAddresses: ['192.168.0.0/24'],
  },
  services: [
    SEED_SERVICE,
    {
      namespace: 'shop',
      name: 'web',
      type: 'LoadBalancer',
      clusterIP: '10.96.0.20',
      ports: [
        { name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 },
        { name: 'dns', protocol: 'UDP', port: 53, targetPort: 5353, nodePort: 30053 },
      ],
      externalIPs: ['203.0.113.7'],
      loadBalancerIPs: ['192.0.2.10'],
      loadBalancerSourceRanges: ['198.18.0.0/24'],
      sessionAffinity: 'ClientIP',
      sessionAffinityTimeoutSeconds: 600,
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: 'Cluster',
      healthCheckNodePort: 30999,
      pods: [
        pod('web-a', '10.244.1.5'),
        pod('web-b', '10.244.2.5', { nodeName: 'node-2' }),
        pod('web-c', '10.244.1.6', { ready: false, terminating: true }),
      ],
    },
    {
      namespace: 'shop',
      name: 'web-internal',
      type: 'ClusterIP',
      clusterIP: '10.96.0.21',
      ports: [{ name: '', protocol: 'TCP', port: 8080, targetPort: 8080 }],
      externalIPs: [],
      loadBalancerIPs: [],
      loadBalancerSourceRanges: [],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Local',
      pods: [pod('web-a', '10.244.1.5')],
    },
  ],
};

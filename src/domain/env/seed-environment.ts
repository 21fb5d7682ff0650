import type { Environment, EnvironmentPod } from './environment.ts';
import { DEFAULT_ENVIRONMENT_NODE } from './environment.ts';

const pod = (n: number): EnvironmentPod => ({
  name: `nginx-service-nodeport-${n}`,
  ip: `172.17.0.${n + 1}`,
  nodeName: 'node-1',
  ready: true,
  serving: true,
  terminating: false,
});

/**
 * The seed scenario (SEED_OBJECTS and SEED_NODE) as an environment: node 192.168.0.11 with
 * kube-proxy v1.9's rules, the NodePort Service default/nginx-service-nodeport (ClusterIP
 * 10.254.198.92:80, NodePort 32110) and its three pods 172.17.0.2–4. The pods are named the way
 * `environmentFromObjects` names pods that an EndpointSlice does not name.
 */
export const SEED_ENVIRONMENT: Environment = {
  node: { ...DEFAULT_ENVIRONMENT_NODE, profile: 'legacy' },
  services: [
    {
      namespace: 'default',
      name: 'nginx-service-nodeport',
      type: 'NodePort',
      clusterIP: '10.254.198.92',
      ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 80, nodePort: 32110 }],
      externalIPs: [],
      loadBalancerIPs: [],
      loadBalancerSourceRanges: [],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      pods: [pod(1), pod(2), pod(3)],
    },
  ],
};

/** A Service as the tests of the scenarios' packets share it. */
import type { DiscoveredService } from '../kube/discover-services.ts';

/** The seed's Service, as discoverServices reads it. */
export const NGINX: DiscoveredService = {
  id: 'I64SNEMOLCWHJHS3',
  name: 'default/nginx-service-nodeport:',
  label: 'default/nginx-service-nodeport:',
  protocol: 'tcp',
  addresses: [
    { kind: 'cluster', ip: '10.254.198.92', port: 80 },
    { kind: 'nodeport', port: 32110 },
  ],
  endpoints: [
    { address: '172.17.0.2:80', chain: 'KUBE-SEP-A', share: 1 / 3 },
    { address: '172.17.0.3:80', chain: 'KUBE-SEP-B', share: 1 / 3 },
    { address: '172.17.0.4:80', chain: 'KUBE-SEP-C', share: 1 / 3 },
  ],
  chains: ['KUBE-SVC-I64SNEMOLCWHJHS3'],
  from: 'comments',
  affinity: false,
};

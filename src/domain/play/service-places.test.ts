import { describe, expect, it } from 'vitest';
import type { DiscoveredService } from '../kube/discover-services.ts';
import { podPlace } from './service-places.ts';

/** The seed's Service, as far as a pod's place depends on it: its endpoints. */
const NGINX: DiscoveredService = {
  id: 'I64SNEMOLCWHJHS3',
  label: 'default/nginx-service-nodeport:',
  protocol: 'tcp',
  addresses: [{ kind: 'cluster', ip: '10.254.198.92', port: 80 }],
  endpoints: [
    { address: '172.17.0.2:80', chain: 'KUBE-SEP-A', share: 1 / 3 },
    { address: '172.17.0.3:80', chain: 'KUBE-SEP-B', share: 1 / 3 },
    { address: '172.17.0.4:80', chain: 'KUBE-SEP-C', share: 1 / 3 },
  ],
  chains: ['KUBE-SVC-I64SNEMOLCWHJHS3'],
  from: 'comments',
  affinity: false,
};

describe('podPlace', () => {
  it('avoids the endpoints and the node’s own addresses, the bridge taking the first free one', () => {
    expect(podPlace(NGINX, [])).toEqual({ pod: '172.17.0.5', bridge: '172.17.0.1/24' });
    expect(podPlace(NGINX, ['172.17.0.1', '172.17.0.5'])).toEqual({
      pod: '172.17.0.7',
      bridge: '172.17.0.6/24',
    });
  });

  it('takes the usual pod network without endpoints to sit beside', () => {
    expect(podPlace({ ...NGINX, endpoints: [] }, [])).toEqual({
      pod: '10.244.0.2',
      bridge: '10.244.0.1/24',
    });
  });
});

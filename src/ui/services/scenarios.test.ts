import type { DiscoveredService } from '../../domain/kube/discover-services.ts';
import { NGINX } from '../../domain/play/test-services.ts';
import { firstNodeIP, scenarioPacket } from './scenarios.ts';

describe('scenarioPacket', () => {
  it('sends a pod’s packet from beside the endpoints to the ClusterIP, in on the pod bridge', () => {
    expect(scenarioPacket(NGINX, 'pod', '192.168.0.11')).toEqual({
      src: '172.17.0.5',
      dst: '10.254.198.92:80',
      protocol: 'tcp',
      from: 'external',
      interfaces: 'cni0=172.17.0.1/24',
    });
    // A bridge the form already describes is used as it is; another name is found for a new one.
    expect(scenarioPacket(NGINX, 'pod', '192.168.0.11', 'docker0=172.17.0.1/16')).toEqual({
      src: '172.17.0.5',
      dst: '10.254.198.92:80',
      protocol: 'tcp',
      from: 'external',
    });
    expect(scenarioPacket(NGINX, 'pod', '192.168.0.11', 'cni0=10.9.0.1/24')?.interfaces).toBe(
      'cni0=10.9.0.1/24\npods0=172.17.0.1/24',
    );
  });

  it('sends the node’s own packet from its first address, through OUTPUT', () => {
    expect(scenarioPacket(NGINX, 'node', '10.0.0.7/16, 192.168.0.11')).toEqual({
      src: '10.0.0.7',
      dst: '10.254.198.92:80',
      protocol: 'tcp',
      from: 'local',
    });
  });

  it('sends an outside client to the NodePort on the node’s address', () => {
    expect(scenarioPacket(NGINX, 'outside', '192.168.0.11')).toEqual({
      src: '203.0.113.10',
      dst: '192.168.0.11:32110',
      protocol: 'tcp',
      from: 'external',
    });
  });

  it('sends an outside client to a load balancer IP when there is no NodePort, and nowhere without either', () => {
    const lb: DiscoveredService = {
      ...NGINX,
      protocol: 'udp',
      addresses: [
        { kind: 'cluster', ip: '10.96.0.10', port: 53 },
        { kind: 'loadbalancer', ip: '198.51.100.7', port: 53 },
      ],
    };
    expect(scenarioPacket(lb, 'outside', '192.168.0.11')).toMatchObject({
      dst: '198.51.100.7:53',
      protocol: 'udp',
    });
    const clusterOnly = { ...NGINX, addresses: [NGINX.addresses[0]!] };
    expect(scenarioPacket(clusterOnly, 'outside', '192.168.0.11')).toBeUndefined();
    expect(scenarioPacket(clusterOnly, 'pod', '192.168.0.11')?.dst).toBe('10.254.198.92:80');
  });

  it('uses what addresses a Service inferred from its rules has when it has no ClusterIP', () => {
    const external: DiscoveredService = {
      ...NGINX,
      from: 'rules',
      addresses: [{ kind: 'external', ip: '198.51.100.9', port: 443 }],
    };
    expect(scenarioPacket(external, 'pod', '192.168.0.11')?.dst).toBe('198.51.100.9:443');
    expect(scenarioPacket(external, 'outside', '192.168.0.11')?.dst).toBe('198.51.100.9:443');
    const nodePortOnly = { ...NGINX, addresses: [NGINX.addresses[1]!] };
    expect(scenarioPacket(nodePortOnly, 'node', '192.168.0.11')?.dst).toBe('192.168.0.11:32110');
    const nothing = { ...NGINX, addresses: [] };
    expect(scenarioPacket(nothing, 'pod', '192.168.0.11')).toBeUndefined();
  });
});

describe('firstNodeIP', () => {
  it('reads the first IPv4 address, without its prefix, and falls back to the seed’s node', () => {
    expect(firstNodeIP(' 10.1.2.3/24,192.168.0.11')).toBe('10.1.2.3');
    expect(firstNodeIP('nonsense 10.9.9.9')).toBe('10.9.9.9');
    expect(firstNodeIP('')).toBe('192.168.0.11');
  });
});

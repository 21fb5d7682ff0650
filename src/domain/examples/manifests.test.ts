import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/objects.ts';
import { readKubeObjects } from '../kube/read-objects.ts';
import { KUBE_PROXY_FIXTURES } from './kube-proxy-fixtures.ts';
import { KUBE_PROXY_INPUTS } from './kube-proxy-inputs.ts';
import { SEED_MANIFEST, SEED_OBJECTS } from './seed-objects.ts';

const withoutPositions = (objects: readonly KubeObject[]): KubeObject[] =>
  objects.map(({ position: _position, ...object }) => object);

/** What the seed's objects were when they were written as TypeScript. */
const SEED_EXPECTED: readonly KubeObject[] = [
  {
    kind: 'Service',
    namespace: 'default',
    name: 'nginx-service-nodeport',
    type: 'NodePort',
    clusterIP: '10.254.198.92',
    ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 32110 }],
  },
  {
    kind: 'EndpointSlice',
    namespace: 'default',
    name: 'nginx-service-nodeport-abcde',
    serviceName: 'nginx-service-nodeport',
    addressType: 'IPv4',
    ports: [{ protocol: 'TCP', port: 80 }],
    endpoints: [
      { addresses: ['172.17.0.2'], conditions: { ready: true }, nodeName: 'node-1' },
      { addresses: ['172.17.0.3'], conditions: { ready: true }, nodeName: 'node-1' },
      { addresses: ['172.17.0.4'], conditions: { ready: true }, nodeName: 'node-1' },
    ],
  },
];

describe('the seed manifest', () => {
  it('reads with no problems, as the seed Service and its EndpointSlice', () => {
    const { objects, problems } = readKubeObjects(SEED_MANIFEST);
    expect(problems).toEqual([]);
    expect(withoutPositions(objects)).toEqual(SEED_EXPECTED);
    expect(withoutPositions(SEED_OBJECTS)).toEqual(SEED_EXPECTED);
  });
});

/** Services and EndpointSlices in each kube-proxy test's manifest. */
const COUNTS: Readonly<Record<string, { services: number; slices: number }>> = {
  'overall-current': { services: 6, slices: 5 },
  'no-endpoints-reject': { services: 1, slices: 0 },
  'load-balancer-source-ranges': { services: 1, slices: 1 },
  'etp-local-external-ips': { services: 1, slices: 1 },
  'session-affinity': { services: 1, slices: 1 },
  'terminating-endpoints': { services: 1, slices: 1 },
  'health-check-node-port': { services: 1, slices: 0 },
  'masquerade-random-fully': { services: 0, slices: 0 },
  sctp: { services: 1, slices: 1 },
  'ipv6-localhost-nodeports': { services: 1, slices: 1 },
  'udp-openshift-dns': { services: 1, slices: 1 },
};

/**
 * The only warnings allowed: kube-proxy's tests use nodePorts outside kube-apiserver's default
 * --service-node-port-range (30000–32767), which kpviz flags but keeps.
 */
const OUT_OF_RANGE_NODE_PORTS: Readonly<Record<string, readonly number[]>> = {
  'overall-current': [3001, 3003, 3002],
  'load-balancer-source-ranges': [3001],
  'session-affinity': [3001],
  'health-check-node-port': [3001],
};

describe("the kube-proxy tests' manifests", () => {
  it('cover every scenario, each with a fixture', () => {
    expect(KUBE_PROXY_INPUTS.map((input) => input.fixture).sort()).toEqual(
      Object.keys(COUNTS).sort(),
    );
    for (const input of KUBE_PROXY_INPUTS) {
      expect(KUBE_PROXY_FIXTURES.map((f) => f.name)).toContain(input.fixture);
    }
  });

  it.each(KUBE_PROXY_INPUTS.map((input) => ({ name: input.fixture, input })))(
    '$name reads without errors, warning only of out-of-range nodePorts',
    ({ input }) => {
      const { objects, problems } = readKubeObjects(input.manifest);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      // Each warning must be an out-of-range nodePort; the numbers say which.
      const outOfRange = problems.map(
        (p) => /^spec\.ports\[0\]\.nodePort (\d+) is outside 30000–32767/.exec(p.message)?.[1],
      );
      expect(outOfRange).toEqual(
        (OUT_OF_RANGE_NODE_PORTS[input.fixture] ?? []).map((port) => String(port)),
      );
      expect(objects).toEqual(input.objects);
      const count = COUNTS[input.fixture];
      expect(objects.filter((o) => o.kind === 'Service')).toHaveLength(count?.services ?? -1);
      expect(objects.filter((o) => o.kind === 'EndpointSlice')).toHaveLength(count?.slices ?? -1);
    },
  );
});

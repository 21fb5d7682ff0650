import { syntheticDump } from '../src/domain/examples/synthetic-dump.ts';
import { generateRules } from '../src/domain/kube/generate.ts';
import { DEFAULT_NODE_SETTINGS } from '../src/domain/kube/node-settings.ts';
import type { NodeSettings } from '../src/domain/kube/node-settings.ts';
import type { KubeObject } from '../src/domain/kube/objects.ts';
import { fmt, medianMs, row } from './measure.ts';

const SERVICES = 10_000;
const ENDPOINTS_PER_SERVICE = 3;

const ip = (a: number, n: number): string =>
  `${a}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** A cluster of NodePort Services with ready endpoints spread over three nodes. */
function cluster(): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let s = 0; s < SERVICES; s++) {
    const namespace = `ns${s % 97}`;
    const name = `svc${s}`;
    objects.push({
      kind: 'Service',
      namespace,
      name,
      type: 'NodePort',
      clusterIP: ip(10, s + 1),
      ports: [
        { name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30000 + (s % 2768) },
      ],
    });
    objects.push({
      kind: 'EndpointSlice',
      namespace,
      name: `${name}-abcde`,
      serviceName: name,
      addressType: 'IPv4',
      ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
      endpoints: Array.from({ length: ENDPOINTS_PER_SERVICE }, (_, e) => ({
        addresses: [ip(172, s * ENDPOINTS_PER_SERVICE + e + 2)],
        conditions: { ready: true },
        nodeName: `node-${e}`,
      })),
    });
  }
  return objects;
}

/**
 * Time to generate kube-proxy's rules for 10,000 Services and 30,000
 * endpoints, beside the time to build a dump of the same size as plain
 * strings (the floor for any generator that writes that text).
 */
export function benchGenerate(): void {
  const objects = cluster();
  const node: NodeSettings = { ...DEFAULT_NODE_SETTINGS, clusterCIDR: '172.16.0.0/12' };
  let lines = 0;
  const baseline = medianMs(() => syntheticDump({ services: SERVICES }).length, 5, 1);
  console.log(
    `\ngenerate: ${SERVICES.toLocaleString('en')} Services, ${(SERVICES * ENDPOINTS_PER_SERVICE).toLocaleString('en')} endpoints`,
  );
  row('a dump of that size built as strings (baseline)', fmt(baseline), '1.00×');
  for (const profile of ['current', 'legacy'] as const) {
    const ms = medianMs(
      () => {
        lines = generateRules(objects, { ...node, profile }).restore.split('\n').length;
      },
      5,
      1,
    );
    row(
      `generateRules, profile ${profile} (${lines.toLocaleString('en')} lines)`,
      fmt(ms),
      `${(ms / baseline).toFixed(2)}×`,
    );
  }
}

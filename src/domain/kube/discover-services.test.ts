import { describe, expect, it } from 'vitest';
import { KUBE_PROXY_FIXTURES } from '../examples/kube-proxy-fixtures.ts';
import { SEED_SAVE } from '../examples/seed.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { discoverServices } from './discover-services.ts';

const read = (text: string) => parseDump(text, { format: 'save' }).ruleset;
const fixture = (name: string): string => {
  const f = KUBE_PROXY_FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.text;
};
/** The same dump as kube-proxy writes it for a large cluster: no per-endpoint comments at all. */
const withoutComments = (text: string): string =>
  text.replace(/ -m comment --comment (?:"[^"]*"|\S+)/g, '');

describe('discoverServices', () => {
  it('finds the seed NodePort Service, its addresses and three equal-ish shares', () => {
    const [svc, ...rest] = discoverServices(read(SEED_SAVE));
    expect(rest).toEqual([]);
    expect(svc).toMatchObject({
      id: 'I64SNEMOLCWHJHS3',
      name: 'default/nginx-service-nodeport:',
      label: 'default/nginx-service-nodeport:',
      protocol: 'tcp',
      from: 'comments',
      affinity: false,
    });
    expect(svc?.addresses.map(({ kind, ip, port }) => ({ kind, ip, port }))).toEqual([
      { kind: 'cluster', ip: '10.254.198.92', port: 80 },
      { kind: 'nodeport', ip: undefined, port: 32110 },
    ]);
    expect(svc?.endpoints.map((e) => e.address)).toEqual([
      '172.17.0.2:80',
      '172.17.0.3:80',
      '172.17.0.4:80',
    ]);
    const p1 = Math.round(0.33332999982 * 2 ** 31) / 2 ** 31;
    expect(svc?.endpoints.map((e) => e.share)).toEqual([p1, (1 - p1) / 2, (1 - p1) / 2]);
    expect(svc?.chains).toContain('KUBE-SVC-I64SNEMOLCWHJHS3');
    expect(svc?.chains.filter((c) => c.startsWith('KUBE-SEP-'))).toHaveLength(3);
  });

  it("reads kube-proxy's overall test: cluster, external, load-balancer and node-port addresses, refusals", () => {
    const services = discoverServices(read(fixture('overall-current')));
    const byName = new Map(services.map((s) => [s.name, s]));
    expect(byName.get('ns1/svc1:p80')?.addresses.map((a) => a.kind)).toEqual(['cluster']);
    expect(
      byName
        .get('ns2/svc2:p80')
        ?.addresses.map((a) => a.kind)
        .sort(),
    ).toEqual(['cluster', 'external', 'loadbalancer', 'nodeport'].sort());
    const refused = services.filter((s) => s.refused);
    expect(refused.map((s) => [s.name, s.refused])).toEqual(
      expect.arrayContaining([['ns6/svc6:p80', 'REJECT']]),
    );
    for (const s of services.filter((x) => !x.refused)) {
      const total = s.endpoints.reduce((sum, e) => sum + e.share, 0);
      expect(total).toBeCloseTo(1, 12);
    }
  });

  it('without comments, labels and kinds come from the rules', () => {
    const services = discoverServices(read(withoutComments(fixture('overall-current'))));
    const svc1 = services.find((s) =>
      s.addresses.some((a) => a.ip === '172.30.0.41' && a.port === 80),
    );
    expect(svc1).toMatchObject({ from: 'rules', label: '172.30.0.41:80/tcp' });
    expect(svc1?.name).toBeUndefined();
    expect(svc1?.endpoints.map((e) => e.address)).toEqual(['10.180.0.1:80']);
    // Every hashed chain still lands in exactly one Service.
    const all = services.flatMap((s) => s.chains);
    expect(new Set(all).size).toBe(all.length);
  });

  it('marks session affinity', () => {
    const services = discoverServices(read(fixture('session-affinity')));
    expect(services.some((s) => s.affinity)).toBe(true);
  });
});

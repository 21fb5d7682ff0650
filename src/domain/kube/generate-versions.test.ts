import { describe, expect, it } from 'vitest';
import { TEST_NODE } from '../examples/kube-proxy-inputs.ts';
import { generateRules } from './generate.ts';
import type { NodeSettings } from './node-settings.ts';
import type { EndpointSlice } from './objects.ts';
import { tableBlock, webService } from './test-helpers.ts';

const CURRENT: NodeSettings = { ...TEST_NODE, clusterCIDR: undefined };
const LEGACY: NodeSettings = { ...CURRENT, profile: 'legacy' };

const service = webService;

const slice = (ips: readonly string[]): EndpointSlice => ({
  kind: 'EndpointSlice',
  namespace: 'ns',
  name: 'web-1',
  serviceName: 'web',
  addressType: 'IPv4',
  ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
  endpoints: ips.map((ip) => ({ addresses: [ip], nodeName: 'test-hostname' })),
});

/** The DNAT targets of the service chain's jumps, in rule order. */
const dnatOrder = (restore: string): string[] =>
  [...restore.matchAll(/--to-destination (\S+)/g)].map((m) => m[1] ?? '');

describe('what differs between kube-proxy versions', () => {
  it.each([
    // EndpointSlice endpoints are sorted by "ip:port" strings...
    { name: 'current sorts by ip:port', node: CURRENT, want: ['10.244.0.10:80', '10.244.0.1:80'] },
    // ...while v1.9's Endpoints addresses were sorted by IP (LessEndpointAddress).
    { name: 'legacy sorts by IP', node: LEGACY, want: ['10.244.0.1:80', '10.244.0.10:80'] },
  ])('endpoint order: $name', ({ node, want }) => {
    const { restore } = generateRules([service(), slice(['10.244.0.10', '10.244.0.1'])], node);
    expect(dnatOrder(restore)).toEqual(want);
  });

  it("legacy drops what KUBE-MARK-DROP marks, with kubelet's KUBE-FIREWALL and its jumps", () => {
    const lb = service({
      type: 'LoadBalancer',
      ports: [{ name: 'http', protocol: 'TCP', port: 80, nodePort: 30080 }],
      loadBalancerIngressIPs: ['1.2.3.4'],
      loadBalancerSourceRanges: ['203.0.113.0/24'],
    });
    const { restore } = generateRules([lb, slice(['10.244.0.1'])], LEGACY);
    const filter = tableBlock(restore, 'filter');
    expect(filter).toContain(
      '-A KUBE-FIREWALL -m comment --comment "kubernetes firewall for dropping marked packets" -m mark --mark 0x00008000/0x00008000 -j DROP',
    );
    expect(filter).toContain('-A INPUT -j KUBE-FIREWALL');
    expect(filter).toContain('-A OUTPUT -j KUBE-FIREWALL');
    // kube-proxy's own jump stays first: kubelet's prepend happened before it.
    expect(
      filter.indexOf('-A INPUT -m comment --comment "kubernetes service portals"'),
    ).toBeLessThan(filter.indexOf('-A INPUT -j KUBE-FIREWALL'));
    expect(tableBlock(restore, 'nat')).toContain('-j KUBE-MARK-DROP');
  });

  it('legacy leaves KUBE-FIREWALL to kubelet when nothing is marked for dropping', () => {
    const { restore } = generateRules([service(), slice(['10.244.0.1'])], LEGACY);
    expect(restore).not.toContain('KUBE-FIREWALL');
  });

  it.each([
    { name: 'all addresses', addresses: undefined, firewall: true },
    {
      name: 'addresses including loopback',
      addresses: ['127.0.0.0/8', '192.168.0.0/24'],
      firewall: true,
    },
    { name: 'addresses without loopback', addresses: ['192.168.0.0/24'], firewall: false },
  ])(
    'current blocks localnet node ports only when they are served: $name',
    ({ addresses, firewall }) => {
      const node = addresses ? { ...CURRENT, nodePortAddresses: addresses } : CURRENT;
      const { restore } = generateRules([service(), slice(['10.244.0.1'])], node);
      expect(restore.includes('"block incoming localnet connections"')).toBe(firewall);
    },
  );

  it.each([
    { name: 'IPv6', node: { ...CURRENT, nodeIPs: ['fd00::2'] } },
    { name: 'no localhost node ports', node: { ...CURRENT, localhostNodePorts: false } },
  ])('current keeps KUBE-FIREWALL and its jumps, empty, with $name', ({ node }) => {
    const { restore } = generateRules([], node);
    const filter = tableBlock(restore, 'filter');
    expect(filter).toContain(':KUBE-FIREWALL - [0:0]');
    expect(filter).toContain('-A INPUT -j KUBE-FIREWALL');
    expect(filter).toContain('-A OUTPUT -j KUBE-FIREWALL');
    expect(filter).not.toContain('-A KUBE-FIREWALL ');
  });

  it.each([
    {
      name: '--random-fully',
      objects: [service(), slice(['10.244.0.1'])],
      node: { ...LEGACY, randomFully: true },
      note: '--random-fully came in kube-proxy v1.16; this version ignores it',
    },
    {
      name: 'SCTP',
      objects: [service({ ports: [{ name: 'http', protocol: 'SCTP', port: 80 }] })],
      node: LEGACY,
      note: 'ns/web:http: kube-proxy v1.9 had no SCTP support',
    },
  ])('legacy says what v1.9 could not do: $name', ({ objects, node, note }) => {
    const { notes, restore } = generateRules(objects, node);
    expect(notes.map((n) => n.message)).toContain(note);
    expect(restore).not.toContain('--random-fully');
  });
});

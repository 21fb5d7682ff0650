import { describe, expect, it } from 'vitest';
import { TEST_NODE } from '../examples/kube-proxy-inputs.ts';
import { generateRules } from './generate.ts';
import type { NodeSettings, ProfileName } from './node-settings.ts';
import type { EndpointSlice, KubeObject, Service } from './objects.ts';
import { parseErrors, rulesOf, tableBlock, webService } from './test-helpers.ts';

const NODE: NodeSettings = { ...TEST_NODE, clusterCIDR: undefined };
const SEED: NodeSettings = { ...NODE, profile: 'legacy' };

const web = webService;

const slice = (ips: readonly string[], over: Partial<EndpointSlice> = {}): EndpointSlice => ({
  kind: 'EndpointSlice',
  namespace: 'ns',
  name: 'web-1',
  serviceName: 'web',
  addressType: 'IPv4',
  ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
  endpoints: ips.map((ip) => ({ addresses: [ip] })),
  ...over,
});

const ips = (n: number): string[] => Array.from({ length: n }, (_, i) => `10.244.0.${i + 1}`);
const probabilities = (restore: string): string[] =>
  [...restore.matchAll(/--probability (\S+)/g)].map((m) => m[1] ?? '');
const gen = (objects: readonly KubeObject[], node: NodeSettings = NODE) =>
  generateRules(objects, node);

/** Every generated case, re-checked for parse errors at the end. */
const generated: { name: string; restore: string }[] = [];
const remember = (name: string, restore: string): string => {
  generated.push({ name, restore });
  return restore;
};

describe('rule shapes', () => {
  it.each([
    {
      name: 'current, 3 endpoints',
      profile: 'current',
      n: 3,
      want: ['0.3333333333', '0.5000000000'],
    },
    {
      name: 'current, 4 endpoints',
      profile: 'current',
      n: 4,
      want: ['0.2500000000', '0.3333333333', '0.5000000000'],
    },
    { name: 'seed, 3 endpoints', profile: 'legacy', n: 3, want: ['0.33333', '0.50000'] },
    { name: 'seed, 4 endpoints', profile: 'legacy', n: 4, want: ['0.25000', '0.33333', '0.50000'] },
  ] satisfies { name: string; profile: ProfileName; n: number; want: string[] }[])(
    'probabilities: $name',
    ({ name, profile, n, want }) => {
      const restore = remember(name, gen([web(), slice(ips(n))], { ...NODE, profile }).restore);
      expect(probabilities(restore)).toEqual(want);
      expect(restore.match(/-j DNAT/g)).toHaveLength(n);
    },
  );

  it.each([
    { name: 'headless', svc: web({ clusterIP: 'None' }), note: /headless/ },
    { name: 'no clusterIP at all', svc: web({ clusterIP: undefined }), note: /headless/ },
    {
      name: 'ExternalName',
      svc: web({ type: 'ExternalName', clusterIP: undefined }),
      note: /ExternalName/,
    },
  ])('$name: no rules, an info note', ({ name, svc, note }) => {
    const { restore, notes } = gen([svc, slice(ips(2))]);
    remember(name, restore);
    expect(restore).not.toContain('ns/web');
    expect(notes.map((n) => n.severity)).toEqual(['info']);
    expect(notes[0]?.message).toMatch(note);
  });

  it.each([
    {
      name: 'current, masqueradeAll',
      node: { ...NODE, masqueradeAll: true },
      chain: 'KUBE-SVC-',
      want: '-d 10.96.0.10 --dport 80 -j KUBE-MARK-MASQ',
    },
    {
      name: 'current, clusterCIDR',
      node: { ...NODE, clusterCIDR: '10.244.0.0/16' },
      chain: 'KUBE-SVC-',
      want: '-d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
    },
    {
      name: 'seed, masqueradeAll',
      node: { ...SEED, masqueradeAll: true },
      chain: 'KUBE-SERVICES',
      want: '-d 10.96.0.10/32 --dport 80 -j KUBE-MARK-MASQ',
    },
    {
      name: 'seed, clusterCIDR',
      node: { ...SEED, clusterCIDR: '10.244.0.0/16' },
      chain: 'KUBE-SERVICES',
      want: '-d 10.96.0.10/32 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
    },
  ])('cluster IP masquerade: $name', ({ name, node, chain, want }) => {
    const restore = remember(name, gen([web(), slice(ips(1))], node).restore);
    const masq = restore
      .split('\n')
      .filter((l) => l.startsWith(`-A ${chain}`) && l.endsWith('-j KUBE-MARK-MASQ'));
    expect(masq).toHaveLength(1);
    expect(masq[0]).toContain(want);
  });

  it.each([
    { name: 'current', node: NODE },
    { name: 'legacy', node: SEED },
  ])('no clusterCIDR and no masqueradeAll: no cluster-IP masquerade ($name)', ({ name, node }) => {
    const restore = remember(`no masq ${name}`, gen([web(), slice(ips(1))], node).restore);
    expect(restore).not.toMatch(/--dport 80 (! -s \S+ )?-j KUBE-MARK-MASQ/);
  });

  it('seed with clusterCIDR adds the KUBE-FORWARD conntrack rules', () => {
    const restore = remember(
      'seed forward',
      gen([web(), slice(ips(1))], { ...SEED, clusterCIDR: '10.244.0.0/16' }).restore,
    );
    expect(rulesOf(restore, 'KUBE-FORWARD')).toHaveLength(3);
  });

  it.each([
    { name: 'current', node: NODE },
    { name: 'legacy', node: SEED },
  ])('UDP: -m udp -p udp ($name)', ({ name, node }) => {
    const objects = [
      web({ ports: [{ name: 'dns', protocol: 'UDP', port: 53 }] }),
      slice(ips(1), { ports: [{ name: 'dns', protocol: 'UDP', port: 5353 }] }),
    ];
    const restore = remember(`udp ${name}`, gen(objects, node).restore);
    expect(restore).toContain('-m udp -p udp -j DNAT --to-destination 10.244.0.1:5353');
    expect(restore).not.toContain('-m tcp');
  });

  it('multi-port: one SVC chain per named port, endpoints matched by port name', () => {
    const svc = web({
      ports: [
        { name: 'https', protocol: 'TCP', port: 443 },
        { name: 'http', protocol: 'TCP', port: 80 },
      ],
    });
    const sl = slice(ips(1), {
      ports: [
        { name: 'http', protocol: 'TCP', port: 8080 },
        { name: 'https', protocol: 'TCP', port: 8443 },
      ],
    });
    const restore = remember('multi-port', gen([svc, sl]).restore);
    const clusterIP = rulesOf(restore, 'KUBE-SERVICES').filter((l) => l.includes('cluster IP'));
    // Sorted by <S>: ns/web:http before ns/web:https.
    expect(clusterIP.map((l) => /--comment "(\S+)/.exec(l)?.[1])).toEqual([
      'ns/web:http',
      'ns/web:https',
    ]);
    expect(restore).toContain('--to-destination 10.244.0.1:8080');
    expect(restore).toContain('--to-destination 10.244.0.1:8443');
  });

  it.each([
    { name: 'current', node: NODE },
    { name: 'legacy', node: SEED },
  ])('session affinity timeout ($name)', ({ name, node }) => {
    const restore = remember(
      `affinity ${name}`,
      gen(
        [web({ sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 600 }), slice(ips(2))],
        node,
      ).restore,
    );
    expect(restore.match(/--rcheck --seconds 600 --reap/g)).toHaveLength(2);
    expect(restore.match(/-m recent --name KUBE-SEP-\S+ --set/g)).toHaveLength(2);
  });

  it('session affinity without a timeout uses 10800', () => {
    const restore = remember(
      'affinity default',
      gen([web({ sessionAffinity: 'ClientIP' }), slice(ips(1))]).restore,
    );
    expect(restore).toContain('--rcheck --seconds 10800 --reap');
  });

  const lb = (over: Partial<Service> = {}) =>
    web({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      ports: [{ name: 'http', protocol: 'TCP', port: 80, nodePort: 30080 }],
      ...over,
    });
  const localAndRemote = slice([], {
    endpoints: [
      { addresses: ['10.244.1.5'], nodeName: 'other' },
      { addresses: ['10.244.0.5'], nodeName: 'test-hostname' },
    ],
  });
  const remoteOnly = slice([], { endpoints: [{ addresses: ['10.244.1.5'], nodeName: 'other' }] });

  it('ETP Local with a local endpoint: KUBE-EXT ends in KUBE-SVL, which holds only it', () => {
    const restore = remember('etp local', gen([lb(), localAndRemote]).restore);
    const extRules = restore.split('\n').filter((l) => l.startsWith('-A KUBE-EXT-'));
    expect(extRules.at(-1)).toMatch(/^-A KUBE-EXT-\S+ -j KUBE-SVL-/);
    const svl = restore.split('\n').filter((l) => l.startsWith('-A KUBE-SVL-'));
    expect(svl).toHaveLength(1);
    expect(svl[0]).toContain('10.244.0.5:8080');
    expect(tableBlock(restore, 'filter')).not.toContain('has no local endpoints');
  });

  it('ETP Local without a local endpoint: DROP in KUBE-EXTERNAL-SERVICES, no KUBE-SVL', () => {
    const restore = remember('etp local none', gen([lb(), remoteOnly]).restore);
    const drops = rulesOf(restore, 'KUBE-EXTERNAL-SERVICES');
    expect(drops).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns/web:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP',
    ]);
    expect(restore).not.toContain('KUBE-SVL-');
    expect(restore.split('\n').filter((l) => /^-A KUBE-EXT-\S+ -j /.test(l))).toEqual([]);
  });

  it('seed ETP Local without a local endpoint: KUBE-XLB marks for drop (kubelet chain added)', () => {
    const { restore, notes } = gen([lb(), remoteOnly], SEED);
    remember('seed xlb', restore);
    expect(restore).toMatch(
      /-A KUBE-XLB-\S+ -m comment --comment "ns\/web:http has no local endpoints" -j KUBE-MARK-DROP/,
    );
    expect(restore).toContain(':KUBE-MARK-DROP - [0:0]');
    expect(notes.map((n) => n.message)).toEqual([expect.stringMatching(/KUBE-MARK-DROP/)]);
  });

  it.each([
    {
      name: 'with a local endpoint',
      sl: localAndRemote,
      nat: /-A KUBE-SERVICES .*"ns\/web:http cluster IP".* -j KUBE-SVL-/,
      filter: undefined,
    },
    {
      name: 'without',
      sl: remoteOnly,
      nat: undefined,
      filter:
        '-A KUBE-SERVICES -m comment --comment "ns/web:http has no local endpoints" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j DROP',
    },
  ])('ITP Local $name', ({ name, sl, nat, filter }) => {
    const restore = remember(
      `itp ${name}`,
      gen([web({ internalTrafficPolicy: 'Local' }), sl]).restore,
    );
    if (nat) expect(tableBlock(restore, 'nat')).toMatch(nat);
    if (filter) {
      expect(rulesOf(tableBlock(restore, 'filter'), 'KUBE-SERVICES')).toEqual([filter]);
      expect(restore).not.toContain('KUBE-SVL-');
    }
  });

  it.each([
    {
      name: 'current',
      node: NODE,
      want: [
        '-A KUBE-SERVICES -m comment --comment "ns/web:http has no endpoints" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j REJECT',
      ],
    },
    {
      name: 'legacy',
      node: SEED,
      want: [
        '-A KUBE-SERVICES -m comment --comment "ns/web:http has no endpoints" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j REJECT',
      ],
    },
  ])('no endpoints: REJECT in filter ($name)', ({ name, node, want }) => {
    const restore = remember(`no endpoints ${name}`, gen([web()], node).restore);
    expect(rulesOf(tableBlock(restore, 'filter'), 'KUBE-SERVICES')).toEqual(want);
    expect(restore).not.toContain('KUBE-SEP-');
  });

  it.each([
    { name: '1000 endpoints keep comments', n: 1000, comments: true },
    { name: '1001 endpoints drop them', n: 1001, comments: false },
  ])('large-cluster mode: $name', ({ name, n, comments }) => {
    const many = Array.from({ length: n }, (_, i) => `10.${Math.floor(i / 250) + 1}.${i % 250}.1`);
    const restore = remember(name, gen([web(), slice(many)]).restore);
    const dnat = restore.split('\n').find((l) => l.includes('-j DNAT')) ?? '';
    expect(dnat.includes('--comment'), dnat).toBe(comments);
  });

  it.each([
    {
      name: 'slice of an unknown Service',
      objects: [slice(ips(1), { serviceName: 'gone' })],
      note: /not in the input/,
    },
    {
      name: 'slice port with no Service port',
      objects: [web(), slice(ips(1), { ports: [{ name: 'metrics', port: 9090 }] })],
      note: /matches no port/,
    },
    {
      name: 'protocol mismatch',
      objects: [web(), slice(ips(1), { ports: [{ name: 'http', protocol: 'UDP', port: 8080 }] })],
      note: /matches no port/,
    },
    {
      name: 'IPv6 slice on an IPv4 node',
      objects: [web(), slice(['fd00::1'], { addressType: 'IPv6' })],
      note: /IPv6/,
    },
    {
      name: 'IPv6 external IP',
      objects: [web({ externalIPs: ['2001:db8::1'] }), slice(ips(1))],
      note: /not IPv4/,
    },
  ])('notes: $name', ({ name, objects, note }) => {
    const { restore, notes } = gen(objects);
    remember(name, restore);
    expect(notes.map((n) => n.message)).toEqual([expect.stringMatching(note)]);
  });

  it('a note carries the object position', () => {
    const { notes } = gen([web({ clusterIP: 'None', position: { line: 3, column: 1 } })]);
    expect(notes[0]?.position).toEqual({ line: 3, column: 1 });
  });

  it('endpoints are sorted by endpoint string, as Go sorts them', () => {
    const restore = remember('sort', gen([web(), slice(['10.244.0.2', '10.244.0.10'])]).restore);
    const dnat = restore
      .split('\n')
      .filter((l) => l.includes('-j DNAT'))
      .map((l) => l.split(' ').at(-1));
    expect(dnat).toEqual(['10.244.0.10:8080', '10.244.0.2:8080']);
  });

  it('everything generated above parses with no errors', () => {
    expect(generated.length).toBeGreaterThan(20);
    for (const { name, restore } of generated) expect(parseErrors(restore), name).toEqual([]);
  });
});

import { SEED_LISTING, SEED_SAVE } from '../domain/examples/seed.ts';
import { environmentFromYaml } from '../domain/env/yaml-import.ts';
import { syntheticDump } from '../domain/examples/synthetic-dump.ts';
import { readNodeModel, readPacket } from '../domain/sim/packet-input.ts';
import { DumpSession, looksLikeKubeObjects } from './dump-session.ts';
import { MAX_LISTED_HITS, MAX_LISTED_PROBLEMS } from './protocol.ts';

const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';

/** What crosses to the page must survive a worker's structured clone unchanged. */
const cloned = <T>(value: T): T => structuredClone(value);

function seedTrace(session: DumpSession, mode: 'single' | 'all') {
  const node = readNodeModel({ nodeIPs: ['192.168.0.11'] });
  if (!node.ok) throw new Error(node.message);
  const packet = readPacket(
    { src: '203.0.113.10', dst: '192.168.0.11:32110', from: 'external' },
    node.value,
  );
  if (!packet.ok) throw new Error(packet.message);
  return session.trace({
    node: node.value,
    packet: packet.value,
    mode: mode === 'all' ? { mode: 'all' } : { mode: 'single', seed: 1 },
  });
}

describe('DumpSession', () => {
  const seed = DumpSession.open(SEED_LISTING);

  it('sums the dump up: format, tables, Services, and what it warns of', () => {
    const overview = cloned(seed.overview());
    expect(overview).toMatchObject({
      format: 'listing',
      lines: SEED_LISTING.split('\n').length - (SEED_LISTING.endsWith('\n') ? 1 : 0),
      tables: [{ name: 'nat', chains: 12, rules: 20 }],
      problemCount: 1,
      serviceCount: 1,
      counters: false,
    });
    // A listing without -v hides interfaces: said once, as a warning, and nothing is an error.
    expect(overview.problems.map((p) => [p.line, p.severity])).toEqual([[1, 'warning']]);
    expect(overview.problems[0]?.message).toMatch(/no in\/out columns/);
  });

  it('gives a chain in full with how many rules point at it', () => {
    const detail = cloned(seed.chain(`nat/${SVC}`));
    expect(detail?.chain.rules.map((rule) => rule.target?.name)).toEqual([
      'KUBE-SEP-MMWJ6M2J72TU3J64',
      'KUBE-SEP-GRLEVIWNO4P37GSQ',
      'KUBE-SEP-74XRUOWV76LDS3ID',
    ]);
    expect(detail?.references).toBe(2);
    expect(seed.chain('nat/NO-SUCH-CHAIN')).toBeUndefined();
    expect(seed.chain('filter/INPUT')).toBeUndefined();
  });

  it('lists Services with their addresses, endpoints, shares and a key the graph focuses on', () => {
    const page = cloned(seed.services('', 10));
    expect(page.total).toBe(1);
    const [service] = page.services;
    expect(service?.label).toBe('default/nginx-service-nodeport:');
    expect(service?.addresses.map((a) => [a.kind, a.ip, a.port])).toEqual([
      ['cluster', '10.254.198.92', 80],
      ['nodeport', undefined, 32110],
    ]);
    expect(service?.endpoints.map((e) => [e.address, e.share.toFixed(4)])).toEqual([
      ['172.17.0.2:80', '0.3333'],
      ['172.17.0.3:80', '0.3333'],
      ['172.17.0.4:80', '0.3333'],
    ]);
    const focused = seed.graph({ focus: service?.focusKey ?? '', expanded: [], collapsed: [] });
    expect(focused.nodes.map((n) => n.id)).toContain(`nat/${SVC}`);
  });

  it('finds Services by any of their words, all words required, and pages them', () => {
    const big = DumpSession.open(syntheticDump({ services: 120 }));
    expect(big.services('', 50)).toMatchObject({ total: 120 });
    expect(big.services('', 50).services).toHaveLength(50);
    const one = big.services('ns42/svc42:', 50);
    expect(one.services.map((s) => s.label)).toEqual(['ns42/svc42:http']);
    const endpoint = one.services[0]?.endpoints[0]?.address ?? '';
    expect(big.services(endpoint, 50).services.map((s) => s.label)).toContain('ns42/svc42:http');
    expect(big.services(`${endpoint} ns43/`, 50).total).toBe(0);
    expect(big.services('NO-SUCH-THING', 50)).toEqual({ total: 0, services: [] });
  });

  it('searches rules by address, with the text and the chain each jumps to', () => {
    const result = cloned(seed.search('172.17.0.3'));
    expect(result.total).toBe(2);
    expect(result.hits.map((h) => [h.title, h.target])).toEqual([
      ['KUBE-SEP-GRLEVIWNO4P37GSQ #1', 'nat/KUBE-MARK-MASQ'],
      ['KUBE-SEP-GRLEVIWNO4P37GSQ #2', undefined],
    ]);
    expect(result.hits[1]?.text).toMatch(/-j DNAT --to-destination 172\.17\.0\.3:80$/);
    expect(seed.search('  ')).toMatchObject({ total: 0, hits: [] });
  });

  it('lists at most MAX_LISTED_HITS hits, and counts them all', () => {
    const big = DumpSession.open(syntheticDump({ services: 300 }));
    const result = big.search('KUBE-MARK-MASQ');
    expect(result.total).toBeGreaterThan(MAX_LISTED_HITS);
    expect(result.hits).toHaveLength(MAX_LISTED_HITS);
    expect(result.rules.length + result.nodes.length).toBeGreaterThanOrEqual(result.total);
  });

  it('keeps chains where they were when the graph is rebuilt', () => {
    const session = DumpSession.open(SEED_SAVE);
    const first = session.graph({ focus: null, expanded: [], collapsed: [] });
    const second = session.graph({ focus: null, expanded: [], collapsed: ['nat/KUBE-SERVICES'] });
    const at = (graph: typeof first, id: string) => graph.nodes.find((n) => n.id === id)?.position;
    expect(at(second, `nat/${SVC}`)).toEqual(at(first, `nat/${SVC}`));
  });

  it('traces a packet through the rules, one branch or all', () => {
    const single = cloned(seedTrace(seed, 'single'));
    expect(single.ok).toBe(true);
    if (!single.ok) return;
    const [outcome] = single.trace.outcomes;
    expect(outcome?.verdict).toBe('ACCEPT');
    expect(outcome?.dnat).toMatch(/^172\.17\.0\.[234]:80$/);
    expect(outcome?.masqueraded).toBe(true);
    const all = seedTrace(seed, 'all');
    expect(all.ok && all.trace.outcomes.map((o) => o.probability.toFixed(3))).toEqual([
      '0.333',
      '0.333',
      '0.333',
    ]);
  });

  it('says why a packet cannot be traced through rules the kernel would refuse', () => {
    const looping = DumpSession.open(
      '*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n',
    );
    const result = seedTrace(looping, 'single');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/loop/) as string });
  });

  it('traces what parsed of a broken dump, saying which lines it left out', () => {
    const broken = DumpSession.open(
      [
        '*nat',
        ':PREROUTING ACCEPT [0:0]',
        ':KUBE-SERVICES - [0:0]',
        '-A PREROUTING -j KUBE-SERVICES',
        '-A KUBE-SERVICES -d 10.96.0.300/32 -p tcp -m tcp --dport 53 -j RETURN',
        '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 53 -j DNAT --to-destination 10.244.1.7:53',
        'COMMIT',
      ].join('\n'),
    );
    expect(broken.overview().problems.map((p) => [p.line, p.severity])).toEqual([[5, 'error']]);
    const node = readNodeModel({ nodeIPs: ['192.168.0.11'] });
    if (!node.ok) throw new Error(node.message);
    const result = broken.trace({
      node: node.value,
      packet: { src: '203.0.113.10', dst: '10.96.0.10', protocol: 'tcp', sport: 40000, dport: 53 },
      mode: { mode: 'single', seed: 1 },
    });
    expect(result.ok && result.leftOut).toEqual([5]);
    expect(result.ok && result.trace.outcomes[0]?.dnat).toBe('10.244.1.7:53');
    // A dump without errors leaves nothing out.
    const whole = seedTrace(seed, 'single');
    expect(whole.ok && whole.leftOut).toEqual([]);
  });

  it('lists at most MAX_LISTED_PROBLEMS problems, and counts them all', () => {
    const broken = [
      '*nat',
      ...Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, () => '-A'),
      'COMMIT',
    ];
    const overview = DumpSession.open(broken.join('\n')).overview();
    expect(overview.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(overview.problemCount).toBe(MAX_LISTED_PROBLEMS + 5);
    expect(overview.problems[0]?.line).toBe(2);
  });

  it('tells Kubernetes objects from rule dumps', () => {
    expect(looksLikeKubeObjects('# a Service\n---\napiVersion: v1\nkind: Service\n')).toBe(true);
    expect(looksLikeKubeObjects('{"kind":"List","items":[]}')).toBe(true);
    expect(looksLikeKubeObjects(SEED_SAVE)).toBe(false);
    expect(looksLikeKubeObjects(SEED_LISTING)).toBe(false);
    expect(looksLikeKubeObjects('-A INPUT -j ACCEPT\n')).toBe(false);
  });

  it('reports YAML it cannot use as problems, with no rules', () => {
    const overview = DumpSession.open(
      'apiVersion: v1\nkind: Service\nmetadata: [oops\n',
      {},
      undefined,
      environmentFromYaml,
    ).overview();
    expect(overview.format).toBe('objects');
    expect(overview.tables).toEqual([]);
    expect(overview.problemCount).toBeGreaterThan(0);
  });

  it('reports parse progress, ending at the last line', () => {
    const calls: [number, number][] = [];
    DumpSession.open(syntheticDump({ services: 1000 }), {}, (done, total) =>
      calls.push([done, total]),
    );
    expect(calls.length).toBeGreaterThan(1);
    const last = calls.at(-1);
    expect(last?.[0]).toBe(last?.[1]);
  });
});

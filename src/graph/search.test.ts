import { syntheticDump } from '../domain/examples/synthetic-dump.ts';
import { buildGraph } from './build-graph.ts';
import { parseQuery } from './search-query.ts';
import { searchGraph } from './search.ts';
import { fixtureText, parseSave, seedRuleset } from './test-fixtures.ts';

describe('searchGraph', () => {
  const seed = seedRuleset();
  const overall = parseSave(fixtureText('overall-current'));

  const cases: {
    name: string;
    query: string;
    nodes: string[];
    rules: string[];
    source?: 'seed' | 'overall';
  }[] = [
    {
      name: 'an endpoint address: its hairpin rule, its DNAT',
      query: '172.17.0.3',
      nodes: ['nat/KUBE-SEP-GRLEVIWNO4P37GSQ'],
      rules: ['nat/KUBE-SEP-GRLEVIWNO4P37GSQ#1', 'nat/KUBE-SEP-GRLEVIWNO4P37GSQ#2'],
    },
    {
      name: 'a network finds every address inside it',
      query: '172.17.0.0/30',
      nodes: ['nat/KUBE-SEP-GRLEVIWNO4P37GSQ', 'nat/KUBE-SEP-MMWJ6M2J72TU3J64'],
      rules: [
        'nat/KUBE-SEP-GRLEVIWNO4P37GSQ#1',
        'nat/KUBE-SEP-GRLEVIWNO4P37GSQ#2',
        'nat/KUBE-SEP-MMWJ6M2J72TU3J64#1',
        'nat/KUBE-SEP-MMWJ6M2J72TU3J64#2',
      ],
    },
    {
      name: 'the cluster IP',
      query: '10.254.198.92',
      nodes: ['nat/KUBE-SERVICES'],
      rules: ['nat/KUBE-SERVICES#1'],
    },
    {
      name: 'address and port must both match',
      query: '10.254.198.92:81',
      nodes: [],
      rules: [],
    },
    {
      name: 'the NodePort',
      query: '32110',
      nodes: ['nat/KUBE-NODEPORTS'],
      rules: ['nat/KUBE-NODEPORTS#1', 'nat/KUBE-NODEPORTS#2'],
    },
    {
      name: 'a chain by name, case aside',
      query: 'kube-mark',
      nodes: [
        'nat/KUBE-MARK-MASQ',
        'nat/KUBE-NODEPORTS',
        'nat/KUBE-SEP-74XRUOWV76LDS3ID',
        'nat/KUBE-SEP-GRLEVIWNO4P37GSQ',
        'nat/KUBE-SEP-MMWJ6M2J72TU3J64',
      ],
      rules: [
        'nat/KUBE-NODEPORTS#1',
        'nat/KUBE-SEP-74XRUOWV76LDS3ID#1',
        'nat/KUBE-SEP-GRLEVIWNO4P37GSQ#1',
        'nat/KUBE-SEP-MMWJ6M2J72TU3J64#1',
      ],
    },
    {
      name: 'a comment',
      query: 'requiring SNAT',
      nodes: ['nat/KUBE-POSTROUTING'],
      rules: ['nat/KUBE-POSTROUTING#1'],
    },
    {
      name: 'an address inside a rule’s network (-s 10.0.0.0/8), not one it negates (! -s 10.0.0.0/8)',
      query: '10.3.4.5',
      source: 'overall',
      nodes: ['nat/KUBE-EXT-GNZBNJ2PO5MGZ6GT'],
      rules: ['nat/KUBE-EXT-GNZBNJ2PO5MGZ6GT#1'],
    },
    {
      name: 'a Service by label, and every rule whose comment names it',
      query: 'ns5/svc5',
      source: 'overall',
      nodes: [
        'filter/KUBE-PROXY-FIREWALL',
        'nat/KUBE-EXT-NUKIZ6OKUXPJNT4C',
        'nat/KUBE-FW-NUKIZ6OKUXPJNT4C',
        'nat/KUBE-NODEPORTS',
        'nat/KUBE-SEP-I77PXRDZVX7PMWMN',
        'nat/KUBE-SERVICES',
        'nat/KUBE-SVC-NUKIZ6OKUXPJNT4C',
      ],
      rules: [
        'filter/KUBE-PROXY-FIREWALL#1',
        'nat/KUBE-EXT-NUKIZ6OKUXPJNT4C#1',
        'nat/KUBE-FW-NUKIZ6OKUXPJNT4C#1',
        'nat/KUBE-FW-NUKIZ6OKUXPJNT4C#2',
        'nat/KUBE-NODEPORTS#3',
        'nat/KUBE-SEP-I77PXRDZVX7PMWMN#1',
        'nat/KUBE-SEP-I77PXRDZVX7PMWMN#2',
        'nat/KUBE-SERVICES#8',
        'nat/KUBE-SERVICES#9',
        'nat/KUBE-SVC-NUKIZ6OKUXPJNT4C#1',
        'nat/KUBE-SVC-NUKIZ6OKUXPJNT4C#2',
      ],
    },
    {
      name: 'a NodePort in a filter chain and a nat chain',
      query: ':3001',
      source: 'overall',
      nodes: ['filter/KUBE-EXTERNAL-SERVICES', 'nat/KUBE-NODEPORTS'],
      rules: ['filter/KUBE-EXTERNAL-SERVICES#3', 'nat/KUBE-NODEPORTS#1'],
    },
    { name: 'nothing asked', query: '  ', nodes: [], rules: [] },
  ];

  it.each(cases)('$name', ({ query, nodes, rules, source }) => {
    expect(searchGraph(source === 'overall' ? overall : seed, query)).toEqual({ nodes, rules });
  });

  it('does not count a negated address, range or port as a mention of it', () => {
    const ruleset = parseSave(
      [
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT ! -s 10.0.0.0/8 -j DROP',
        '-A INPUT ! -d 10.0.0.5/32 -p tcp -m tcp ! --dport 53 -j DROP',
        '-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 53 -j ACCEPT',
        '-A INPUT -m iprange ! --src-range 10.0.0.1-10.0.0.9 -j DROP',
        'COMMIT',
        '',
      ].join('\n'),
    );
    expect(searchGraph(ruleset, '10.0.0.5').rules).toEqual(['filter/INPUT#3']);
    expect(searchGraph(ruleset, '53').rules).toEqual(['filter/INPUT#3']);
    expect(searchGraph(buildGraph(ruleset), '10.0.0.5').rules).toEqual(['filter/INPUT#3']);
  });

  it('finds a ClusterIP in its own two rules, not in every Service’s masquerade rule', () => {
    // Every KUBE-SVC chain starts with `! -s 10.0.0.0/8 -d <its ClusterIP>/32 … -j KUBE-MARK-MASQ`.
    const ruleset = parseSave(syntheticDump({ services: 50 }));
    const { rules } = searchGraph(ruleset, '10.0.0.5');
    expect(rules).toHaveLength(2);
    expect(rules[0]).toMatch(/^nat\/KUBE-SERVICES#\d+$/);
    expect(rules[1]).toMatch(/^nat\/KUBE-SVC-\w+#1$/);
  });

  it('finds in a graph what the graph holds, as in the ruleset', () => {
    const graph = buildGraph(seed);
    for (const { query, source } of cases) {
      if (source !== undefined) continue;
      expect(searchGraph(graph, query), query).toEqual(searchGraph(seed, query));
    }
  });

  it('finds hidden chains in a ruleset, not in its focused graph', () => {
    const graph = buildGraph(overall, { focus: 'ns1/svc1:p80' });
    // ns1/svc1 is ClusterIP only: KUBE-NODEPORTS does not lead to it and is left out.
    expect(searchGraph(graph, 'ns3/svc3').nodes).toEqual(['nat/KUBE-SERVICES']);
    expect(searchGraph(overall, 'ns3/svc3').nodes).toEqual([
      'nat/KUBE-EXT-X27LE4BHSL4DOUIK',
      'nat/KUBE-NODEPORTS',
      'nat/KUBE-SEP-OYPFS5VJICHGATKP',
      'nat/KUBE-SERVICES',
      'nat/KUBE-SVC-X27LE4BHSL4DOUIK',
    ]);
  });
});

describe('parseQuery', () => {
  it.each([
    ['10.96.0.10', 'address'],
    ['10.244.0.0/16', 'address'],
    ['fd00::1', 'address'],
    ['[fd00::1]:80', 'address'],
    ['10.96.0.10:53', 'address'],
    ['80', 'port'],
    [':8080', 'port'],
    ['port 53', 'port'],
    ['KUBE-SVC', 'text'],
    ['99999', 'text'],
  ])('%s is %s', (query, kind) => {
    expect(parseQuery(query)?.kind).toBe(kind);
  });
});

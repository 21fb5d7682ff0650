import { syntheticDump } from '../domain/examples/synthetic-dump.ts';
import { buildGraph, DEFAULT_MAX_NODES, PIPELINE_NODE_COUNT } from './build-graph.ts';
import { HEADER_HEIGHT, LINE_HEIGHT, NODE_WIDTH } from './sizes.ts';
import {
  chainById,
  chainNodes,
  hookById,
  nodeById,
  parseSave,
  seedRuleset,
} from './test-fixtures.ts';

const SVC = 'nat/KUBE-SVC-I64SNEMOLCWHJHS3';
const SEP2 = 'nat/KUBE-SEP-MMWJ6M2J72TU3J64';

describe('buildGraph on the seed', () => {
  const graph = buildGraph(seedRuleset());

  it('has a node per user chain, none hidden', () => {
    expect(chainNodes(graph).map((n) => n.chain)).toEqual([
      'KUBE-MARK-MASQ',
      'KUBE-NODEPORTS',
      'KUBE-POSTROUTING',
      'KUBE-SEP-74XRUOWV76LDS3ID',
      'KUBE-SEP-GRLEVIWNO4P37GSQ',
      'KUBE-SEP-MMWJ6M2J72TU3J64',
      'KUBE-SERVICES',
      'KUBE-SVC-I64SNEMOLCWHJHS3',
    ]);
    expect(graph.hiddenCount).toBe(0);
  });

  it('lists KUBE-SERVICES rule by rule', () => {
    const services = chainById(graph, 'nat/KUBE-SERVICES');
    expect(services.role).toBe('services');
    expect(services.label).toBeUndefined();
    expect(services.rules).toEqual([
      {
        key: 'nat/KUBE-SERVICES#1',
        index: 1,
        target: 'KUBE-SVC-I64SNEMOLCWHJHS3',
        targetId: SVC,
        goto: false,
        summary: 'tcp dpt:80 dst 10.254.198.92',
        comment: 'default/nginx-service-nodeport: cluster IP',
        text: '-A KUBE-SERVICES -d 10.254.198.92/32 -p tcp -m comment --comment "default/nginx-service-nodeport: cluster IP" -m tcp --dport 80 -j KUBE-SVC-I64SNEMOLCWHJHS3',
        line: 29,
      },
      {
        key: 'nat/KUBE-SERVICES#2',
        index: 2,
        target: 'KUBE-NODEPORTS',
        targetId: 'nat/KUBE-NODEPORTS',
        goto: false,
        summary: 'dst-type LOCAL',
        comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
        text: '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
        line: 30,
      },
    ]);
    expect(services.size).toEqual({ width: NODE_WIDTH, height: HEADER_HEIGHT + 2 * LINE_HEIGHT });
  });

  it('shows the split over the endpoints as the share each rule takes', () => {
    const svc = chainById(graph, SVC);
    expect(svc.rules.map((r) => [r.target, r.summary])).toEqual([
      ['KUBE-SEP-MMWJ6M2J72TU3J64', 'random 33.3%'],
      ['KUBE-SEP-GRLEVIWNO4P37GSQ', 'random 50%'],
      ['KUBE-SEP-74XRUOWV76LDS3ID', ''],
    ]);
  });

  it('labels the hashed chains from the comments, and endpoints from their DNAT', () => {
    expect(chainById(graph, SVC)).toMatchObject({
      role: 'service',
      label: 'default/nginx-service-nodeport',
      labelSource: 'comment',
      service: 'default/nginx-service-nodeport:',
      serviceKey: 'default/nginx-service-nodeport:',
    });
    // The seed's kube-proxy wrote no `-> endpoint` comments: the endpoint comes from the DNAT.
    expect(chainById(graph, SEP2)).toMatchObject({
      role: 'endpoint',
      label: '172.17.0.2:80',
      labelSource: 'rules',
      service: 'default/nginx-service-nodeport:',
    });
    expect(chainById(graph, SEP2).rules[1]).toMatchObject({
      target: 'DNAT',
      targetSummary: 'to 172.17.0.2:80',
      summary: 'tcp',
    });
    expect(chainById(graph, 'nat/KUBE-MARK-MASQ')).toMatchObject({
      role: 'mark',
      rules: [expect.objectContaining({ target: 'MARK', targetSummary: 'or 0x4000' })],
    });
  });

  it('draws an edge from each jumping rule to its chain', () => {
    const jumps = graph.edges
      .filter((e) => e.kind !== 'flow')
      .map((e) => `${e.sourceRule} -${e.kind}-> ${e.target}`);
    expect(jumps).toEqual([
      'nat/PREROUTING#2 -jump-> nat/KUBE-SERVICES',
      'nat/OUTPUT#2 -jump-> nat/KUBE-SERVICES',
      'nat/POSTROUTING#1 -jump-> nat/KUBE-POSTROUTING',
      'nat/KUBE-NODEPORTS#1 -jump-> nat/KUBE-MARK-MASQ',
      'nat/KUBE-NODEPORTS#2 -jump-> nat/KUBE-SVC-I64SNEMOLCWHJHS3',
      'nat/KUBE-SEP-74XRUOWV76LDS3ID#1 -jump-> nat/KUBE-MARK-MASQ',
      'nat/KUBE-SEP-GRLEVIWNO4P37GSQ#1 -jump-> nat/KUBE-MARK-MASQ',
      'nat/KUBE-SEP-MMWJ6M2J72TU3J64#1 -jump-> nat/KUBE-MARK-MASQ',
      'nat/KUBE-SERVICES#1 -jump-> nat/KUBE-SVC-I64SNEMOLCWHJHS3',
      'nat/KUBE-SERVICES#2 -jump-> nat/KUBE-NODEPORTS',
      'nat/KUBE-SVC-I64SNEMOLCWHJHS3#1 -jump-> nat/KUBE-SEP-MMWJ6M2J72TU3J64',
      'nat/KUBE-SVC-I64SNEMOLCWHJHS3#2 -jump-> nat/KUBE-SEP-GRLEVIWNO4P37GSQ',
      'nat/KUBE-SVC-I64SNEMOLCWHJHS3#3 -jump-> nat/KUBE-SEP-74XRUOWV76LDS3ID',
    ]);
    const edge = graph.edges.find((e) => e.sourceRule === 'nat/KUBE-SERVICES#1');
    expect(edge).toEqual({
      id: 'jump:nat/KUBE-SERVICES#1',
      kind: 'jump',
      source: 'nat/KUBE-SERVICES',
      sourceRule: 'nat/KUBE-SERVICES#1',
      target: SVC,
    });
  });

  it('draws every table of every hook in the order the kernel runs them', () => {
    const hooks = graph.nodes.filter((n) => n.kind === 'hook').map((n) => n.id);
    expect(hooks).toEqual([
      'raw/PREROUTING',
      'mangle/PREROUTING',
      'nat/PREROUTING',
      'mangle/INPUT',
      'filter/INPUT',
      'security/INPUT',
      'nat/INPUT',
      'mangle/FORWARD',
      'filter/FORWARD',
      'security/FORWARD',
      'raw/OUTPUT',
      'mangle/OUTPUT',
      'nat/OUTPUT',
      'filter/OUTPUT',
      'security/OUTPUT',
      'mangle/POSTROUTING',
      'nat/POSTROUTING',
    ]);
  });

  it('marks the hook tables with rules and gives each its policy', () => {
    expect(hookById(graph, 'nat/PREROUTING')).toMatchObject({
      hook: 'PREROUTING',
      table: 'nat',
      hasRules: true,
      policy: 'ACCEPT',
    });
    expect(hookById(graph, 'nat/PREROUTING').policyAssumed).toBeUndefined();
    expect(hookById(graph, 'nat/PREROUTING').rules.map((r) => [r.target, r.targetSummary])).toEqual(
      [
        ['LOG', 'prefix "** NAT PREROUTING **"'],
        ['KUBE-SERVICES', undefined],
      ],
    );
    // Two rule lines and the policy line.
    expect(hookById(graph, 'nat/PREROUTING').size.height).toBe(HEADER_HEIGHT + 3 * LINE_HEIGHT);
    // The seed has no filter table: the kernel's default policy, marked as such.
    expect(hookById(graph, 'filter/INPUT')).toMatchObject({
      hasRules: false,
      policy: 'ACCEPT',
      policyAssumed: true,
      rules: [],
    });
    expect(nodeById(graph, 'nat/INPUT')).toMatchObject({ hasRules: false, policy: 'ACCEPT' });
  });

  it('links the pipeline with flow edges, FORWARD between the routing decision and POSTROUTING', () => {
    const flow = graph.edges
      .filter((e) => e.kind === 'flow')
      .map((e) => `${e.source} → ${e.target}`);
    expect(flow).toEqual([
      'stage:network-in → raw/PREROUTING',
      'raw/PREROUTING → mangle/PREROUTING',
      'mangle/PREROUTING → nat/PREROUTING',
      'mangle/INPUT → filter/INPUT',
      'filter/INPUT → security/INPUT',
      'security/INPUT → nat/INPUT',
      'mangle/FORWARD → filter/FORWARD',
      'filter/FORWARD → security/FORWARD',
      'raw/OUTPUT → mangle/OUTPUT',
      'mangle/OUTPUT → nat/OUTPUT',
      'nat/OUTPUT → filter/OUTPUT',
      'filter/OUTPUT → security/OUTPUT',
      'mangle/POSTROUTING → nat/POSTROUTING',
      'nat/PREROUTING → stage:routing-in',
      'stage:routing-in → mangle/INPUT',
      'stage:routing-in → mangle/FORWARD',
      'nat/INPUT → stage:local-process',
      'stage:local-process → raw/OUTPUT',
      'security/OUTPUT → stage:routing-out',
      'stage:routing-out → mangle/POSTROUTING',
      'security/FORWARD → mangle/POSTROUTING',
      'nat/POSTROUTING → stage:network-out',
    ]);
  });

  it('collapses a chain to its header, keeping its lines and edges for the view', () => {
    const collapsed = buildGraph(seedRuleset(), { collapsed: new Set([SVC]) });
    const svc = chainById(collapsed, SVC);
    expect(svc.collapsed).toBe(true);
    expect(svc.size).toEqual({ width: NODE_WIDTH, height: HEADER_HEIGHT });
    expect(svc.rules).toHaveLength(3);
    expect(collapsed.edges.filter((e) => e.source === SVC)).toHaveLength(3);
    expect(chainById(collapsed, 'nat/KUBE-SERVICES').collapsed).toBe(false);
  });

  it('counts packets from a dump with counters', () => {
    const seed = seedRuleset();
    const counted = buildGraph({
      tables: seed.tables.map((t) => ({
        ...t,
        chains: t.chains.map((c) => ({
          ...c,
          rules: c.rules.map((r, i) => ({ ...r, counters: { packets: BigInt(i + 7), bytes: 0n } })),
        })),
      })),
    });
    expect(chainById(counted, SVC).rules.map((r) => r.packets)).toEqual([7n, 8n, 9n]);
    expect(chainById(graph, SVC).rules[0]?.packets).toBeUndefined();
  });
});

describe('buildGraph maxNodes', () => {
  it('counts every node of the graph, the 22 of the pipeline too', () => {
    expect(PIPELINE_NODE_COUNT).toBe(5 + 17);
    // The seed has 8 user chains: 30 nodes in all, so 25 leaves room for 3 chains.
    const graph = buildGraph(seedRuleset(), { maxNodes: 25 });
    expect(graph.nodes).toHaveLength(25);
    expect(chainNodes(graph)).toHaveLength(3);
    expect(graph.hiddenCount).toBe(5);
  });

  it('keeps the whole graph to 500 nodes by default', () => {
    // 300 Services' KUBE-SVC and KUBE-EXT chains asked for at once: over 600 chains.
    const ruleset = parseSave(syntheticDump({ services: 300 }));
    const graph = buildGraph(ruleset, {
      expanded: new Set(['nat/KUBE-SERVICES', 'nat/KUBE-NODEPORTS']),
    });
    expect(graph.nodes).toHaveLength(DEFAULT_MAX_NODES);
    expect(chainNodes(graph)).toHaveLength(DEFAULT_MAX_NODES - PIPELINE_NODE_COUNT);
  });

  it('draws the pipeline even when maxNodes leaves no room for chains', () => {
    const graph = buildGraph(seedRuleset(), { maxNodes: 3 });
    expect(graph.nodes).toHaveLength(PIPELINE_NODE_COUNT);
    expect(graph.hiddenCount).toBe(8);
  });
});

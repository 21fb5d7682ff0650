import { KUBE_PROXY_INPUTS } from '../domain/examples/kube-proxy-inputs.ts';
import type { KubeObject } from '../domain/kube/objects.ts';
import { generateRules } from '../domain/kube/generate.ts';
import type { Ruleset } from '../domain/model/ruleset.ts';
import { buildGraph } from './build-graph.ts';
import { CHAIN_AREA_X } from './domain-layout.ts';
import { PIPELINE_WIDTH } from './pipeline-layout.ts';
import { chainById, chainNodes, nodeById, parseSave, seedRuleset } from './test-fixtures.ts';
import type { Graph, Position } from './types.ts';

const positions = (graph: Graph): Map<string, Position> =>
  new Map(graph.nodes.map((n) => [n.id, n.position]));

/** Pairs of nodes whose boxes overlap. */
function overlaps(graph: Graph): string[] {
  const out: string[] = [];
  graph.nodes.forEach((a, i) => {
    for (const b of graph.nodes.slice(i + 1)) {
      const apart =
        a.position.x + a.size.width <= b.position.x ||
        b.position.x + b.size.width <= a.position.x ||
        a.position.y + a.size.height <= b.position.y ||
        b.position.y + b.size.height <= a.position.y;
      if (!apart) out.push(`${a.id} × ${b.id}`);
    }
  });
  return out;
}

const overall = KUBE_PROXY_INPUTS.find((i) => i.fixture === 'overall-current');
if (!overall) throw new Error('no overall-current input');

/** A NodePort Service whose name sorts between ns3/svc3 and ns4/svc4. */
const ADDED: readonly KubeObject[] = [
  {
    kind: 'Service',
    namespace: 'ns3a',
    name: 'added',
    type: 'NodePort',
    clusterIP: '172.30.0.50',
    ports: [{ name: 'p80', protocol: 'TCP', port: 80, nodePort: 3010 }],
  },
  {
    kind: 'EndpointSlice',
    namespace: 'ns3a',
    name: 'added-1',
    serviceName: 'added',
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.180.0.9'], conditions: { ready: true } }],
    ports: [{ name: 'p80', protocol: 'TCP', port: 80 }],
  },
];

const generated = (objects: readonly KubeObject[]): Ruleset =>
  parseSave(generateRules(objects, overall.node).restore);

describe('the domain layout', () => {
  it('draws the pipeline like the netfilter diagram', () => {
    const graph = buildGraph(seedRuleset());
    const at = (id: string): Position => nodeById(graph, id).position;
    // The forwarded path runs straight across the top, left to right…
    const top = [
      'stage:network-in',
      'nat/PREROUTING',
      'stage:routing-in',
      'filter/FORWARD',
      'nat/POSTROUTING',
      'stage:network-out',
    ];
    for (let i = 1; i < top.length; i++)
      expect(at(top[i] as string).x).toBeGreaterThan(at(top[i - 1] as string).x);
    expect(at('raw/PREROUTING').y).toBe(0);
    expect(at('mangle/FORWARD').y).toBe(0);
    // …and the local path dips below it: down through INPUT, up through OUTPUT.
    expect(at('mangle/INPUT').x).toBe(at('stage:routing-in').x - (360 - 160) / 2);
    expect(at('mangle/INPUT').y).toBeGreaterThan(at('nat/PREROUTING').y);
    expect(at('stage:local-process').y).toBeGreaterThan(at('nat/INPUT').y);
    expect(at('raw/OUTPUT').x).toBe(at('mangle/POSTROUTING').x);
    expect(at('stage:routing-out').y).toBeLessThan(at('raw/OUTPUT').y);
    expect(at('stage:routing-out').y).toBeGreaterThan(at('nat/POSTROUTING').y);
    // Each hook's tables stack downwards in the kernel's order.
    expect(at('mangle/PREROUTING').y).toBeGreaterThan(at('raw/PREROUTING').y);
    expect(at('nat/PREROUTING').y).toBeGreaterThan(at('mangle/PREROUTING').y);
    expect(overlaps(graph)).toEqual([]);
  });

  it('puts chains right of the pipeline, in columns by the order a packet meets them', () => {
    const graph = buildGraph(seedRuleset());
    const x = (chain: string): number => chainById(graph, `nat/${chain}`).position.x;
    expect(CHAIN_AREA_X).toBeGreaterThan(PIPELINE_WIDTH);
    expect(x('KUBE-SERVICES')).toBe(CHAIN_AREA_X);
    expect(x('KUBE-POSTROUTING')).toBe(CHAIN_AREA_X);
    expect(x('KUBE-NODEPORTS')).toBeGreaterThan(x('KUBE-SERVICES'));
    expect(x('KUBE-SVC-I64SNEMOLCWHJHS3')).toBeGreaterThan(x('KUBE-NODEPORTS'));
    expect(x('KUBE-SEP-MMWJ6M2J72TU3J64')).toBeGreaterThan(x('KUBE-SVC-I64SNEMOLCWHJHS3'));
    expect(x('KUBE-MARK-MASQ')).toBeGreaterThan(x('KUBE-SEP-MMWJ6M2J72TU3J64'));
  });

  it("lines a Service's chains up in one lane, endpoints by address", () => {
    const graph = buildGraph(seedRuleset());
    const y = (chain: string): number => chainById(graph, `nat/${chain}`).position.y;
    expect(y('KUBE-SEP-MMWJ6M2J72TU3J64')).toBe(y('KUBE-SVC-I64SNEMOLCWHJHS3'));
    // 172.17.0.2, .3, .4, each two lines high (28 + 2 × 18) with 16 between.
    expect(y('KUBE-SEP-GRLEVIWNO4P37GSQ')).toBe(y('KUBE-SEP-MMWJ6M2J72TU3J64') + 64 + 16);
    expect(y('KUBE-SEP-74XRUOWV76LDS3ID')).toBe(y('KUBE-SEP-GRLEVIWNO4P37GSQ') + 64 + 16);
    // The Service lane starts below the lane of the chains of no Service.
    expect(y('KUBE-SVC-I64SNEMOLCWHJHS3')).toBeGreaterThan(y('KUBE-POSTROUTING'));
  });

  it('does not depend on the order the dump lists chains and rules in', () => {
    const ruleset = generated(overall.objects);
    const shuffled: Ruleset = {
      tables: [...ruleset.tables].reverse().map((table) => ({
        ...table,
        chains: [...table.chains]
          .reverse()
          .map((chain) =>
            chain.name === 'KUBE-SERVICES'
              ? { ...chain, rules: [...chain.rules].reverse() }
              : chain,
          ),
      })),
    };
    const graph = buildGraph(ruleset);
    expect(positions(buildGraph(shuffled))).toEqual(positions(graph));
    expect(overlaps(graph)).toEqual([]);
  });

  it('keeps every other node where it was when a Service is added, given the graph before', () => {
    const before = buildGraph(generated(overall.objects));
    const rules = generated([...overall.objects, ...ADDED]);
    const after = buildGraph(rules, { previous: before });
    const was = positions(before);
    const now = positions(after);
    for (const [id, position] of was) expect(now.get(id), id).toEqual(position);
    // KUBE-SERVICES and KUBE-NODEPORTS got a rule each, and grew into the room left for it.
    expect(chainById(after, 'nat/KUBE-SERVICES').size.height).toBe(
      chainById(before, 'nat/KUBE-SERVICES').size.height + 18,
    );

    const added = chainNodes(after).filter((n) => !was.has(n.id));
    expect(added.map((n) => [n.role, n.label])).toEqual([
      ['external', 'ns3a/added:p80'],
      ['endpoint', '10.180.0.9:80'],
      ['service', 'ns3a/added:p80'],
    ]);
    expect(overlaps(after)).toEqual([]);
    // The new Service's chains line up in a lane of their own, below the others.
    const bottom = Math.max(...chainNodes(before).map((n) => n.position.y + n.size.height));
    for (const node of added) expect(node.position.y).toBeGreaterThan(bottom);
    expect(new Set(added.map((n) => n.position.y)).size).toBe(1);

    // Laid out afresh, the new lane goes in label order and the lanes after it move down.
    const fresh = positions(buildGraph(rules));
    expect(fresh.get('nat/KUBE-SVC-4SW47YFZTEDKD3PK')?.y).toBeGreaterThan(
      was.get('nat/KUBE-SVC-4SW47YFZTEDKD3PK')?.y ?? Infinity,
    );
  });

  it('keeps the other chains still while one is collapsed and expanded again', () => {
    const ruleset = generated(overall.objects);
    const svc = 'nat/KUBE-SVC-GNZBNJ2PO5MGZ6GT';
    const open = buildGraph(ruleset);
    const closed = buildGraph(ruleset, { collapsed: new Set([svc]), previous: open });
    expect(positions(closed)).toEqual(positions(open));
    expect(chainById(closed, svc).size.height).toBe(28);
    const reopened = buildGraph(ruleset, { previous: closed });
    expect(positions(reopened)).toEqual(positions(open));
  });

  it('moves a node down only when one above it grew into it', () => {
    const ruleset = generated(overall.objects);
    const first = 'nat/KUBE-SEP-C6EBXVWJJZMIWKLZ';
    const second = 'nat/KUBE-SEP-UKSFD7AGPMPPLUHC';
    const small = buildGraph(ruleset, { collapsed: new Set([first, second]) });
    // Laid out collapsed, the two endpoints of ns4/svc4 stack one header apart.
    const upper = [first, second].sort(
      (a, b) => chainById(small, a).position.y - chainById(small, b).position.y,
    );
    const grown = buildGraph(ruleset, { previous: small });
    expect(chainById(grown, upper[1] as string).position.y).toBe(
      chainById(grown, upper[0] as string).position.y +
        chainById(grown, upper[0] as string).size.height +
        16,
    );
    expect(overlaps(grown)).toEqual([]);
  });
});

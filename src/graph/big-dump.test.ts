import { syntheticDump } from '../domain/examples/synthetic-dump.ts';
import type { Ruleset } from '../domain/model/ruleset.ts';
import { buildGraph, PIPELINE_NODE_COUNT } from './build-graph.ts';
import { isPerServiceChain } from './chain-role.ts';
import { servicesOf } from './services.ts';
import { analyseRuleset } from './analysis.ts';
import { isDrawn } from './ids.ts';
import { chainById, chainNodes, parseSave } from './test-fixtures.ts';
import type { Graph } from './types.ts';

const SERVICES = 10_000;
let text = '';
let ruleset: Ruleset;

beforeAll(() => {
  text = syntheticDump({ services: SERVICES });
  ruleset = parseSave(text);
}, 120_000);

/** The user chains the graph leaves out; their number is what it says it leaves out. */
function leftOut(graph: Graph): string[] {
  const ids = analyseRuleset(ruleset).userChains.filter((id) => !isDrawn(graph, id));
  expect(graph.hiddenCount).toBe(ids.length);
  return ids;
}

/** The chains syntheticDump wrote for Service number `s`: its KUBE-SVC, KUBE-EXT and three KUBE-SEP. */
function chainsOf(s: number): string[] {
  const name = `ns${s % 97}/svc${s}:http`;
  const svc = new RegExp(`"${name} cluster IP" -m tcp --dport 80 -j (KUBE-SVC-\\w+)`).exec(
    text,
  )?.[1];
  const ext = new RegExp(`--comment "${name}" -m tcp --dport \\d+ -j (KUBE-EXT-\\w+)`).exec(
    text,
  )?.[1];
  const seps = [
    ...text.matchAll(
      new RegExp(
        `-A ${svc} -m comment --comment "${name} -> [^"]+"(?: -m statistic --mode random --probability [0-9.]+)? -j (KUBE-SEP-\\w+)`,
        'g',
      ),
    ),
  ].map((m) => m[1]);
  return [svc, ext, ...seps].map((c) => `nat/${c}`);
}

describe('a 10,000-Service dump', () => {
  it('shows the pipeline and the top-level chains, and hides the 50,000 per-Service chains', () => {
    const graph = buildGraph(ruleset);
    expect(chainNodes(graph).map((n) => n.id)).toEqual([
      'nat/KUBE-MARK-MASQ',
      'nat/KUBE-NODEPORTS',
      'nat/KUBE-POSTROUTING',
      'nat/KUBE-SERVICES',
    ]);
    expect(graph.nodes.filter((n) => n.kind !== 'chain')).toHaveLength(5 + 17);
    const hidden = leftOut(graph);
    expect(hidden).toHaveLength(SERVICES * 5);
    expect(hidden.every((id) => isPerServiceChain(id.slice('nat/'.length)))).toBe(true);
    // No edge leads to a hidden chain.
    const shown = new Set(graph.nodes.map((n) => n.id));
    expect(graph.edges.every((e) => shown.has(e.source) && shown.has(e.target))).toBe(true);
  }, 30_000);

  it('cuts KUBE-SERVICES down to its first and last rules', () => {
    const services = chainById(buildGraph(ruleset), 'nat/KUBE-SERVICES');
    expect(services.ruleCount).toBe(SERVICES + 1);
    expect(services.rules.map((r) => r.index)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 9999, 10000, 10001,
    ]);
    expect(services.rules.at(-1)?.target).toBe('KUBE-NODEPORTS');
    // 15 lines and one marker for the rules left out.
    expect(services.size.height).toBe(28 + 16 * 18);
  }, 30_000);

  it('keeps to maxNodes nodes, the pipeline included', () => {
    const graph = buildGraph(ruleset, { maxNodes: PIPELINE_NODE_COUNT + 2 });
    expect(graph.nodes).toHaveLength(PIPELINE_NODE_COUNT + 2);
    expect(chainNodes(graph)).toHaveLength(2);
    expect(leftOut(graph)).toHaveLength(SERVICES * 5 + 2);
  }, 30_000);

  it('lists every Service for the focus picker, in number order', () => {
    const services = servicesOf(ruleset);
    expect(services).toHaveLength(SERVICES);
    expect(services.slice(0, 3)).toEqual([
      { key: 'ns0/svc0:http', label: 'ns0/svc0:http' },
      { key: 'ns0/svc97:http', label: 'ns0/svc97:http' },
      { key: 'ns0/svc194:http', label: 'ns0/svc194:http' },
    ]);
  }, 30_000);

  it('focused on one Service, shows exactly its chains and the ones leading to and from them', () => {
    const graph = buildGraph(ruleset, { focus: 'ns42/svc4213:http' });
    const own = chainsOf(4213);
    expect(own).toHaveLength(5);
    expect(
      chainNodes(graph)
        .map((n) => n.id)
        .sort(),
    ).toEqual([...own, 'nat/KUBE-MARK-MASQ', 'nat/KUBE-NODEPORTS', 'nat/KUBE-SERVICES'].sort());
    const hidden = leftOut(graph);
    expect(hidden).toHaveLength(SERVICES * 5 - 5 + 1);
    expect(hidden).toContain('nat/KUBE-POSTROUTING');
    // KUBE-SERVICES shows the jump into the Service, and the edge leaves from it.
    const services = chainById(graph, 'nat/KUBE-SERVICES');
    const jump = services.rules.find((r) => r.targetId === own[0]);
    expect(jump).toMatchObject({ index: 4214, summary: 'tcp dpt:80 dst 10.0.16.118' });
    expect(graph.edges).toContainEqual({
      id: 'jump:nat/KUBE-SERVICES#4214',
      kind: 'jump',
      source: 'nat/KUBE-SERVICES',
      sourceRule: 'nat/KUBE-SERVICES#4214',
      target: own[0],
    });
    expect(chainById(graph, own[0] as string)).toMatchObject({
      role: 'service',
      label: 'ns42/svc4213:http',
      service: 'ns42/svc4213:http',
    });
  }, 30_000);

  it('expands a hidden chain on request, with the chains it jumps to', () => {
    const [svc, , ...seps] = chainsOf(77);
    const graph = buildGraph(ruleset, { expanded: new Set([svc as string]) });
    expect(chainNodes(graph).map((n) => n.id)).toEqual(
      expect.arrayContaining([svc, ...seps, 'nat/KUBE-SERVICES']),
    );
    expect(chainNodes(graph)).toHaveLength(4 + 4);
  }, 30_000);
});

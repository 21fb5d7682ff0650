import { syntheticDump } from '../domain/examples/synthetic-dump.ts';
import { buildGraph, PIPELINE_NODE_COUNT } from './build-graph.ts';
import { serviceGroups } from './service-groups.ts';
import { servicesOf } from './services.ts';
import { chainNodes, parseSave } from './test-fixtures.ts';

// Counted, not changed: when the Service groups are worked out.
vi.mock('./service-groups.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./service-groups.ts')>();
  return { ...original, serviceGroups: vi.fn(original.serviceGroups) };
});

describe('analyseRuleset', () => {
  it('works out the Service groups once, and not for a first graph of top-level chains', () => {
    const ruleset = parseSave(syntheticDump({ services: 50 }));
    const first = buildGraph(ruleset, { maxNodes: PIPELINE_NODE_COUNT + 10 });
    expect(chainNodes(first).every((n) => n.serviceKey === undefined)).toBe(true);
    expect(serviceGroups).not.toHaveBeenCalled();

    expect(servicesOf(ruleset)).toHaveLength(50);
    const focused = buildGraph(ruleset, { focus: 'ns3/svc3:http' });
    expect(chainNodes(focused).filter((n) => n.serviceKey === 'ns3/svc3:http')).toHaveLength(5);
    expect(serviceGroups).toHaveBeenCalledTimes(1);
  });
});

import { syntheticDump } from '../domain/examples/synthetic-dump.ts';
import { buildGraph } from './build-graph.ts';
import { ruleLineOf } from './rule-lines.ts';
import { chainById, parseSave, seedRuleset } from './test-fixtures.ts';

describe('ruleLineOf', () => {
  const seed = seedRuleset();

  it('gives a rule the graph draws as the graph draws it', () => {
    const drawn = chainById(buildGraph(seed), 'nat/KUBE-SERVICES').rules[0];
    expect(ruleLineOf(seed, 'nat/KUBE-SERVICES#1')).toEqual(drawn);
  });

  it('gives a rule a long chain leaves out, with the chain its jump leads to', () => {
    const ruleset = parseSave(syntheticDump({ services: 100 }));
    const services = chainById(buildGraph(ruleset), 'nat/KUBE-SERVICES');
    expect(services.rules.map((r) => r.index)).not.toContain(50);
    const line = ruleLineOf(ruleset, 'nat/KUBE-SERVICES#50');
    expect(line).toMatchObject({ key: 'nat/KUBE-SERVICES#50', index: 50 });
    expect(line?.targetId).toMatch(/^nat\/KUBE-SVC-/);
  });

  it.each([
    'nat/KUBE-SERVICES#0',
    'nat/KUBE-SERVICES#3',
    'nat/KUBE-SERVICES#1.5',
    'nat/NOPE#1',
    'nat/KUBE-SERVICES',
  ])('is undefined for %s, which names no rule', (key) => {
    expect(ruleLineOf(seed, key)).toBeUndefined();
  });
});

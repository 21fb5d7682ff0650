import { chainLabel } from './chain-labels.ts';
import { ruleFacts } from './search-match.ts';
import { searchGraph } from './search.ts';
import { seedRuleset } from './test-fixtures.ts';

// Counted, not changed: how often a search works out a chain's words and a rule's facts.
vi.mock('./chain-labels.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./chain-labels.ts')>();
  return { ...original, chainLabel: vi.fn(original.chainLabel) };
});
vi.mock('./search-match.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./search-match.ts')>();
  return { ...original, ruleFacts: vi.fn(original.ruleFacts) };
});

describe('searchGraph on a ruleset searched before', () => {
  it('reuses the ruleset’s index: no chain label or rule worked out again', () => {
    const ruleset = seedRuleset();
    const first = searchGraph(ruleset, '172.17.0.3');
    const labels = vi.mocked(chainLabel).mock.calls.length;
    const facts = vi.mocked(ruleFacts).mock.calls.length;
    expect(labels).toBeGreaterThan(0);

    expect(searchGraph(ruleset, '172.17.0.3')).toEqual(first);
    expect(searchGraph(ruleset, 'kube-mark').rules).toHaveLength(4);
    expect(vi.mocked(chainLabel).mock.calls.length).toBe(labels);
    expect(facts).toBeGreaterThan(0);
    expect(vi.mocked(ruleFacts).mock.calls.length).toBe(facts);

    // Another ruleset object is another dump: indexed afresh.
    searchGraph(seedRuleset(), '172.17.0.3');
    expect(vi.mocked(chainLabel).mock.calls.length).toBe(2 * labels);
  });
});

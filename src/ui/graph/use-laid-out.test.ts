import { renderHook, waitFor } from '@testing-library/react';
import { parseDump } from '../../domain/parse/parse-dump.ts';
import { buildGraph } from '../../graph/build-graph.ts';
import { DOCKER_SAVE, seedRuleset } from '../../graph/test-fixtures.ts';
import { useLaidOut } from './use-laid-out.ts';

describe('useLaidOut', () => {
  it('keeps kube-proxy’s rules in the builder’s layout', async () => {
    const graph = buildGraph(seedRuleset());
    const { result } = renderHook(() => useLaidOut(graph));
    expect(result.current.graph).toBe(graph);
    // The layout promise settles on the next turn; nothing moves.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(result.current).toEqual({ graph, round: 0 });
  });

  it('shows other rules at once, then in dagre’s layout', async () => {
    const graph = buildGraph(parseDump(DOCKER_SAVE).ruleset);
    const { result } = renderHook(() => useLaidOut(graph));
    expect(result.current.graph).toBe(graph);
    await waitFor(() => expect(result.current.round).toBe(1));
    const ids = (g: typeof graph) => g.nodes.map((node) => node.id);
    expect(ids(result.current.graph)).toEqual(ids(graph));
    expect(result.current.graph).not.toBe(graph);
  });
});

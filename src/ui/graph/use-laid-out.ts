import { useEffect, useState } from 'react';
import { layoutGraph } from '../../graph/choose-layout.ts';
import type { Graph } from '../../graph/types.ts';

export interface LaidOut {
  readonly graph: Graph;
  /** Counts the layouts that arrived after the graph was first shown: each moves its nodes. */
  readonly round: number;
}

/**
 * The graph in the layout that suits it. kube-proxy's rules keep the
 * builder's own layout; anyone else's chains are placed by dagre in a
 * worker, so the graph shows at once in the builder's layout and moves to
 * dagre's when it is ready. A layout that fails leaves the builder's.
 */
export function useLaidOut(graph: Graph): LaidOut {
  const [result, setResult] = useState<{ from: Graph; graph: Graph; round: number }>({
    from: graph,
    graph,
    round: 0,
  });
  useEffect(() => {
    let current = true;
    layoutGraph(graph).then(
      (laidOut) => {
        if (current && laidOut !== graph) {
          setResult((previous) => ({ from: graph, graph: laidOut, round: previous.round + 1 }));
        }
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [graph]);
  return { graph: result.from === graph ? result.graph : graph, round: result.round };
}

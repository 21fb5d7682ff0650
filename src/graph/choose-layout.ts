/**
 * Which layout a graph gets. kube-proxy's chains have a known structure
 * (KUBE-SERVICES → KUBE-SVC → KUBE-SEP), which the domain layout draws as
 * columns and Service lanes that stay put across edits; dagre knows nothing
 * of it and would reshuffle on every change. Any other rules (Docker's, a
 * host firewall's) have no such order to follow, and dagre's crossing
 * reduction draws them more readably, as long as the graph is small
 * enough for it.
 */
import { layoutInWorker } from './layout-client.ts';
import type { Graph } from './types.ts';

export type LayoutKind = 'domain' | 'dagre';

/** Above this many chain nodes dagre takes seconds even in a worker; the domain layout stays. */
export const DAGRE_MAX_CHAINS = 1000;

/**
 * 'domain' for a graph with kube-proxy's (or kubelet's) chains in it, or too
 * big for dagre; 'dagre' for any other.
 *
 * @example
 *   chooseLayout(buildGraph(seedRuleset)); // 'domain'
 *   chooseLayout(buildGraph(dockerRuleset)); // 'dagre'
 */
export function chooseLayout(graph: Graph): LayoutKind {
  let chains = 0;
  for (const node of graph.nodes) {
    if (node.kind !== 'chain') continue;
    if (node.role !== 'other') return 'domain';
    chains++;
  }
  return chains > 0 && chains <= DAGRE_MAX_CHAINS ? 'dagre' : 'domain';
}

/**
 * The graph in the layout chooseLayout picks: as it is for the domain layout
 * (buildGraph already applied it), through the worker for dagre. Show the
 * graph buildGraph returns at once and swap in this one when it resolves.
 *
 * @example
 *   const graph = buildGraph(ruleset);
 *   show(graph);
 *   layoutGraph(graph).then(show);
 */
export function layoutGraph(graph: Graph): Promise<Graph> {
  return chooseLayout(graph) === 'dagre' ? layoutInWorker(graph) : Promise.resolve(graph);
}

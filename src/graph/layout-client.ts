/**
 * Running the dagre layout in a Web Worker from the main thread, with the
 * same layout in-thread wherever there is no Worker (tests, Node) or the
 * worker fails.
 */
import { applyLayout, layoutRequest } from './layout-protocol.ts';
import type { LayoutResponse } from './layout-protocol.ts';
import type { Graph } from './types.ts';

interface Pending {
  readonly graph: Graph;
  readonly resolve: (graph: Graph) => void;
  readonly reject: (error: unknown) => void;
}

let worker: Worker | undefined;
let lastId = 0;
const pending = new Map<number, Pending>();

/**
 * dagre in this thread. Loaded on demand, so the app's own bundle leaves
 * dagre out when the worker does the work.
 */
async function inThread(graph: Graph): Promise<Graph> {
  const { layoutWithDagre } = await import('./dagre-layout.ts');
  return layoutWithDagre(graph);
}

function startWorker(): Worker {
  // Written out in full: Vite finds and bundles the worker from this exact expression.
  const started = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  started.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const request = pending.get(event.data.id);
    if (!request) return;
    pending.delete(event.data.id);
    request.resolve(applyLayout(request.graph, event.data));
  };
  started.onerror = (event) => {
    // A worker that failed to load or threw is not tried again; what it held is laid out here.
    event.preventDefault();
    started.terminate();
    worker = undefined;
    const waiting = [...pending.values()];
    pending.clear();
    for (const request of waiting) inThread(request.graph).then(request.resolve, request.reject);
  };
  return started;
}

/**
 * The graph with its chains placed by dagre, computed in a Web Worker where
 * there is one and in this thread elsewhere. Each call gets its own answer,
 * whatever order they come back in.
 *
 * @example
 *   const laidOut = await layoutInWorker(buildGraph(ruleset));
 */
export function layoutInWorker(graph: Graph): Promise<Graph> {
  if (typeof Worker === 'undefined') return inThread(graph);
  try {
    worker ??= startWorker();
  } catch {
    // A script served from another origin than the page (the `<kpviz-player>` element on a
    // docs site) may not start a worker from its own: the layout runs here.
    return inThread(graph);
  }
  const id = ++lastId;
  return new Promise<Graph>((resolve, reject) => {
    pending.set(id, { graph, resolve, reject });
    (worker as Worker).postMessage(layoutRequest(graph, id));
  });
}

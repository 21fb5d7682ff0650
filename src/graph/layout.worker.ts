/**
 * The layout worker: dagre off the main thread, so laying out a big graph
 * never freezes the view. Started by layout-client.ts; Vite bundles it
 * from its `new Worker(new URL('./layout.worker.ts', import.meta.url))`.
 */
import { dagreLayout } from './dagre-layout.ts';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.ts';

/** The part of a dedicated worker's global scope this file uses (the DOM lib types `self` as Window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  scope.postMessage(dagreLayout(event.data));
};

import {
  getViewportForBounds,
  useReactFlow,
  useStoreApi,
  type FitViewOptions,
} from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { Graph } from '../../graph/types.ts';
import { selectFocus } from '../../store/graph-slice.ts';
import { selectRevision } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useShowCanvas } from './use-show-canvas.ts';

/**
 * Fit to every node by its declared size, mounted or not: React Flow fits the nodes it has a
 * size for, and each carries its own (flow-elements.ts), measured or not.
 */
export const FIT_VIEW: FitViewOptions = { includeHiddenNodes: true };

/** React Flow's own room around a fitted graph. */
const FIT_PADDING = 0.1;

/** The rectangle the graph's nodes cover, by the positions and sizes the builder gave them. */
function graphBounds(graph: Graph): { x: number; y: number; width: number; height: number } {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const { position, size } of graph.nodes) {
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + size.width);
    bottom = Math.max(bottom, position.y + size.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Fits the view to the graph again when it becomes a different picture: a
 * new dump, a Service focused or let go, or a layout that moved the nodes.
 * (Collapsing or showing a chain, or rules edited in place, keep the view where the user put it.)
 *
 * The fit waits for the picture's graph: a focus is asked of the session and answered later,
 * and a new dump's graph is drawn after its panels (graph-view.tsx). It fits by the Graph's own
 * positions and sizes, as React Flow's fitView with FIT_VIEW does, but at once: React Flow's
 * fitView hands every node to its store again and fits a frame later, and for a new dump that
 * made the longest task after it showed.
 */
export function FitOnChange({ graph, layoutRound }: { graph: Graph; layoutRound: number }) {
  const revision = useKpvizStore(selectRevision);
  const focus = useKpvizStore(selectFocus);
  const layoutKept = useKpvizStore((state) => state.layoutKept);
  const { setViewport } = useReactFlow();
  const flow = useStoreApi();
  const showCanvas = useShowCanvas();
  const first = useRef(true);
  const fittedFocus = useRef(focus);
  /** A new picture is on its way: the next graph is fitted. */
  const wanted = useRef(false);
  useEffect(() => {
    // The first picture is fitted by <ReactFlow fitView>.
    if (first.current) {
      first.current = false;
      return;
    }
    // Rules edited in place keep their chains where they were, and so does the view, until a
    // Service is focused or let go.
    if (layoutKept && fittedFocus.current === focus) {
      showCanvas();
      return;
    }
    fittedFocus.current = focus;
    wanted.current = true;
  }, [revision, focus, layoutRound, layoutKept, showCanvas]);
  // After the effect above: a layout comes with its graph, in the same render.
  useEffect(() => {
    if (!wanted.current) return;
    wanted.current = false;
    const { width, height, minZoom, maxZoom } = flow.getState();
    if (graph.nodes.length > 0 && width > 0 && height > 0) {
      const bounds = graphBounds(graph);
      void setViewport(getViewportForBounds(bounds, width, height, minZoom, maxZoom, FIT_PADDING));
    }
    showCanvas();
  }, [graph, flow, setViewport, showCanvas]);
  return null;
}

import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { Graph } from '../../graph/types.ts';
import { handleOffset } from '../../graph/rows.ts';
import { selectReveal, selectSelection } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useShowCanvas } from './use-show-canvas.ts';

/** The zoom a revealed chain is shown at, at least: its rules must be readable. */
const READABLE_ZOOM = 0.8;

/**
 * Brings the chain a search result, an arrow key or a details link asked for
 * into the middle of the view, once it is in the Graph (a chain left out of a
 * big dump is added first). Each request is served once.
 */
export function Reveal({ graph }: { graph: Graph }) {
  const reveal = useKpvizStore(selectReveal);
  const selection = useKpvizStore(selectSelection);
  const { setCenter, getZoom } = useReactFlow();
  const showCanvas = useShowCanvas();
  const served = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (reveal === null || served.current === reveal.seq) return;
    const node = graph.nodes.find((candidate) => candidate.id === reveal.node);
    if (node === undefined) return;
    served.current = reveal.seq;
    const { x, y } = node.position;
    const { width, height } = node.size;
    const zoom = Math.max(getZoom(), READABLE_ZOOM);
    // The rule asked for, or else a long chain's head rather than its middle: where a reader starts.
    const rule =
      selection?.node === node.id && selection.rule !== undefined && node.kind !== 'stage'
        ? handleOffset(node, selection.rule)
        : undefined;
    void setCenter(x + width / 2, y + (rule ?? Math.min(height / 2, 160 / zoom)), { zoom });
    showCanvas();
  }, [reveal, selection, graph, setCenter, getZoom, showCanvas]);
  return null;
}

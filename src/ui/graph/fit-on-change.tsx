import { useReactFlow, type FitViewOptions } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { selectFocus } from '../../store/graph-slice.ts';
import { selectRevision } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useShowCanvas } from './use-show-canvas.ts';

/**
 * Fit to every node by its declared size: with only visible nodes rendered,
 * most are never measured, and React Flow's default fits the measured ones only.
 */
export const FIT_VIEW: FitViewOptions = { includeHiddenNodes: true };

/**
 * Fits the view to the graph again when it becomes a different picture: a
 * new dump, a Service focused or let go, or a layout that moved the nodes.
 * (Collapsing or showing a chain keeps the view where the user put it.)
 */
export function FitOnChange({ layoutRound }: { layoutRound: number }) {
  const revision = useKpvizStore(selectRevision);
  const focus = useKpvizStore(selectFocus);
  const { fitView } = useReactFlow();
  const showCanvas = useShowCanvas();
  const first = useRef(true);
  useEffect(() => {
    // The first picture is fitted by <ReactFlow fitView>.
    if (first.current) {
      first.current = false;
      return;
    }
    void fitView(FIT_VIEW);
    showCanvas();
  }, [revision, focus, layoutRound, fitView, showCanvas]);
  return null;
}

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
 * (Collapsing or showing a chain, or rules edited in place, keep the view where the user put it.)
 */
export function FitOnChange({ layoutRound }: { layoutRound: number }) {
  const revision = useKpvizStore(selectRevision);
  const focus = useKpvizStore(selectFocus);
  const layoutKept = useKpvizStore((state) => state.layoutKept);
  const { fitView } = useReactFlow();
  const showCanvas = useShowCanvas();
  const first = useRef(true);
  const fittedFocus = useRef(focus);
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
    void fitView(FIT_VIEW);
    showCanvas();
  }, [revision, focus, layoutRound, layoutKept, fitView, showCanvas]);
  return null;
}

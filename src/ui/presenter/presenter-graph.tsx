import '@xyflow/react/dist/style.css';
import '../graph/graph.css';
import { selectGraph } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { GraphCanvas } from '../graph/graph-canvas.tsx';
import type { GraphHighlight } from '../graph/graph-highlight.ts';
import { ReadableZoomContext } from '../graph/play-overlay.tsx';
import { useLaidOut } from '../graph/use-laid-out.ts';
import { useTheme } from '../use-theme.ts';

/** Nothing searched for: the presenter view has no search. */
const NO_HIGHLIGHT: GraphHighlight = { nodes: new Set(), rules: new Set() };

/**
 * The zoom the packet is shown at, at least: rule text is 13px at zoom 1, so 1.3 keeps it near
 * 17px on a projected screen.
 */
const PRESENTER_ZOOM = 1.3;

/**
 * The graph alone, filling its part of the screen: the same canvas and packet overlay as the
 * page's (which frame and follow the packet), without search, focus or details.
 */
export function PresenterGraph() {
  const { graph, round } = useLaidOut(useKpvizStore(selectGraph));
  const theme = useTheme();
  return (
    <ReadableZoomContext value={PRESENTER_ZOOM}>
      <GraphCanvas graph={graph} layoutRound={round} highlight={NO_HIGHLIGHT} theme={theme} />
    </ReadableZoomContext>
  );
}

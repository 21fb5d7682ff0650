import '@xyflow/react/dist/style.css';
import './graph.css';
import { selectGraph } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useTheme } from '../use-theme.ts';
import { GraphCanvas } from './graph-canvas.tsx';
import type { GraphHighlight } from './graph-highlight.ts';
import { ReadableZoomContext } from './play-overlay.tsx';
import { useLaidOut } from './use-laid-out.ts';

/** Nothing searched for: a bare graph has no search. */
const NO_HIGHLIGHT: GraphHighlight = { nodes: new Set(), rules: new Set() };

interface BareGraphProps {
  /** The zoom the packet is shown at, at least (the page's own when absent). */
  readonly readableZoom?: number;
}

/**
 * The graph alone, filling its box: the same canvas and packet overlay as the page's (which
 * frame and follow the packet), without search, focus or details, for the presenter view. (The
 * embedded player draws its own, smaller one: drawn-graph.tsx.)
 */
export function BareGraph({ readableZoom }: BareGraphProps) {
  const { graph, round } = useLaidOut(useKpvizStore(selectGraph));
  const theme = useTheme();
  const canvas = (
    <GraphCanvas graph={graph} layoutRound={round} highlight={NO_HIGHLIGHT} theme={theme} />
  );
  if (readableZoom === undefined) return canvas;
  return <ReadableZoomContext value={readableZoom}>{canvas}</ReadableZoomContext>;
}

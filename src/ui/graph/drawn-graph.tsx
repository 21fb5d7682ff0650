import { useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { drawingOf } from '../../graph/export-drawing.ts';
import {
  drawingBounds,
  drawingMarkup,
  drawingStyle,
  edgePathData,
  livePalette,
} from '../../graph/export-svg.ts';
import { edgeBetween, stepSpot, type PlaySpot } from '../../graph/play-spot.ts';
import { selectGraph, selectSearch } from '../../store/graph-slice.ts';
import { selectPlayback, selectSpeed, selectStep } from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { drawingMarks, drawingWords } from '../export/graph-svg.ts';
import { useTranslation } from '../i18n/use-translation.tsx';
import { markerPath } from './marker-path.ts';
import './drawn-graph.css';
import { useAdoptedCss } from './use-adopted-css.ts';
import { useLaidOut } from './use-laid-out.ts';
import {
  READABLE_ZOOM,
  besideRule,
  fitView,
  keepInSight,
  viewTransform,
  zoomAround,
  type View,
} from './drawn-view.ts';

/** The drawing's own stylesheet, in the page's theme variables, inside the graph only. */
const STYLE = `${drawingStyle(livePalette(), '.drawn-graph')}
.drawn-graph .marker.is-off{display:none}`;

const MARKER_RADIUS = 8;
/** How long the view takes to move to the packet, and the most the marker's trip takes. */
const MOVE_MS = 300;

const reducedMotion = (): boolean =>
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The graph drawn as one SVG, with the played step marked on it, for the embedded player: the
 * boxes and edges the export draws (export-drawing.ts), in the theme on screen, and the packet's
 * marker moving along the edge it follows. Drag pans it, Ctrl + wheel (or a pinch) zooms it
 * around the pointer, buttons zoom and fit; a plain wheel scrolls the docs page around it. A new
 * scenario brings the view to its packet at a readable zoom, and the view follows the marker
 * when it would leave it. A page's graph (React Flow, graph-canvas.tsx) does far more, at
 * several times the size a docs page would download.
 */
export function DrawnGraph() {
  const { t } = useTranslation();
  const { graph } = useLaidOut(useKpvizStore(selectGraph));
  const playback = useKpvizStore(selectPlayback);
  const step = useKpvizStore(selectStep);
  const speed = useKpvizStore(selectSpeed);
  const search = useKpvizStore(selectSearch);

  const frame = useRef<HTMLDivElement>(null);
  const viewport = useRef<SVGGElement>(null);
  const marker = useRef<SVGCircleElement>(null);
  const trip = useRef<SVGPathElement>(null);
  const view = useRef<View>({ x: 0, y: 0, zoom: 1 });
  /** A move of the view under way, and where it goes: a step that comes meanwhile is judged there. */
  const moving = useRef<{ cancel(): void; target: View } | undefined>(undefined);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);

  const drawing = useMemo(() => {
    const marks = drawingMarks(graph, { playback, step, search });
    return drawingOf(graph, drawingWords(t), marks);
  }, [graph, playback, step, search, t]);
  const markup = useMemo(() => drawingMarkup(drawing), [drawing]);
  const bounds = useMemo(() => drawingBounds(drawing), [drawing]);
  const inlineCss = useAdoptedCss(STYLE, svg);

  const frames = playback.status === 'ready' ? playback.frames : undefined;
  const legs = playback.status === 'ready' ? playback.legs : undefined;
  const spot = useMemo(
    () =>
      frames ? stepSpot(graph, frames, step, (leg) => legs?.[leg]?.from === 'local') : undefined,
    [graph, frames, legs, step],
  );

  const stopMoving = () => {
    moving.current?.cancel();
    moving.current = undefined;
  };
  const show = (next: View) => {
    view.current = next;
    viewport.current?.setAttribute('transform', viewTransform(next));
  };
  /** Move the view to `next`, over MOVE_MS unless motion is reduced. */
  const moveTo = (next: View) => {
    stopMoving();
    const from = view.current;
    if (reducedMotion() || typeof requestAnimationFrame !== 'function') return show(next);
    const start = performance.now();
    let handle = 0;
    const tick = () => {
      const k = Math.min(1, (performance.now() - start) / MOVE_MS);
      show({
        x: from.x + (next.x - from.x) * k,
        y: from.y + (next.y - from.y) * k,
        zoom: from.zoom + (next.zoom - from.zoom) * k,
      });
      if (k < 1) handle = requestAnimationFrame(tick);
      else moving.current = undefined;
    };
    handle = requestAnimationFrame(tick);
    moving.current = { cancel: () => cancelAnimationFrame(handle), target: next };
  };

  // The box the graph is drawn in, as it resizes with the player.
  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // What the view shows: the whole graph until a packet plays, then the packet, followed.
  const shown = useRef<{ frames: unknown; graph: unknown }>({
    frames: undefined,
    graph: undefined,
  });
  const previousSpot = useRef<PlaySpot | undefined>(undefined);
  useLayoutEffect(() => {
    if (size.width === 0 || size.height === 0) return;
    const before = shown.current;
    shown.current = { frames, graph };
    if (!spot) {
      if (before.graph !== graph || before.frames !== frames) show(fitView(bounds, size));
      return;
    }
    if (before.frames !== frames || before.graph !== graph) {
      // A new packet: to it, at a readable zoom.
      moveTo(besideRule(spot, Math.max(view.current.zoom, READABLE_ZOOM), size));
      return;
    }
    const heading = moving.current?.target ?? view.current;
    const next = keepInSight(spot, heading, size);
    if (next !== heading) moveTo(next);
    // moveTo and show only touch refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spot, frames, graph, bounds, size]);

  // The marker: at the step's spot, carried there along the edge it followed.
  useEffect(() => {
    const element = marker.current;
    const before = previousSpot.current;
    previousSpot.current = spot;
    if (!element || !spot) return;
    const place = (x: number, y: number) => {
      element.setAttribute('cx', String(x));
      element.setAttribute('cy', String(y));
    };
    place(spot.x, spot.y);
    const edge = before && edgeBetween(graph, before, spot);
    const svgEdge = edge && drawing.edges.find((e) => e.id === edge.id);
    const path = trip.current;
    if (!edge || !svgEdge || !path || reducedMotion() || typeof path.getTotalLength !== 'function')
      return;
    const along = markerPath(edgePathData(svgEdge), edge.reverse, before, spot);
    if (along === undefined) return;
    path.setAttribute('d', along);
    const length = path.getTotalLength();
    const duration = Math.min(700, 800 / speed);
    const start = performance.now();
    let handle = 0;
    const tick = () => {
      const k = Math.min(1, (performance.now() - start) / duration);
      // Ease in and out, as the view's CSS motion does.
      const eased = k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
      const point = path.getPointAtLength(eased * length);
      place(point.x, point.y);
      if (k < 1) handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(handle);
      place(spot.x, spot.y);
    };
  }, [graph, drawing, spot, speed]);

  // Ctrl + wheel and pinches zoom around the pointer; a plain wheel is the page's.
  useEffect(() => {
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      stopMoving();
      const box = svg.getBoundingClientRect();
      const at = { x: event.clientX - box.left, y: event.clientY - box.top };
      show(zoomAround(view.current, at, Math.exp(-event.deltaY / 300)));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [svg]);

  const drag = useRef<{ pointer: number; x: number; y: number } | undefined>(undefined);
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    stopMoving();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointer: event.pointerId, x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const from = drag.current;
    if (!from || from.pointer !== event.pointerId) return;
    drag.current = { ...from, x: event.clientX, y: event.clientY };
    const { x, y, zoom } = view.current;
    show({ x: x + event.clientX - from.x, y: y + event.clientY - from.y, zoom });
  };
  const endDrag = () => {
    drag.current = undefined;
  };
  // From where a move under way goes: quick clicks add up.
  const zoomBy = (factor: number) =>
    moveTo(
      zoomAround(
        moving.current?.target ?? view.current,
        { x: size.width / 2, y: size.height / 2 },
        factor,
      ),
    );

  return (
    <div className="drawn-graph" ref={frame}>
      {inlineCss && <style>{STYLE}</style>}
      <svg
        ref={setSvg}
        role="img"
        aria-label={t('embed.graph')}
        width={size.width}
        height={size.height}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <g ref={viewport}>
          <g dangerouslySetInnerHTML={{ __html: markup }} />
          <path ref={trip} fill="none" stroke="none" />
          <circle
            ref={marker}
            className={
              !spot ? 'marker is-off' : frames?.[step]?.role === 'reply' ? 'marker reply' : 'marker'
            }
            r={MARKER_RADIUS}
          />
        </g>
      </svg>
      <div className="drawn-controls" role="group" aria-label={t('flow.controls')}>
        <button type="button" aria-label={t('flow.zoomIn')} onClick={() => zoomBy(1.25)}>
          +
        </button>
        <button type="button" aria-label={t('flow.zoomOut')} onClick={() => zoomBy(0.8)}>
          −
        </button>
        <button
          type="button"
          aria-label={t('flow.fitView')}
          onClick={() => moveTo(fitView(bounds, size))}
        >
          ⤢
        </button>
      </div>
    </div>
  );
}

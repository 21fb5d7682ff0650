import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { drawingOf, marksCss } from '../../graph/export-drawing.ts';
import {
  drawingBounds,
  drawingMarkup,
  drawingStyle,
  edgePathData,
  livePalette,
} from '../../graph/export-svg.ts';
import { nodeOfRule, ruleIndexOf } from '../../graph/ids.ts';
import { edgeBetween, type PlaySpot } from '../../graph/play-spot.ts';
import type { Graph } from '../../graph/types.ts';
import { selectGraph, selectSearch } from '../../store/graph-slice.ts';
import { selectPlayback, selectSpeed, selectStep } from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { drawingMarks, drawingWords } from '../export/graph-svg.ts';
import type { TFunction } from '../i18n/i18n.ts';
import { useTranslation } from '../i18n/use-translation.tsx';
import './drawn-graph.css';
import {
  MARKER_RADIUS,
  READABLE_ZOOM,
  besideRule,
  fitView,
  keepInSight,
  pinchView,
  reducedMotion,
  tripDuration,
  tween,
  viewTransform,
  zoomAround,
  type FingerPair,
  type Point,
  type View,
} from './drawn-view.ts';
import { markerPath } from './marker-path.ts';
import { nodeName } from './node-name.ts';
import { useAdoptedCss } from './use-adopted-css.ts';
import { useLaidOut } from './use-laid-out.ts';

const SCOPE = '.drawn-graph';
/** The page's theme variables: the drawing follows the player's theme. */
const PALETTE = livePalette();
/** The drawing's own stylesheet, inside the graph only. */
const STYLE = `${drawingStyle(PALETTE, SCOPE)}
${SCOPE} .marker.is-off{display:none}`;

/** How long the view takes to move to the packet. */
const MOVE_MS = 300;
/** How long a hint (Ctrl + wheel zooms, two fingers move) stays after a wheel or finger the page took. */
const HINT_MS = 1500;
/** How far an arrow key pans the view, in pixels of the box. */
const PAN_STEP = 60;

/** Where the packet is, in words: `nat KUBE-SERVICES, rule 3`, or a stage's name. */
function placeOf(graph: Graph, spot: PlaySpot, t: TFunction): string {
  const node = graph.nodes.find((n) => n.id === spot.node);
  const name = node ? nodeName(node, t) : spot.node;
  if (spot.rule === undefined || nodeOfRule(spot.rule) !== spot.node) return name;
  return t('embed.graphPlaceRule', { place: name, index: ruleIndexOf(spot.rule) });
}

/** Where a pinch's two fingers are now, while both are down. */
function fingersOf(
  down: ReadonlyMap<number, Point>,
  ids: readonly [number, number],
): FingerPair | undefined {
  const a = down.get(ids[0]);
  const b = down.get(ids[1]);
  return a && b ? [a, b] : undefined;
}

/**
 * The graph drawn as one SVG, with the played step marked on it, for the embedded player: the
 * boxes and edges the export draws (export-drawing.ts), in the theme on screen, and the packet's
 * marker moving along the edge it follows. The drawing is made once per graph; a step changes
 * only a small stylesheet of marks (marksCss) and the marker. A mouse drags it, Ctrl +
 * wheel (or a trackpad's pinch) zooms it around the pointer, two fingers on a touch screen pan
 * and pinch it, buttons zoom and fit, and with the graph focused the arrow keys pan and + − 0
 * zoom and fit; a plain wheel, or one finger or a pen, scrolls the docs page around it, as on a map
 * embedded in a page, and a hint says how to move the graph instead. A new
 * scenario brings the view to its packet at a readable zoom, and the view follows the marker
 * when it would leave it. A page's graph (React Flow, graph-canvas.tsx) does far more, at
 * several times the size a docs page would download.
 */
export function DrawnGraph() {
  const { t } = useTranslation();
  const keysId = useId();
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
  /**
   * The pointers down on the graph, each where it was last in the graph's box: a mouse or a pen
   * alone, or up to two fingers.
   */
  const pointers = useRef(new Map<number, Point>());
  /** Whether the pointer down is a mouse or a pen, which no finger joins (a palm by a pen does not pinch). */
  const penOrMouse = useRef(false);
  /** Where the graph's box was on screen when the pointers came down. */
  const boxAt = useRef<Point>({ x: 0, y: 0 });
  /**
   * Whether the pointers down are the graph's: a mouse, or two fingers, which the page does not
   * take (touch-action gives it one-contact panning only), and the one left after a pinch pans
   * on. A finger or a pen alone is the page's: it scrolls.
   */
  const claimed = useRef(false);
  /** A two-finger pinch under way: its fingers, and the view when they came down. */
  const pinch = useRef<{ ids: readonly [number, number]; from: FingerPair; view: View }>(undefined);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);
  const [hint, setHint] = useState<'wheel' | 'touch' | undefined>(undefined);
  const hideHint = useRef(0);

  const drawing = useMemo(() => drawingOf(graph, drawingWords(t)), [graph, t]);
  const markup = useMemo(() => drawingMarkup(drawing), [drawing]);
  const bounds = useMemo(() => drawingBounds(drawing), [drawing]);
  const marks = useMemo(
    () => drawingMarks(graph, { playback, step, search }),
    [graph, playback, step, search],
  );
  const marksStyle = useMemo(() => marksCss(marks, PALETTE, SCOPE), [marks]);
  const inlineStyle = useAdoptedCss(STYLE, svg);
  const inlineMarks = useAdoptedCss(marksStyle, svg);

  const frames = playback.status === 'ready' ? playback.frames : undefined;
  const spot = marks.spot;

  const stopMoving = () => {
    moving.current?.cancel();
    moving.current = undefined;
  };
  const show = (next: View, byPinch = false) => {
    view.current = next;
    viewport.current?.setAttribute('transform', viewTransform(next));
    // Anything else that moves the view (a new packet framed, a button) moves it under the
    // fingers too: the pinch goes on from the view as it is now.
    const pinching = pinch.current;
    const fingers = pinching && fingersOf(pointers.current, pinching.ids);
    if (!byPinch && pinching && fingers) pinch.current = { ...pinching, from: fingers, view: next };
  };
  /** Move the view to `next`, over MOVE_MS unless motion is reduced. */
  const moveTo = (next: View) => {
    stopMoving();
    const from = view.current;
    if (reducedMotion() || typeof requestAnimationFrame !== 'function') return show(next);
    const cancel = tween(
      MOVE_MS,
      (k) =>
        show({
          x: from.x + (next.x - from.x) * k,
          y: from.y + (next.y - from.y) * k,
          zoom: from.zoom + (next.zoom - from.zoom) * k,
        }),
      () => {
        moving.current = undefined;
      },
    );
    moving.current = { cancel, target: next };
  };
  /** Where the view is, or is moving to: quick clicks and steps add up from there. */
  const heading = () => moving.current?.target ?? view.current;

  // A move under way ends with the graph.
  useEffect(() => stopMoving, []);

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

  // What the view shows: the whole graph until a packet plays, then the packet, followed. The
  // graph and frames it last fitted or brought to their packet: a new packet is framed once.
  const fitted = useRef<Graph | undefined>(undefined);
  const framed = useRef<{ frames: unknown; graph: Graph } | undefined>(undefined);
  useLayoutEffect(() => {
    if (size.width === 0 || size.height === 0) return;
    if (!frames) {
      if (fitted.current !== graph || framed.current !== undefined) {
        fitted.current = graph;
        framed.current = undefined;
        stopMoving();
        show(fitView(bounds, size));
      }
      return;
    }
    // A step the graph has no place for: the view stays, and a new packet is framed later.
    if (!spot) return;
    const before = framed.current;
    if (before?.frames !== frames || before.graph !== graph) {
      // A new packet: to it, at a readable zoom.
      framed.current = { frames, graph };
      moveTo(besideRule(spot, Math.max(view.current.zoom, READABLE_ZOOM), size));
      return;
    }
    // A hand on the graph leads; the next step brings the packet back into sight.
    if (pointers.current.size > 0) return;
    const from = heading();
    const next = keepInSight(spot, from, size);
    if (next !== from) moveTo(next);
    // moveTo, show and heading only touch refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spot, frames, graph, bounds, size]);

  // The marker: at the step's spot, carried there along the edge it followed.
  const previousSpot = useRef<PlaySpot | undefined>(undefined);
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
    const stop = tween(tripDuration(speed), (k) => {
      // Ease in and out, as the page's CSS motion does.
      const eased = k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
      const point = path.getPointAtLength(eased * length);
      place(point.x, point.y);
    });
    return () => {
      stop();
      place(spot.x, spot.y);
    };
  }, [graph, drawing, spot, speed]);

  /** Says for a while how to move the graph: the page took a wheel or a finger meant for it. */
  const sayHow = (kind: 'wheel' | 'touch') => {
    setHint(kind);
    clearTimeout(hideHint.current);
    hideHint.current = window.setTimeout(() => setHint(undefined), HINT_MS);
  };
  useEffect(() => () => clearTimeout(hideHint.current), []);

  // Ctrl + wheel and pinches zoom around the pointer; a plain wheel is the page's, and says so.
  useEffect(() => {
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return sayHow('wheel');
      setHint(undefined);
      event.preventDefault();
      stopMoving();
      const box = svg.getBoundingClientRect();
      const at = { x: event.clientX - box.left, y: event.clientY - box.top };
      show(zoomAround(view.current, at, Math.exp(-event.deltaY / 300)));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      svg.removeEventListener('wheel', onWheel);
    };
  }, [svg]);

  /** Where a pointer is in the graph's box, as the view's translation counts. */
  const inBox = (event: PointerEvent<SVGSVGElement>): Point => ({
    x: event.clientX - boxAt.current.x,
    y: event.clientY - boxAt.current.y,
  });
  const endGesture = () => {
    pointers.current.clear();
    pinch.current = undefined;
  };
  // A finger lifted from a pinch leaves the other panning from where it is.
  const liftPointer = (id: number) => {
    pointers.current.delete(id);
    if (pinch.current?.ids.includes(id)) pinch.current = undefined;
  };
  // A mouse pans; two fingers pinch, zooming (and panning) around their middle; a finger or a
  // pen alone is the page's, which scrolls.
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    const down = pointers.current;
    const finger = event.pointerType === 'touch';
    // A primary finger is the first on the screen: any pointer still held here was lost.
    if (finger && event.isPrimary) endGesture();
    // Only a second finger joins: a mouse or a pen takes the graph alone, and a palm beside
    // the pen does not pinch.
    if (event.button !== 0 || down.size >= (finger && !penOrMouse.current ? 2 : 1)) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    if (down.size === 0) {
      // Read once a gesture: a read per move would lay the page out after each transform.
      const box = event.currentTarget.getBoundingClientRect();
      boxAt.current = { x: box.left, y: box.top };
      penOrMouse.current = !finger;
      claimed.current = event.pointerType === 'mouse';
    }
    down.set(event.pointerId, inBox(event));
    const [a, b] = [...down.entries()];
    if (a && b) claimed.current = true;
    // The page's finger leaves a move of the view under way alone.
    if (!claimed.current) return;
    stopMoving();
    if (!a || !b) return;
    pinch.current = { ids: [a[0], b[0]], from: [a[1], b[1]], view: view.current };
    setHint(undefined);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const down = pointers.current;
    const last = down.get(event.pointerId);
    if (!last) return;
    // No button held: the pointer went up where this graph did not hear it.
    if (event.buttons === 0) return liftPointer(event.pointerId);
    const now = inBox(event);
    down.set(event.pointerId, now);
    const pinching = pinch.current;
    const fingers = pinching && fingersOf(pointers.current, pinching.ids);
    if (pinching && fingers) return show(pinchView(pinching.view, pinching.from, fingers), true);
    if (!claimed.current) return;
    const { x, y, zoom } = view.current;
    show({ x: x + now.x - last.x, y: y + now.y - last.y, zoom });
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => liftPointer(event.pointerId);
  // The page took a finger or a pen alone, to scroll: the graph says how to move it instead.
  const onPointerCancel = (event: PointerEvent<SVGSVGElement>) => {
    if (!claimed.current && pointers.current.has(event.pointerId)) sayHow('touch');
    liftPointer(event.pointerId);
  };
  const zoomBy = (factor: number) =>
    moveTo(zoomAround(heading(), { x: size.width / 2, y: size.height / 2 }, factor));
  const fitAll = () => moveTo(fitView(bounds, size));

  // With the graph itself focused, the keys a map takes: they do not step the player then.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey)
      return;
    const pan = {
      ArrowLeft: [PAN_STEP, 0],
      ArrowRight: [-PAN_STEP, 0],
      ArrowUp: [0, PAN_STEP],
      ArrowDown: [0, -PAN_STEP],
    }[event.key];
    if (pan) {
      const { x, y, zoom } = heading();
      moveTo({ x: x + (pan[0] ?? 0), y: y + (pan[1] ?? 0), zoom });
    } else if (event.key === '+' || event.key === '=') zoomBy(1.25);
    else if (event.key === '-') zoomBy(0.8);
    else if (event.key === '0') fitAll();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const label = spot ? t('embed.graphAt', { place: placeOf(graph, spot, t) }) : t('embed.graph');

  return (
    <div
      className="drawn-graph"
      ref={frame}
      role="group"
      aria-label={label}
      aria-describedby={keysId}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {inlineStyle && <style>{STYLE}</style>}
      {inlineMarks && <style>{marksStyle}</style>}
      <p id={keysId} className="visually-hidden">
        {t('embed.graphKeys')}
      </p>
      <svg
        ref={setSvg}
        aria-hidden="true"
        width={size.width}
        height={size.height}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerCancel}
        onLostPointerCapture={onPointerUp}
      >
        <g ref={viewport}>
          <g dangerouslySetInnerHTML={{ __html: markup }} />
          <path ref={trip} fill="none" stroke="none" />
          <circle
            ref={marker}
            className={!spot ? 'marker is-off' : marks.reply === true ? 'marker reply' : 'marker'}
            r={MARKER_RADIUS}
          />
        </g>
      </svg>
      {hint && (
        // For the wheel's or finger's user; the buttons below are what a keyboard or screen
        // reader uses.
        <p className="drawn-hint" aria-hidden="true">
          {t(hint === 'wheel' ? 'embed.wheelHint' : 'embed.touchHint')}
        </p>
      )}
      <div className="drawn-controls" role="group" aria-label={t('flow.controls')}>
        <button type="button" aria-label={t('flow.zoomIn')} onClick={() => zoomBy(1.25)}>
          +
        </button>
        <button type="button" aria-label={t('flow.zoomOut')} onClick={() => zoomBy(0.8)}>
          −
        </button>
        <button type="button" aria-label={t('flow.fitView')} onClick={fitAll}>
          ⤢
        </button>
      </div>
    </div>
  );
}

/**
 * A view of a graph in a box: where the graph's origin sits on screen and at what zoom, so a
 * point of the graph is at `point * zoom + (x, y)` in the box; how the view follows the played
 * packet. The player's drawn graph (drawn-graph.tsx) moves by these; the page's React Flow graph
 * (play-overlay.tsx) judges by them when to follow the packet, with the same limits and motion.
 */
import { NODE_WIDTH } from '../../graph/sizes.ts';

export interface View {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The zoom limits of both graphs (graph-canvas.tsx gives them to React Flow). */
export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 2;
/**
 * The zoom a new playback starts at, at least: the rules must be readable. The presenter view
 * asks for more, so the back of a room can read them (play-overlay.tsx's ReadableZoomContext).
 */
export const READABLE_ZOOM = 0.8;
/** How much of the box the marker keeps from its edges before the view follows it. */
const MARGIN = 60;
/** Half the packet marker's size: its centre sits on the spot. */
export const MARKER_RADIUS = 8;

/** Whether the reader asked for less motion: views jump where they would glide. */
export const reducedMotion = (): boolean =>
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** How long the marker takes along an edge at a playback `speed`: shorter than a step. */
export const tripDuration = (speed: number): number => Math.min(700, 800 / speed);

/**
 * Calls `frame` on each animation frame with the share of `duration` gone (0 to 1, 1 last),
 * then `done`; returns what stops it early.
 */
export function tween(duration: number, frame: (k: number) => void, done?: () => void): () => void {
  const start = performance.now();
  let handle = 0;
  const tick = () => {
    const k = Math.min(1, (performance.now() - start) / duration);
    frame(k);
    if (k < 1) handle = requestAnimationFrame(tick);
    else done?.();
  };
  handle = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(handle);
}
/** Room around a fitted graph, a share of the box (React Flow's fitView padding). */
const PADDING = 0.1;

const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

/** The view as an SVG transform. */
export const viewTransform = ({ x, y, zoom }: View): string =>
  `translate(${String(x)},${String(y)}) scale(${String(zoom)})`;

/**
 * The view that shows all of `bounds` (graph coordinates) in a box of `size`, centred.
 *
 * @example
 *   fitView({ x: 0, y: 0, width: 1000, height: 500 }, { width: 600, height: 600 });
 *   // { x: 50, y: 175, zoom: 0.5 }
 */
export function fitView(bounds: Point & Size, size: Size): View {
  const zoom = clampZoom(
    Math.min(size.width / bounds.width, size.height / bounds.height) / (1 + 2 * PADDING),
  );
  return centreOn({ x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 }, zoom, size);
}

/** The view that puts graph point `point` in the middle of the box, at `zoom`. */
export function centreOn(point: Point, zoom: number, size: Size): View {
  return { x: size.width / 2 - point.x * zoom, y: size.height / 2 - point.y * zoom, zoom };
}

/**
 * The view that frames the packet's marker at `spot` with the rule line beside it (half a
 * node's width): `view` itself while both are in sight, else one centred on them at its zoom.
 */
export function keepInSight(spot: Point, view: View, size: Size): View {
  const { x, y, zoom } = view;
  const left = spot.x * zoom + x;
  const right = (spot.x + NODE_WIDTH / 2) * zoom + x;
  const top = spot.y * zoom + y;
  const inSight =
    left >= MARGIN && top >= MARGIN && right <= size.width - MARGIN && top <= size.height - MARGIN;
  return inSight ? view : besideRule(spot, zoom, size);
}

/** The view centred on the marker at `spot` and the rule line beside it, at `zoom`. */
export function besideRule(spot: Point, zoom: number, size: Size): View {
  return centreOn({ x: spot.x + NODE_WIDTH / 2, y: spot.y }, zoom, size);
}

/** `view` zoomed by `factor` (within the limits), keeping box point `at` where it is. */
export function zoomAround(view: View, at: Point, factor: number): View {
  const zoom = clampZoom(view.zoom * factor);
  const k = zoom / view.zoom;
  return { x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k, zoom };
}

/** Two fingers' places on screen. */
export type FingerPair = readonly [Point, Point];

const gapOf = ([a, b]: FingerPair): number => Math.hypot(b.x - a.x, b.y - a.y);
const middleOf = ([a, b]: FingerPair): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * The view a two-finger pinch makes of `start`, the view when the fingers came down at `from`,
 * now that they are at `to`: the zoom follows the fingers' spread (within the limits) and the
 * graph's point between them at first stays between them, so a pinch that moves also pans.
 */
export function pinchView(start: View, from: FingerPair, to: FingerPair): View {
  const before = gapOf(from);
  const zoom = clampZoom(before > 0 ? (start.zoom * gapOf(to)) / before : start.zoom);
  const a = middleOf(from);
  const b = middleOf(to);
  const k = zoom / start.zoom;
  return { x: b.x - (a.x - start.x) * k, y: b.y - (a.y - start.y) * k, zoom };
}

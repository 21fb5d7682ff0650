import { useReactFlow, useStore, ViewportPortal } from '@xyflow/react';
import { createContext, useContext, useEffect, useMemo, useRef } from 'react';
import type { Frame } from '../../domain/play/types.ts';
import { chainId, cssString } from '../../graph/ids.ts';
import { edgeBetween, playMarks, stepSpot, type PlaySpot } from '../../graph/play-spot.ts';
import { NODE_WIDTH } from '../../graph/sizes.ts';
import type { Graph } from '../../graph/types.ts';
import { selectPlayback, selectSpeed, selectStep } from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import {
  keepInSight,
  MARKER_RADIUS,
  READABLE_ZOOM,
  reducedMotion,
  tripDuration,
} from './drawn-view.ts';
import { markerPath } from './marker-path.ts';
import { nodeSelector } from './node-selector.ts';
import { useAdoptedCss } from './use-adopted-css.ts';

/** The zoom a new playback starts at, at least: the presenter view asks for more. */
export const ReadableZoomContext = createContext(READABLE_ZOOM);

/** The stylesheet that lights up the step shown: its chain, its rule, the way so far. */
export function highlightCss(
  spot: PlaySpot | undefined,
  frame: Frame | undefined,
  passed: readonly string[],
  taken: readonly string[],
): string {
  const rules: string[] = [];
  if (frame?.hook !== undefined && frame.table !== undefined)
    rules.push(
      `${nodeSelector(chainId(frame.table, frame.hook))}{outline:2px dashed var(--play-color);outline-offset:2px}`,
    );
  if (spot)
    rules.push(
      `${nodeSelector(spot.node)}{outline:3px solid var(--play-color);outline-offset:2px;z-index:1}`,
    );
  if (passed.length > 0)
    rules.push(
      `${passed.map((k) => `.rule-line[data-rule=${cssString(k)}]`).join(',')}{color:var(--muted);text-decoration:line-through}`,
    );
  if (taken.length > 0)
    rules.push(
      `${taken.map((k) => `.rule-line[data-rule=${cssString(k)}]`).join(',')}{background:var(--play-taken)}`,
    );
  // Only a rule step has a current rule: a skip passes its rules over, an event sits by its chain.
  // Last, so it shows as the current one even where the packet took or passed it before (the
  // exported drawing marks it so too: ruleMark).
  if (spot?.rule && frame?.step.kind === 'rule')
    rules.push(
      `.rule-line[data-rule=${cssString(spot.rule)}]{background:var(--play-current);font-weight:600;color:inherit;text-decoration:none}`,
    );
  return rules.join('\n');
}

/**
 * The played packet on the graph: one marker moved by a transform (along the jump or flow
 * edge it follows, when one joins the two spots), and a stylesheet marking the chain and rule
 * of the step shown, the rules passed over and those taken. React Flow's nodes are never
 * rebuilt for a step. The view follows the marker when it would leave it.
 */
export function PlayOverlay({ graph }: { graph: Graph }) {
  const playback = useKpvizStore(selectPlayback);
  const step = useKpvizStore(selectStep);
  const speed = useKpvizStore(selectSpeed);
  const marker = useRef<HTMLDivElement>(null);
  const previous = useRef<PlaySpot | undefined>(undefined);
  // The frames the view was last brought to: a new playback zooms in to its packet once.
  const framed = useRef<readonly Frame[] | undefined>(undefined);
  // Where the view is moving to, until it gets there: a step that comes while it moves (every
  // 250 ms at 4×; a move takes 300) is judged against that view, and keeps its zoom. Taken
  // half-way, zoomed out by d3's flight, the zoom sank with each such step, to a third of
  // the readable zoom in one conversation.
  const heading = useRef<{ x: number; y: number; zoom: number; until: number } | undefined>(
    undefined,
  );
  const readableZoom = useContext(ReadableZoomContext);
  const { setCenter, getViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // A fit of the whole graph (on load, on new rules) is still to come: framing waits for it.
  const fitPending = useStore((s) => s.fitViewQueued);
  const flowElement = useStore((s) => s.domNode);

  const frames = playback.status === 'ready' ? playback.frames : undefined;
  const legs = playback.status === 'ready' ? playback.legs : undefined;
  const frame = frames?.[step];
  const spot = useMemo(
    () =>
      frames ? stepSpot(graph, frames, step, (leg) => legs?.[leg]?.from === 'local') : undefined,
    [graph, frames, legs, step],
  );
  const css = useMemo(() => {
    if (!frames) return '';
    const { passed, taken } = playMarks(frames, step);
    return highlightCss(spot, frame, passed, taken);
  }, [frames, frame, spot, step]);

  useEffect(() => {
    const element = marker.current;
    const before = previous.current;
    previous.current = spot;
    if (!element || !spot) return;
    const at = { x: spot.x, y: spot.y };
    element.style.transform = `translate(${at.x - MARKER_RADIUS}px, ${at.y - MARKER_RADIUS}px)`;
    const edge = before && edgeBetween(graph, before, spot);
    if (edge && !reducedMotion() && typeof element.animate === 'function') {
      const path = document
        .querySelector(
          `.react-flow__edge[data-id=${cssString(edge.id)}] path.react-flow__edge-path`,
        )
        ?.getAttribute('d');
      const along = path && markerPath(path, edge.reverse, before, at);
      if (along) {
        const offsetPath = `path(${cssString(along)})`;
        element.animate(
          [
            { offsetPath, offsetDistance: '0%', offsetRotate: '0deg', transform: 'none' },
            { offsetPath, offsetDistance: '100%', offsetRotate: '0deg', transform: 'none' },
          ],
          { duration: tripDuration(speed), easing: 'ease-in-out' },
        );
      }
    }
    const duration = reducedMotion() ? 0 : 300;
    // Linear: d3's default flies out and back in, and the view mounts every node it flies over.
    const moveTo = (cx: number, cy: number, zoom: number) => {
      const until = performance.now() + duration;
      heading.current = { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom, zoom, until };
      void setCenter(cx, cy, { zoom, duration, interpolate: 'linear' });
    };
    if (framed.current !== frames) {
      if (fitPending) return;
      framed.current = frames;
      moveTo(at.x + NODE_WIDTH / 2, at.y, Math.max(getViewport().zoom, readableZoom));
      return;
    }
    // Keep the packet in sight: move the view only when the marker would leave it.
    const target = heading.current;
    const current = target && performance.now() < target.until ? target : getViewport();
    // The marker and the rule line beside it (half a node's width) must both be in sight.
    if (keepInSight(at, current, { width, height }) !== current)
      moveTo(at.x + NODE_WIDTH / 2, at.y, current.zoom);
  }, [graph, frames, spot, speed, getViewport, setCenter, width, height, fitPending, readableZoom]);

  const inlineCss = useAdoptedCss(css, flowElement);

  if (!frames) return null;
  return (
    <>
      {inlineCss && <style>{css}</style>}
      <ViewportPortal>
        <div
          ref={marker}
          className={spot ? 'play-marker' : 'play-marker is-off'}
          data-role={frame?.role}
          aria-hidden="true"
        />
      </ViewportPortal>
    </>
  );
}

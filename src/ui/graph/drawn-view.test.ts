import { NODE_WIDTH } from '../../graph/sizes.ts';
import {
  besideRule,
  centreOn,
  fitView,
  keepInSight,
  MAX_ZOOM,
  MIN_ZOOM,
  viewTransform,
  zoomAround,
} from './drawn-view.ts';

const BOX = { width: 800, height: 400 };
/** Where graph point `p` lands in the box under `view`. */
const onScreen = (view: { x: number; y: number; zoom: number }, p: { x: number; y: number }) => ({
  x: p.x * view.zoom + view.x,
  y: p.y * view.zoom + view.y,
});

describe('the drawn graph’s view', () => {
  it('fits a drawing inside the box with a margin, centred', () => {
    const bounds = { x: -100, y: 50, width: 2000, height: 500 };
    const view = fitView(bounds, BOX);
    expect(view.zoom).toBeCloseTo(800 / 2000 / 1.2);
    const topLeft = onScreen(view, bounds);
    const bottomRight = onScreen(view, { x: 1900, y: 550 });
    expect(topLeft.x).toBeCloseTo(BOX.width - bottomRight.x);
    expect(topLeft.y).toBeCloseTo(BOX.height - bottomRight.y);
    expect(topLeft.x).toBeGreaterThan(0);
    expect(topLeft.y).toBeGreaterThan(0);
  });

  it('keeps a fit within the zoom limits', () => {
    expect(fitView({ x: 0, y: 0, width: 10, height: 10 }, BOX).zoom).toBe(MAX_ZOOM);
    expect(fitView({ x: 0, y: 0, width: 1e7, height: 10 }, BOX).zoom).toBe(MIN_ZOOM);
  });

  it('centres a point', () => {
    const view = centreOn({ x: 300, y: -20 }, 0.5, BOX);
    expect(onScreen(view, { x: 300, y: -20 })).toEqual({ x: 400, y: 200 });
  });

  it('leaves the view alone while the marker and its rule are in sight, else centres them', () => {
    const view = { x: 0, y: 0, zoom: 1 };
    expect(keepInSight({ x: 100, y: 100 }, view, BOX)).toBe(view);
    // The rule line beside the marker would be cut off on the right.
    const spot = { x: 800 - NODE_WIDTH / 2, y: 100 };
    const moved = keepInSight(spot, view, BOX);
    expect(moved).toEqual(besideRule(spot, 1, BOX));
    expect(onScreen(moved, { x: spot.x + NODE_WIDTH / 2, y: spot.y })).toEqual({ x: 400, y: 200 });
    // Too near the top or bottom edge.
    expect(keepInSight({ x: 100, y: 20 }, view, BOX)).not.toBe(view);
    expect(keepInSight({ x: 100, y: 390 }, view, BOX)).not.toBe(view);
  });

  it('zooms around a point of the box, which stays put', () => {
    const view = { x: 30, y: -40, zoom: 0.5 };
    const at = { x: 200, y: 100 };
    const graphPoint = { x: (at.x - view.x) / view.zoom, y: (at.y - view.y) / view.zoom };
    const zoomed = zoomAround(view, at, 2);
    expect(zoomed.zoom).toBe(1);
    const back = onScreen(zoomed, graphPoint);
    expect(back.x).toBeCloseTo(at.x);
    expect(back.y).toBeCloseTo(at.y);
    expect(zoomAround({ x: 0, y: 0, zoom: 1.9 }, at, 2).zoom).toBe(MAX_ZOOM);
  });

  it('writes itself as an SVG transform', () => {
    expect(viewTransform({ x: 1.5, y: -2, zoom: 0.25 })).toBe('translate(1.5,-2) scale(0.25)');
  });
});

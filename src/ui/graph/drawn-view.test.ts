import { NODE_WIDTH } from '../../graph/sizes.ts';
import {
  besideRule,
  centreOn,
  fitView,
  keepInSight,
  MAX_ZOOM,
  MIN_ZOOM,
  pinchView,
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

  it('pinches: the fingers’ spread zooms, and the graph point between them follows them', () => {
    const view = { x: 30, y: -40, zoom: 0.5 };
    const graphAt = (p: { x: number; y: number }) => ({
      x: (p.x - view.x) / view.zoom,
      y: (p.y - view.y) / view.zoom,
    });
    const from = [
      { x: 150, y: 100 },
      { x: 250, y: 100 },
    ] as const;
    const between = graphAt({ x: 200, y: 100 });

    // Spread to twice the gap, about the same middle: twice the zoom, that point still there.
    const spread = pinchView(view, from, [
      { x: 100, y: 100 },
      { x: 300, y: 100 },
    ]);
    expect(spread.zoom).toBeCloseTo(1);
    expect(onScreen(spread, between).x).toBeCloseTo(200);
    expect(onScreen(spread, between).y).toBeCloseTo(100);

    // The same gap, both fingers 40 px right and 10 up: a pan, the zoom unchanged.
    const moved = pinchView(view, from, [
      { x: 190, y: 90 },
      { x: 290, y: 90 },
    ]);
    expect(moved).toEqual({ x: 70, y: -50, zoom: 0.5 });

    // Closer together and lower down, past the limit: the zoom stops there, the point still follows.
    const pinched = pinchView(view, from, [
      { x: 199, y: 300 },
      { x: 201, y: 300 },
    ]);
    expect(pinched.zoom).toBe(Math.max(MIN_ZOOM, 0.5 / 50));
    expect(onScreen(pinched, between).x).toBeCloseTo(200);
    expect(onScreen(pinched, between).y).toBeCloseTo(300);
    expect(pinchView({ x: 0, y: 0, zoom: 1.5 }, from, [from[0], { x: 650, y: 100 }]).zoom).toBe(
      MAX_ZOOM,
    );
    // Fingers that came down at one spot have no spread to follow: the zoom stays.
    const same = [from[0], from[0]] as const;
    expect(pinchView(view, same, [from[0], { x: 300, y: 100 }]).zoom).toBe(0.5);
  });

  it('writes itself as an SVG transform', () => {
    expect(viewTransform({ x: 1.5, y: -2, zoom: 0.25 })).toBe('translate(1.5,-2) scale(0.25)');
  });
});

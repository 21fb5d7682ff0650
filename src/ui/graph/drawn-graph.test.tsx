import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stepSpot } from '../../graph/play-spot.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { I18nProvider } from '../i18n/use-translation.tsx';
import { DrawnGraph } from './drawn-graph.tsx';
import { readView } from './test-view.ts';

const store = useKpvizStore;

beforeEach(() => {
  store.setState(store.getInitialState(), true);
  // jsdom lays nothing out: the graph's box is 800 × 400.
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function renderGraph() {
  const user = userEvent.setup();
  render(
    <I18nProvider i18n={i18n}>
      <DrawnGraph />
    </I18nProvider>,
  );
  const graph = screen.getByRole('group', { name: /rules as a graph of chains/ });
  const svg = graph.querySelector('svg') as SVGSVGElement;
  const viewport = svg.firstElementChild as SVGGElement;
  return { user, graph, svg, viewport };
}

const box = (svg: Element, id: string) => svg.querySelector(`[data-node=${JSON.stringify(id)}]`);
/** The graph's stylesheets (jsdom adopts none: the graph writes them in <style> elements). */
const sheets = () => [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n');
const ringedCurrent = (id: string) =>
  sheets().includes(
    `.drawn-graph [data-node="${id}"] .ring,.drawn-graph .stage[data-node="${id}"] rect` +
      '{stroke:var(--play-color);stroke-width:3}',
  );
/** The reader asks for no motion: the view is at once where it moves to. */
const noMotion = () =>
  vi.stubGlobal(
    'matchMedia',
    (query: string) => ({ matches: query.includes('reduce'), media: query }) as MediaQueryList,
  );
/** The view the graph shows now. */
const viewOf = (viewport: Element) => readView(viewport.getAttribute('transform'));
type PointerInit = { id: number; type?: 'touch' | 'mouse' | 'pen'; x: number; y: number };
/** A pointer event on the graph, as a browser sends it (jsdom's box is at 0, 0). */
const pointer = (
  svg: Element,
  kind: 'pointerDown' | 'pointerMove' | 'pointerUp' | 'pointerCancel',
  { id, type = 'touch', x, y }: PointerInit,
  extra: { button?: number; buttons?: number; isPrimary?: boolean } = {},
) =>
  act(() => {
    fireEvent[kind](svg, {
      pointerId: id,
      pointerType: type,
      isPrimary: extra.isPrimary ?? id === 1,
      button: extra.button ?? 0,
      buttons: extra.buttons ?? (kind === 'pointerUp' || kind === 'pointerCancel' ? 0 : 1),
      clientX: x,
      clientY: y,
    });
  });

/** The zoom of the view's transform. */
const zoomOf = (viewport: Element) => viewOf(viewport).zoom;

describe('DrawnGraph', () => {
  it('draws every node of the graph, fitted in its box, with no packet before a scenario', () => {
    const { svg, viewport } = renderGraph();
    const ids = [...svg.querySelectorAll('[data-node]')].map((b) => b.getAttribute('data-node'));
    expect(ids).toEqual(store.getState().graph.nodes.map((n) => n.id));
    expect(ids).toContain('nat/KUBE-SERVICES');
    expect(svg.querySelectorAll('path.edge')).toHaveLength(store.getState().graph.edges.length);
    expect(viewport.getAttribute('transform')).toMatch(/^translate\([-\d.e]+,[-\d.e]+\) scale\(/);
    // The seed graph is wide: fitted, it is far below the readable zoom.
    expect(zoomOf(viewport)).toBeLessThan(0.5);
    expect(svg.querySelector('circle.marker')).toHaveClass('is-off');
  });

  it('marks the step played and puts the packet by it, then follows the steps', async () => {
    const { graph, svg } = renderGraph();
    await act(() => store.getState().chooseScenario('nodeport-external'));
    const state = () => store.getState();
    const spotAt = () => {
      const { playback, step, graph } = state();
      if (playback.status !== 'ready') throw new Error('not playing');
      return stepSpot(graph, playback.frames, step, () => false);
    };
    const marker = svg.querySelector('circle.marker');
    const first = spotAt();
    expect(first).toBeDefined();
    expect(marker).not.toHaveClass('is-off');
    expect(marker?.getAttribute('cx')).toBe(String(first?.x));
    expect(ringedCurrent(first?.node ?? '')).toBe(true);
    // The label says where the packet is.
    expect(graph).toHaveAccessibleName(/the packet is at /);

    // On to the first rule step: its rule line is the current one.
    const { playback } = state();
    if (playback.status !== 'ready') throw new Error('not playing');
    const ruleStep = playback.frames.findIndex((f) => f.step.kind === 'rule');
    const drawn = box(svg, 'nat/KUBE-SERVICES');
    act(() => state().stepTo(ruleStep));
    const spot = spotAt();
    const rule = spot?.rule ?? '';
    expect(rule).not.toBe('');
    expect(ringedCurrent(spot?.node ?? '')).toBe(true);
    expect(sheets()).not.toContain(`[data-node="${first?.node ?? ''}"]`);
    expect(sheets()).toContain(`.drawn-graph [data-rule="${rule}"] .lit{fill:var(--play-current)}`);
    expect(svg.querySelector(`[data-rule="${rule}"] .lit`)).not.toBeNull();
    const index = rule.slice(rule.lastIndexOf('#') + 1);
    expect(graph).toHaveAccessibleName(new RegExp(`the packet is at .*, rule ${index}$`));
    expect(marker?.getAttribute('cy')).toBe(String(spot?.y));
    // A step changes the marks, not the drawing: the boxes are the same elements.
    expect(box(svg, 'nat/KUBE-SERVICES')).toBe(drawn);
  });

  it('brings a new scenario’s packet to a readable zoom', async () => {
    noMotion();
    const { viewport } = renderGraph();
    const fitted = zoomOf(viewport);
    await act(() => store.getState().chooseScenario('nodeport-external'));
    expect(zoomOf(viewport)).toBeGreaterThan(fitted);
    expect(zoomOf(viewport)).toBeCloseTo(0.8);
  });

  it('zooms in and out by its buttons, and fits the graph again', async () => {
    noMotion();
    const { user, viewport } = renderGraph();
    const controls = screen.getByRole('group', { name: 'Graph controls' });
    const fitted = viewport.getAttribute('transform');
    const zoom = zoomOf(viewport);
    await user.click(within(controls).getByRole('button', { name: 'Zoom in' }));
    expect(zoomOf(viewport)).toBeCloseTo(zoom * 1.25);
    await user.click(within(controls).getByRole('button', { name: 'Zoom out' }));
    await user.click(within(controls).getByRole('button', { name: 'Zoom out' }));
    expect(zoomOf(viewport)).toBeCloseTo(zoom * 1.25 * 0.8 * 0.8);
    await user.click(within(controls).getByRole('button', { name: 'Fit view' }));
    expect(viewport.getAttribute('transform')).toBe(fitted);
  });

  it('zooms on Ctrl + wheel; a plain wheel leaves the graph to the page and says how to zoom', () => {
    const { svg, viewport } = renderGraph();
    const fitted = viewport.getAttribute('transform');
    const plain = new WheelEvent('wheel', { deltaY: -120, bubbles: true, cancelable: true });
    act(() => {
      svg.dispatchEvent(plain);
    });
    expect(plain.defaultPrevented).toBe(false);
    expect(viewport.getAttribute('transform')).toBe(fitted);
    expect(screen.getByText(/Ctrl \+ wheel .* zooms the graph/)).toBeInTheDocument();

    const zoom = zoomOf(viewport);
    act(() => {
      fireEvent.wheel(svg, { deltaY: -120, ctrlKey: true });
    });
    expect(zoomOf(viewport)).toBeGreaterThan(zoom);
    expect(screen.queryByText(/zooms the graph/)).toBeNull();
  });

  it('pans by the arrow keys and zooms by + − 0 while focused, without stepping the player', async () => {
    noMotion();
    const { user, graph, viewport } = renderGraph();
    await act(() => store.getState().chooseScenario('nodeport-external'));
    const step = store.getState().step;
    const at = () => {
      const { x, y } = viewOf(viewport);
      return { x, y };
    };
    const before = at();
    graph.focus();
    await user.keyboard('{ArrowLeft}{ArrowUp}');
    expect(at()).toEqual({ x: before.x + 60, y: before.y + 60 });
    const zoom = zoomOf(viewport);
    await user.keyboard('+');
    expect(zoomOf(viewport)).toBeCloseTo(zoom * 1.25);
    await user.keyboard('0');
    expect(zoomOf(viewport)).toBeLessThan(0.5);
    expect(store.getState().step).toBe(step);
    expect(graph).toHaveAccessibleDescription(
      'Arrow keys pan the graph, + and − zoom it, 0 fits it.',
    );
  });

  describe('by hand', () => {
    beforeEach(() => {
      // jsdom has no pointer capture.
      Element.prototype.setPointerCapture = vi.fn();
    });
    afterEach(() => {
      delete (Element.prototype as Partial<Element>).setPointerCapture;
    });

    it('leaves one finger or a pen to the page, pinches with two about their middle, and pans on with the one left', () => {
      const { svg, viewport } = renderGraph();
      const start = viewOf(viewport);
      const hint = () => screen.queryByText('Two fingers move and zoom the graph');
      // One finger alone scrolls the docs page (touch-action), not the graph.
      pointer(svg, 'pointerDown', { id: 1, x: 100, y: 100 });
      pointer(svg, 'pointerMove', { id: 1, x: 130, y: 90 });
      expect(viewOf(viewport)).toEqual(start);
      expect(hint()).toBeNull();
      // The page takes it, to scroll: the graph says how to move it.
      pointer(svg, 'pointerCancel', { id: 1, x: 130, y: 90 });
      expect(hint()).toBeInTheDocument();
      // So does a pen.
      pointer(svg, 'pointerDown', { id: 9, type: 'pen', x: 100, y: 100 }, { isPrimary: true });
      pointer(svg, 'pointerMove', { id: 9, type: 'pen', x: 150, y: 120 });
      expect(viewOf(viewport)).toEqual(start);
      pointer(svg, 'pointerCancel', { id: 9, type: 'pen', x: 150, y: 120 });
      // Two fingers come down.
      pointer(svg, 'pointerDown', { id: 1, x: 130, y: 90 });

      // The second finger 100 px right of the first; both spread to twice that.
      pointer(svg, 'pointerDown', { id: 2, x: 230, y: 90 });
      const between = { x: (180 - start.x) / start.zoom, y: (90 - start.y) / start.zoom };
      pointer(svg, 'pointerMove', { id: 1, x: 80, y: 90 });
      pointer(svg, 'pointerMove', { id: 2, x: 280, y: 90 });
      const pinched = viewOf(viewport);
      expect(pinched.zoom).toBeCloseTo(start.zoom * 2);
      expect(between.x * pinched.zoom + pinched.x).toBeCloseTo(180);
      expect(between.y * pinched.zoom + pinched.y).toBeCloseTo(90);
      expect(hint()).toBeNull();

      // The finger left is still the graph's: it pans.
      pointer(svg, 'pointerUp', { id: 2, x: 280, y: 90 });
      pointer(svg, 'pointerMove', { id: 1, x: 90, y: 100 });
      const after = viewOf(viewport);
      expect(after.zoom).toBe(pinched.zoom);
      expect(after.x - pinched.x).toBeCloseTo(10);
      expect(after.y - pinched.y).toBeCloseTo(10);
      // Once it is up, a finger alone is the page's again, even one that is not the first on
      // the screen (the first is on the page beside the graph).
      pointer(svg, 'pointerUp', { id: 1, x: 90, y: 100 });
      pointer(svg, 'pointerDown', { id: 4, x: 100, y: 100 }, { isPrimary: false });
      pointer(svg, 'pointerMove', { id: 4, x: 150, y: 100 });
      expect(viewOf(viewport)).toEqual(after);
    });

    it('pinches only with fingers: a mouse, a third finger, a cancelled or lost one do not', () => {
      noMotion();
      const { svg, viewport } = renderGraph();
      const start = viewOf(viewport);
      // A right button takes nothing; a mouse takes the graph alone: a finger does not join it.
      pointer(svg, 'pointerDown', { id: 1, type: 'mouse', x: 100, y: 100 }, { button: 2 });
      pointer(svg, 'pointerMove', { id: 1, type: 'mouse', x: 150, y: 100 }, { buttons: 2 });
      expect(viewOf(viewport)).toEqual(start);
      pointer(svg, 'pointerDown', { id: 1, type: 'mouse', x: 100, y: 100 });
      pointer(svg, 'pointerDown', { id: 5, x: 200, y: 100 }, { isPrimary: false });
      pointer(svg, 'pointerMove', { id: 5, x: 400, y: 100 });
      expect(viewOf(viewport)).toEqual(start);
      pointer(svg, 'pointerMove', { id: 1, type: 'mouse', x: 110, y: 100 });
      expect(viewOf(viewport)).toEqual({ ...start, x: start.x + 10 });
      pointer(svg, 'pointerUp', { id: 1, type: 'mouse', x: 110, y: 100 });

      // Two fingers, and a third that changes nothing.
      const before = viewOf(viewport);
      pointer(svg, 'pointerDown', { id: 1, x: 100, y: 100 });
      pointer(svg, 'pointerDown', { id: 2, x: 200, y: 100 }, { isPrimary: false });
      pointer(svg, 'pointerDown', { id: 3, x: 300, y: 300 }, { isPrimary: false });
      pointer(svg, 'pointerMove', { id: 3, x: 500, y: 500 });
      expect(viewOf(viewport)).toEqual(before);
      // A cancelled finger ends the pinch; the one left pans.
      pointer(svg, 'pointerCancel', { id: 2, x: 200, y: 100 });
      pointer(svg, 'pointerMove', { id: 1, x: 120, y: 100 });
      expect(viewOf(viewport)).toEqual({ ...before, x: before.x + 20 });

      // That finger's lift is never heard: the next first finger starts afresh, and pinches.
      const lost = viewOf(viewport);
      pointer(svg, 'pointerDown', { id: 7, x: 100, y: 100 }, { isPrimary: true });
      pointer(svg, 'pointerDown', { id: 8, x: 200, y: 100 }, { isPrimary: false });
      pointer(svg, 'pointerMove', { id: 8, x: 300, y: 100 });
      expect(viewOf(viewport).zoom).toBeCloseTo(lost.zoom * 2);

      // A button zooms mid-pinch: the pinch goes on from there, fingers where they are.
      const zoomed = () => viewOf(viewport);
      act(() => {
        fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
      });
      const byButton = zoomed();
      expect(byButton.zoom).toBeCloseTo(lost.zoom * 2 * 1.25);
      pointer(svg, 'pointerMove', { id: 8, x: 300, y: 100 });
      expect(zoomed()).toEqual(byButton);

      // A move with no button held: that finger went up unheard, and lets go.
      pointer(svg, 'pointerMove', { id: 8, x: 350, y: 100 }, { buttons: 0 });
      pointer(svg, 'pointerMove', { id: 8, x: 400, y: 100 });
      expect(zoomed()).toEqual(byButton);
      pointer(svg, 'pointerMove', { id: 7, x: 110, y: 100 });
      expect(zoomed()).toEqual({ ...byButton, x: byButton.x + 10 });
    });
  });
});

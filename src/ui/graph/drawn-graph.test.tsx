import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stepSpot } from '../../graph/play-spot.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { I18nProvider } from '../i18n/use-translation.tsx';
import { DrawnGraph } from './drawn-graph.tsx';

const store = useKpvizStore;

beforeEach(() => {
  store.setState(store.getInitialState(), true);
  // jsdom lays nothing out: the graph's box is 800 × 400.
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
});

afterEach(() => vi.restoreAllMocks());

function renderGraph() {
  const user = userEvent.setup();
  render(
    <I18nProvider i18n={i18n}>
      <DrawnGraph />
    </I18nProvider>,
  );
  const svg = screen.getByRole('img', { name: /rules as a graph of chains/ });
  const viewport = svg.firstElementChild as SVGGElement;
  return { user, svg, viewport };
}

const box = (svg: Element, id: string) => svg.querySelector(`[data-node=${JSON.stringify(id)}]`);
/** The zoom of the view's transform. */
const zoomOf = (viewport: Element) =>
  Number(/scale\(([^)]+)\)/.exec(viewport.getAttribute('transform') ?? '')?.[1]);

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
    const { svg } = renderGraph();
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
    expect(box(svg, first?.node ?? '')).toHaveClass('ring-current');

    // On to the first rule step: its rule line is the current one.
    const { playback } = state();
    if (playback.status !== 'ready') throw new Error('not playing');
    const ruleStep = playback.frames.findIndex((f) => f.step.kind === 'rule');
    act(() => state().stepTo(ruleStep));
    const spot = spotAt();
    expect(spot?.rule).toBeDefined();
    expect(box(svg, spot?.node ?? '')).toHaveClass('ring-current');
    expect(box(svg, first?.node ?? '')).not.toHaveClass('ring-current');
    expect(svg.querySelectorAll('.mark-current')).toHaveLength(1);
    expect(marker?.getAttribute('cy')).toBe(String(spot?.y));
  });

  it('brings a new scenario’s packet to a readable zoom', async () => {
    const { viewport } = renderGraph();
    const fitted = zoomOf(viewport);
    await act(() => store.getState().chooseScenario('nodeport-external'));
    // No motion under jsdom (no animation frames are run): the view is where it moves to.
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(zoomOf(viewport)).toBeGreaterThan(fitted);
    expect(zoomOf(viewport)).toBeCloseTo(0.8);
  });

  it('zooms in and out by its buttons, and fits the graph again', async () => {
    const { user, viewport } = renderGraph();
    const controls = screen.getByRole('group', { name: 'Graph controls' });
    const fitted = viewport.getAttribute('transform');
    const zoom = zoomOf(viewport);
    await user.click(within(controls).getByRole('button', { name: 'Zoom in' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(zoomOf(viewport)).toBeCloseTo(zoom * 1.25);
    await user.click(within(controls).getByRole('button', { name: 'Zoom out' }));
    await user.click(within(controls).getByRole('button', { name: 'Zoom out' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(zoomOf(viewport)).toBeCloseTo(zoom * 1.25 * 0.8 * 0.8);
    await user.click(within(controls).getByRole('button', { name: 'Fit view' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(viewport.getAttribute('transform')).toBe(fitted);
  });
});

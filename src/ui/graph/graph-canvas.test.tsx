import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useKpvizStore } from '../../store/store.ts';
import '../i18n/i18n.ts';
import { GraphCanvas } from './graph-canvas.tsx';
import { rowsWaiting } from './row-batches.ts';
import { SVC, TEST_GRAPH } from './test-graph.ts';

const store = useKpvizStore;
beforeEach(() => store.setState(store.getInitialState(), true));

const NO_HIGHLIGHT = { nodes: new Set<string>(), rules: new Set<string>() };

/** The canvas drawn, every node's rows in (they come a few nodes a frame). */
async function renderCanvas(highlight = NO_HIGHLIGHT) {
  const rendered = render(
    <div style={{ width: 1000, height: 800 }}>
      <GraphCanvas graph={TEST_GRAPH} highlight={highlight} theme="light" />
    </div>,
  );
  await waitFor(() => expect(rowsWaiting()).toBe(0));
  return rendered;
}

const serviceChain = () =>
  screen.getByRole('group', {
    name: `chain ${SVC} default/nginx-service-nodeport:, 3 rules`,
  });

describe('GraphCanvas', () => {
  it('names every node for screen readers', async () => {
    await renderCanvas();
    expect(serviceChain()).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'nat table at PREROUTING, policy ACCEPT, 1 rule' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'chain KUBE-SERVICES, 1 rule' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Network in' })).toBeInTheDocument();
  });

  it('lists a chain’s rules, one per line, each jump with its own handle', async () => {
    const { container } = await renderCanvas();
    const lines = within(serviceChain()).getAllByRole('listitem');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toHaveTextContent('KUBE-SEP-MMWJ6M2J72TU3J64');
    expect(lines[0]).toHaveTextContent('random 33.3%');
    expect(lines[0]).toHaveTextContent('default/nginx-service-nodeport:');
    // Only the first endpoint's chain is drawn, so only its rule line has an edge to leave from.
    const handles = container.querySelectorAll(`.react-flow__handle[data-handleid^="nat/${SVC}#"]`);
    expect([...handles].map((handle) => handle.getAttribute('data-handleid'))).toEqual([
      `nat/${SVC}#1`,
    ]);
  });

  it('shows a node’s rows at once when it is drawn again, as a node panned back into view is', async () => {
    const { unmount } = await renderCanvas();
    unmount();
    render(
      <div style={{ width: 1000, height: 800 }}>
        <GraphCanvas graph={TEST_GRAPH} highlight={NO_HIGHLIGHT} theme="light" />
      </div>,
    );
    expect(rowsWaiting()).toBe(0);
    expect(within(serviceChain()).getAllByRole('listitem')).toHaveLength(3);
  });

  it('marks rules with counters by heat, relative to the busiest rule', async () => {
    await renderCanvas();
    const hook = screen.getByRole('group', { name: /^nat table at PREROUTING/ });
    expect(within(hook).getByRole('img', { name: '1200 packets' })).toHaveClass('heat-4');
    expect(within(serviceChain()).getAllByRole('img', { name: '10 packets' })[0]).toHaveClass(
      'heat-2',
    );
  });

  it('emphasises hook tables with rules, and shows their policy', async () => {
    await renderCanvas();
    const nat = screen.getByRole('group', { name: /^nat table at PREROUTING/ });
    const raw = screen.getByRole('group', { name: /^raw table at PREROUTING/ });
    expect(nat.querySelector('.gnode')).toHaveClass('has-rules');
    expect(raw.querySelector('.gnode')).not.toHaveClass('has-rules');
    expect(within(raw).getByText('policy ACCEPT')).toBeInTheDocument();
  });

  it('selects a chain by click or Enter, and a rule by clicking its line', async () => {
    const user = userEvent.setup();
    await renderCanvas();
    // fireEvent: user-event's pointer events lack the `view` d3-zoom reads on the pane.
    fireEvent.click(within(serviceChain()).getByText('random 50.0%'));
    expect(store.getState().selection).toEqual({ node: `nat/${SVC}`, rule: `nat/${SVC}#2` });
    fireEvent.click(screen.getByText('KUBE-SERVICES', { selector: '.gnode-name' }));
    expect(store.getState().selection).toEqual({ node: 'nat/KUBE-SERVICES' });
    serviceChain().focus();
    await user.keyboard('{Enter}');
    expect(store.getState().selection).toEqual({ node: `nat/${SVC}` });
  });

  it('moves between chains with the arrow keys', async () => {
    const user = userEvent.setup();
    await renderCanvas();
    screen.getByRole('group', { name: /^nat table at PREROUTING/ }).focus();
    await user.keyboard('{ArrowDown}');
    expect(store.getState().selection).toEqual({ node: 'raw/PREROUTING' });
  });

  it('collapses and expands a chain from its header', async () => {
    const user = userEvent.setup();
    await renderCanvas();
    await user.click(screen.getByRole('button', { name: `Collapse ${SVC}` }));
    expect(store.getState().collapsed).toEqual([`nat/${SVC}`]);
    // The test graph draws the endpoint chain collapsed: its header offers to expand it.
    const expand = screen.getByRole('button', { name: 'Expand KUBE-SEP-MMWJ6M2J72TU3J64' });
    expect(expand).toHaveAttribute('aria-expanded', 'false');
  });

  it('highlights what the search found', async () => {
    await renderCanvas({ nodes: new Set(['nat/KUBE-SERVICES']), rules: new Set([`nat/${SVC}#3`]) });
    const services = screen.getByRole('group', { name: 'chain KUBE-SERVICES, 1 rule' });
    expect(services.querySelector('.gnode')).toHaveClass('is-match');
    const lines = within(serviceChain()).getAllByRole('listitem');
    expect(lines.map((line) => line.classList.contains('is-match'))).toEqual([false, false, true]);
  });
});

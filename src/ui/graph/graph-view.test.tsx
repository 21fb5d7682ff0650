import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { KUBE_PROXY_FIXTURES } from '../../domain/examples/kube-proxy-fixtures.ts';
import { syntheticDump } from '../../domain/examples/synthetic-dump.ts';
import { selectGraph } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import '../i18n/i18n.ts';
import { GraphView } from './graph-view.tsx';
import { rowsWaiting } from './row-batches.ts';

const store = useKpvizStore;
const OVERALL = KUBE_PROXY_FIXTURES.find((fixture) => fixture.name === 'overall-current')?.text;

beforeEach(async () => {
  store.setState(store.getInitialState(), true);
  await store.getState().loadDump(OVERALL ?? '');
});

const drawnChains = () =>
  selectGraph(store.getState())
    .nodes.filter((node) => node.kind === 'chain')
    .map((node) => node.id);

describe('GraphView', () => {
  it('focuses one Service: its chains and the way to them, no other Service’s', async () => {
    const user = userEvent.setup();
    render(<GraphView />);
    expect(drawnChains()).toContain('nat/KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(screen.queryByRole('button', { name: 'Show all Services' })).not.toBeInTheDocument();

    store.getState().setFocus('KUBE-SVC-4SW47YFZTEDKD3PK', 'ns4/svc4:p80');
    expect(await screen.findByText('Showing the chains of ns4/svc4:p80 only.')).toBeVisible();
    await waitFor(() => expect(drawnChains()).not.toContain('nat/KUBE-SVC-XPGD46QRK7WJZT7O'));
    expect(drawnChains()).toEqual(
      expect.arrayContaining([
        'nat/KUBE-SERVICES',
        'nat/KUBE-SVC-4SW47YFZTEDKD3PK',
        'nat/KUBE-EXT-4SW47YFZTEDKD3PK',
        'nat/KUBE-SEP-UKSFD7AGPMPPLUHC',
        'nat/KUBE-SEP-C6EBXVWJJZMIWKLZ',
      ]),
    );

    await user.click(screen.getByRole('button', { name: 'Show all Services' }));
    expect(store.getState().focus).toBeNull();
    await waitFor(() => expect(drawnChains()).toContain('nat/KUBE-SVC-XPGD46QRK7WJZT7O'));
  });

  it('searches by address, lists the matching rules, and jumps to one', async () => {
    const user = userEvent.setup();
    render(<GraphView />);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), '10.180.0.5');
    const results = await screen.findByRole('region', { name: 'Search results' });
    expect(within(results).getByRole('status')).toHaveTextContent(/^\d+ match(es)?$/);
    const hit = within(results).getByRole('button', { name: /^KUBE-SEP-C6EBXVWJJZMIWKLZ #2/ });
    expect(hit).toHaveTextContent('--to-destination 10.180.0.5:80');

    fireEvent.click(hit);
    expect(store.getState().selection).toEqual({
      node: 'nat/KUBE-SEP-C6EBXVWJJZMIWKLZ',
      rule: 'nat/KUBE-SEP-C6EBXVWJJZMIWKLZ#2',
    });
    const details = screen.getByRole('region', { name: 'Details' });
    expect(
      await within(details).findByRole('heading', { name: 'Rule 2 of KUBE-SEP-C6EBXVWJJZMIWKLZ' }),
    ).toBeInTheDocument();
  });

  it('Enter in the search box goes to the first match', async () => {
    const user = userEvent.setup();
    render(<GraphView />);
    await user.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'KUBE-FW-NUKIZ6OKUXPJNT4C{Enter}',
    );
    await waitFor(() =>
      expect(store.getState().selection?.node).toBe('nat/KUBE-FW-NUKIZ6OKUXPJNT4C'),
    );
    expect(store.getState().reveal?.node).toBe('nat/KUBE-FW-NUKIZ6OKUXPJNT4C');
  });

  it('says how many chains a big dump leaves out, and only then', async () => {
    const { unmount } = render(<GraphView />);
    expect(screen.queryByText(/chains? not drawn/)).not.toBeInTheDocument();
    unmount();
    await store.getState().loadDump(syntheticDump({ services: 100 }));
    render(<GraphView />);
    // Each of the 100 Services has five chains of its own (KUBE-SVC, KUBE-EXT, three KUBE-SEP).
    expect(selectGraph(store.getState()).hiddenCount).toBe(500);
    expect(screen.getByText(/^500 chains not drawn/)).toBeInTheDocument();
  });

  it('marks rules by their packet counters from an iptables-save -c dump', async () => {
    await store
      .getState()
      .loadDump(
        [
          '*nat',
          ':PREROUTING ACCEPT [0:0]',
          ':KUBE-SERVICES - [0:0]',
          '[1200:72000] -A PREROUTING -j KUBE-SERVICES',
          '[3:180] -A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 53 -j RETURN',
          '[0:0] -A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m tcp --dport 443 -j RETURN',
          'COMMIT',
          '',
        ].join('\n'),
      );
    render(<GraphView />);
    // The rows come a few nodes a frame after their nodes.
    expect(await screen.findByRole('img', { name: '1200 packets' })).toHaveClass('heat-4');
    await waitFor(() => expect(rowsWaiting()).toBe(0));
    expect(screen.getByRole('img', { name: '3 packets' })).toHaveClass('heat-1');
    expect(screen.getByRole('img', { name: '0 packets' })).toHaveClass('heat-0');
  });

  it('marks a rule the simulator does not act out, in the graph and in its details', async () => {
    await store
      .getState()
      .loadDump(
        '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m string --string GET --algo bm -j DROP\nCOMMIT\n',
      );
    render(<GraphView />);
    expect(
      await screen.findByRole('img', { name: 'not simulated: -m string is not simulated' }),
    ).toBeInTheDocument();
    act(() => store.getState().select({ node: 'filter/INPUT', rule: 'filter/INPUT#1' }));
    const details = screen.getByRole('region', { name: 'Details' });
    expect(within(details).getByText('Not simulated').nextElementSibling).toHaveTextContent(
      '-m string is not simulated',
    );
  });
});

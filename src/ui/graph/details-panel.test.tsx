import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { syntheticDump } from '../../domain/examples/synthetic-dump.ts';
import { isDrawn } from '../../graph/ids.ts';
import { selectGraph } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import '../i18n/i18n.ts';
import { DetailsPanel } from './details-panel.tsx';

const store = useKpvizStore;
beforeEach(() => store.setState(store.getInitialState(), true));

const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';
const details = () => screen.getByRole('region', { name: 'Details' });

/** The panel for the store's graph, as the graph view renders it. */
const renderPanel = () => render(<DetailsPanel graph={selectGraph(store.getState())} />);

describe('DetailsPanel', () => {
  it('asks for a selection while there is none', () => {
    renderPanel();
    expect(details()).toHaveTextContent('Select a chain or a rule to see it in full.');
  });

  it('shows a selected chain: its Service, and its declaration and rules as iptables-save writes them, by source line', async () => {
    store.getState().select({ node: `nat/${SVC}` });
    renderPanel();
    expect(within(details()).getByRole('heading', { name: `Chain ${SVC}` })).toBeInTheDocument();
    expect(details()).toHaveTextContent('default/nginx-service-nodeport');
    // The chain's full text comes from the dump's session, a moment later.
    const lines = await within(details()).findAllByRole('listitem');
    expect(lines.map((line) => line.textContent?.replace(/\s+/g, ' '))).toEqual([
      `Line 51 :${SVC} - [0:0]`,
      `Line 53 -A ${SVC} -m comment --comment "default/nginx-service-nodeport:" -m statistic --mode random --probability 0.33332999982 -j KUBE-SEP-MMWJ6M2J72TU3J64`,
      `Line 54 -A ${SVC} -m comment --comment "default/nginx-service-nodeport:" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-GRLEVIWNO4P37GSQ`,
      `Line 55 -A ${SVC} -m comment --comment "default/nginx-service-nodeport:" -j KUBE-SEP-74XRUOWV76LDS3ID`,
    ]);
  });

  it('shows a rule picked from its chain: its text, source line and matches', async () => {
    const user = userEvent.setup();
    store.getState().select({ node: `nat/${SVC}` });
    renderPanel();
    await user.click(await within(details()).findByRole('button', { name: /^Line 54 / }));
    expect(store.getState().selection).toEqual({ node: `nat/${SVC}`, rule: `nat/${SVC}#2` });
    expect(within(details()).getByRole('heading', { name: `Rule 2 of ${SVC}` })).toBeVisible();
    const facts = details().querySelector('dl');
    expect(facts).toHaveTextContent(/Line\s*54/);
    expect(facts).toHaveTextContent(/Target\s*KUBE-SEP-GRLEVIWNO4P37GSQ/);
    expect(facts).toHaveTextContent(/Matches\s*random 50(\.0)?%/);
    expect(
      within(details()).getByRole('button', { name: 'Go to KUBE-SEP-GRLEVIWNO4P37GSQ' }),
    ).toBeVisible();
  });

  it('goes back from a rule to its chain', async () => {
    const user = userEvent.setup();
    store.getState().select({ node: `nat/${SVC}`, rule: `nat/${SVC}#1` });
    renderPanel();
    await user.click(screen.getByRole('button', { name: `Back to ${SVC}` }));
    expect(store.getState().selection).toEqual({ node: `nat/${SVC}` });
  });

  it('shows a chain a big dump left out when a rule jumping to it asks for it', async () => {
    const user = userEvent.setup();
    await store.getState().loadDump(syntheticDump({ services: 100 }));
    const before = selectGraph(store.getState());
    const services = before.nodes.find((node) => node.id === 'nat/KUBE-SERVICES');
    const jump = services?.kind === 'chain' ? services.rules[0] : undefined;
    expect(jump?.targetId).toBeDefined();
    expect(isDrawn(before, jump?.targetId ?? '')).toBe(false);

    store.getState().select({ node: 'nat/KUBE-SERVICES', rule: jump?.key ?? '' });
    renderPanel();
    await user.click(screen.getByRole('button', { name: `Show ${jump?.target}` }));
    expect(store.getState().selection).toEqual({ node: jump?.targetId });
    await waitFor(() =>
      expect(selectGraph(store.getState()).nodes.map((node) => node.id)).toContain(jump?.targetId),
    );
  });
});

import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { KUBE_PROXY_FIXTURES } from '../domain/examples/kube-proxy-fixtures.ts';
import { useKpvizStore } from '../store/store.ts';
import './i18n/i18n.ts';
import { JumpsNotice } from './jumps-notice.tsx';

const store = useKpvizStore;
const OVERALL = KUBE_PROXY_FIXTURES.find((f) => f.name === 'overall-current')?.text ?? '';

beforeEach(() => store.setState(store.getInitialState(), true));

describe('JumpsNotice', () => {
  it('says nothing for a node’s own rules', () => {
    const { container } = render(<JumpsNotice />);
    expect(container).toBeEmptyDOMElement();
  });

  it('says when kube-proxy’s restore input lacks the built-in jumps, adds them, and takes them away', async () => {
    const user = userEvent.setup();
    await store.getState().loadDump(OVERALL, { format: 'save' });
    render(<JumpsNotice />);
    expect(screen.getByRole('note')).toHaveTextContent(
      /No built-in chain jumps to kube-proxy’s chains in filter, nat/,
    );
    await user.click(screen.getByRole('button', { name: 'Add kube-proxy’s jumps' }));
    await waitFor(() => expect(store.getState().overview.addedJumps).toBeGreaterThan(0));
    expect(store.getState().options).toEqual({ format: 'save', addJumps: true });
    expect(store.getState().overview.lackingJumps).toEqual([]);
    expect(store.getState().dump).toBe(OVERALL);
    const prerouting = await store.getState().session.query('chain', 'nat/PREROUTING');
    expect(prerouting?.chain.rules.map((r) => r.target?.name)).toEqual(['KUBE-SERVICES']);
    expect(screen.getByRole('note')).toHaveTextContent(/jumps kube-proxy inserts .* were added/);

    await user.click(screen.getByRole('button', { name: 'Show the rules without them' }));
    await waitFor(() => expect(store.getState().overview.addedJumps).toBe(0));
    expect(store.getState().overview.lackingJumps).toEqual(['filter', 'nat']);
  });
});

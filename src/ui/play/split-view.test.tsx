import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { DumpSession } from '../../session/dump-session.ts';
import { pageSessionOf } from '../../session/session-client.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { SplitView } from './split-view.tsx';

const store = useKpvizStore;

beforeEach(() => {
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)) });
});

/** The seed's pod → ClusterIP scenario played, and the view shown beside it. */
async function playSeed() {
  await act(() => store.getState().chooseScenario('pod-to-clusterip'));
  render(<SplitView />);
  return screen.findByRole('region', { name: 'Random split' });
}

/** The table's body rows, each as its header cell's and data cells' text. */
function rows(region: HTMLElement) {
  const table = within(region).getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => ({
      rule: within(row).getByRole('rowheader').textContent,
      cells: within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    }));
}

describe('SplitView', () => {
  it('shows the seed’s three rules, each endpoint getting 1/3', async () => {
    const region = await playSeed();
    expect(
      within(region).getByRole('table', {
        name: 'How KUBE-SVC-I64SNEMOLCWHJHS3 shares out new connections',
      }),
    ).toBeInTheDocument();
    const table = rows(region);
    expect(table.map((r) => r.rule)).toEqual(['1', '2', '3']);
    // Probability as written, kernel holds, reaches this rule, exact share, endpoint.
    expect(table.map((r) => r.cells[0])).toEqual([
      '0.33332999982',
      '0.50000000000',
      'no random match: always',
    ]);
    expect(table[0]?.cells[1]).toBe('0.33332999982715820724/2³¹');
    expect(table.map((r) => r.cells[2])).toEqual(['1', '2/3 (0.66667)', '1/3 (0.333335)']);
    expect(table.map((r) => r.cells[3])).toEqual([
      '1/3 (0.33333)',
      '1/3 (0.333335)',
      '1/3 (0.333335)',
    ]);
    expect(table.map((r) => r.cells[4])).toEqual([
      '172.17.0.2:80KUBE-SEP-MMWJ6M2J72TU3J64',
      '172.17.0.3:80KUBE-SEP-GRLEVIWNO4P37GSQ',
      '172.17.0.4:80KUBE-SEP-74XRUOWV76LDS3ID',
    ]);
  });

  it('does the arithmetic that corrects the article’s “uneven”, to the kernel’s precision', async () => {
    const region = await playSeed();
    const text = region.textContent ?? '';
    expect(text).toContain(
      'rule 1 takes 1/3 of all; rule 2 takes 1/2 of the remaining 2/3 = 1/3; rule 3 takes the rest, 1/3. So each of the 3 endpoints gets 1/3: the split is even.',
    );
    expect(text).toContain(
      'Read as shares, 0.33332999982, 0.50000000000, and the rest look uneven',
    );
    expect(text).toContain('0.33332999982 is 715820724/2³¹');
    expect(text).toContain('kube-proxy wrote 0.33333: 1/3 to 5 decimals');
    expect(text).toContain(
      'So the shares are 0.33333 / 0.333335 / 0.333335: equal to within 5 × 10⁻⁶, not uneven.',
    );
  });

  it('plays the endpoint picked: endpoint 3 DNATs the request to 172.17.0.4:80', async () => {
    const user = userEvent.setup();
    const region = await playSeed();
    const group = within(region).getByRole('radiogroup', { name: 'Endpoint choice' });
    expect(within(group).getByRole('radio', { name: 'Random' })).toBeChecked();
    const third = within(group).getByRole('radio', { name: 'Pick endpoint 3 (172.17.0.4:80)' });
    await user.click(third);
    await vi.waitFor(() => {
      const { playback } = store.getState();
      expect(playback.status === 'ready' && playback.legs[0]?.outcome.dnat).toBe('172.17.0.4:80');
    });
    expect(store.getState().choice).toEqual({ kind: 'endpoint', dnat: '172.17.0.4:80' });
    expect(await within(region).findByRole('radio', { name: /endpoint 3/ })).toBeChecked();
  });

  it('sends 1,000 packets and shows the observed counts beside the exact shares', async () => {
    const user = userEvent.setup();
    const region = await playSeed();
    await user.click(within(region).getByRole('button', { name: 'Send 1,000 packets' }));
    const status = within(region).getByRole('status');
    await vi.waitFor(() => expect(status).toHaveTextContent(/^1,000 new connections: /));
    const header = within(region)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(header.slice(-2)).toEqual(['Observed', 'Likely range']);
    const observed = rows(region).map((r) => r.cells[5] ?? '');
    const counts = observed.map((text) => Number(/^(\d+) \(/.exec(text)?.[1]));
    expect(counts).toHaveLength(3);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    // Each within two standard deviations of 333 for this seed (about 19 times in 20).
    for (const n of counts) expect(Math.abs(n - 1000 / 3)).toBeLessThan(30);
    expect(rows(region).map((r) => r.cells[6])).toEqual(['304–363', '304–363', '304–363']);
    expect(status).toHaveTextContent(`${counts[0]} to 172.17.0.2:80`);
    expect(region).toHaveTextContent('±30 packets for a share of 1/3');
  });

  it('reads in Chinese, numbers formatted for it', async () => {
    store.setState({ language: 'zh' });
    await i18n.changeLanguage('zh');
    try {
      await act(() => store.getState().chooseScenario('pod-to-clusterip'));
      render(<SplitView />);
      const region = await screen.findByRole('region', { name: '随机分流' });
      expect(within(region).getByRole('radiogroup', { name: '端点选择' })).toBeInTheDocument();
      expect(region).toHaveTextContent('第 2 条规则接走剩下 2/3 中的 1/2，即 1/3');
      expect(
        within(region).getByRole('button', { name: '发送 1,000 个数据包' }),
      ).toBeInTheDocument();
    } finally {
      cleanup();
      await i18n.changeLanguage('en');
    }
  });

  it('sets session affinity apart: its --rcheck rules take no share', async () => {
    await act(() => store.getState().chooseScenario('example:session-affinity'));
    await vi.waitFor(() => expect(store.getState().playback.status).toBe('ready'));
    render(<SplitView />);
    const region = await screen.findByRole('region', { name: 'Random split' });
    // Rule 1 marks for masquerading (KUBE-MARK-MASQ returns): no branch either.
    expect(region).toHaveTextContent('Rules 2, 3, and 4 come before the split');
    expect(rows(region).map((r) => r.rule)).toEqual(['5', '6', '7']);
  });

  it('shows nothing while no request met a split', async () => {
    const { container } = render(<SplitView />);
    expect(container).toBeEmptyDOMElement();
    await act(() => store.getState().chooseScenario('example:no-endpoints'));
    await vi.waitFor(() => expect(store.getState().playback.status).toBe('ready'));
    expect(container).toBeEmptyDOMElement();
  });
});

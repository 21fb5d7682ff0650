import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import type { Outcome, PacketState, Trace } from '../../domain/sim/types.ts';
import { DumpSession } from '../../session/dump-session.ts';
import { pageSessionOf } from '../../session/session-client.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { TraceView } from './trace-view.tsx';

const store = useKpvizStore;
/** A session of its own for every test: loading a dump closes the one it replaces. */
beforeEach(() => {
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)) });
});

const region = () => screen.getByRole('region', { name: 'Trace' });
const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';

/** The seed's NodePort packet traced through the store, as the form does it. */
async function traceNodePort(mode: 'single' | 'all' = 'single') {
  store.getState().prefillPacket({
    src: '203.0.113.10',
    dst: '192.168.0.11:32110',
    from: 'external',
    mode,
  });
  await act(() => store.getState().runTrace());
}

const state = (over: Partial<PacketState> = {}): PacketState => ({
  src: '10.0.0.5',
  dst: '10.96.0.10',
  sport: 40000,
  dport: 80,
  protocol: 'tcp',
  mark: 0,
  inInterface: 'eth0',
  ...over,
});

/** A dropped packet, one of its rules uncertain: what a dump with `-m mac` and no MAC gives. */
const UNCERTAIN: Trace = {
  packet: { src: '10.0.0.5', dst: '10.96.0.10', protocol: 'tcp', sport: 40000, dport: 80 },
  from: 'eth0',
  outcomes: [
    {
      probability: 1,
      verdict: 'DROP',
      delivery: null,
      reason: 'filter/INPUT#1',
      dnat: null,
      snat: null,
      masqueraded: false,
      final: state(),
      rules: ['filter/INPUT#1'],
      uncertain: ['-m mac: the packet’s source MAC is not known'],
      steps: [
        {
          kind: 'event',
          event: 'enter',
          text: 'the packet arrives on eth0: PREROUTING',
          detail: { from: 'eth0' },
          packet: state(),
        },
        { kind: 'skip', hook: 'INPUT', table: 'filter', chain: 'INPUT', first: 1, last: 2 },
        {
          kind: 'rule',
          hook: 'INPUT',
          table: 'filter',
          chain: 'INPUT',
          index: 3,
          line: 9,
          matched: true,
          verdict: 'DROP',
          uncertain: '-m mac: the packet’s source MAC is not known',
          packet: state(),
        },
        {
          kind: 'event',
          event: 'drop',
          text: 'dropped (filter/INPUT#1)',
          detail: { reason: 'filter/INPUT#1' },
          packet: state(),
        },
      ],
    } satisfies Outcome,
  ],
};

describe('TraceView', () => {
  it('shows every step of the walk in order, each rule a link to the graph', async () => {
    const user = userEvent.setup();
    render(<TraceView />);
    await traceNodePort();
    const steps = within(region()).getByRole('heading', { name: 'Steps' })
      .nextElementSibling as HTMLElement;
    const lines = within(steps)
      .getAllByRole('listitem')
      .map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(lines.slice(0, 5)).toEqual([
      'the packet arrives on eth0: PREROUTING',
      'PREROUTING conntrack: the first packet of a new connection (NEW)',
      'PREROUTING nat/PREROUTING#1 (line 3) matched → continue · LOG · logs the packet to the kernel log and goes on',
      'PREROUTING nat/PREROUTING#2 (line 4) matched → jump KUBE-SERVICES',
      'PREROUTING nat/KUBE-SERVICES rule 1 passed over (no match)',
    ]);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^PREROUTING nat/${SVC}#1 \\(line 53\\) matched → jump KUBE-SEP-\\w+ · random: 33\\.3%$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^PREROUTING nat\/KUBE-SEP-\w+#2 \(line \d+\) matched → ACCEPT · DNAT 192\.168\.0\.11:32110 → 172\.17\.0\.[234]:80$/,
      ),
    );
    expect(lines).toContainEqual(
      'PREROUTING nat/KUBE-MARK-MASQ#1 (line 20) matched → continue · mark 0x0 → 0x4000',
    );

    // A rule jumping to a chain takes that chain along, so a long chain draws the rule.
    await user.click(within(steps).getByRole('button', { name: `nat/${SVC}#1` }));
    expect(store.getState().selection).toEqual({ node: `nat/${SVC}`, rule: `nat/${SVC}#1` });
    expect(store.getState().reveal?.node).toBe(`nat/${SVC}`);
  });

  it('gives each branch its share when every branch is followed, and none for one path', async () => {
    render(<TraceView />);
    await traceNodePort('all');
    const headings = within(region())
      .getAllByRole('article')
      .map((a) => within(a).getByRole('heading', { level: 3 }).textContent);
    expect(headings).toEqual([
      'Outcome 1 of 3: 33.3%',
      'Outcome 2 of 3: 33.3%',
      'Outcome 3 of 3: 33.3%',
    ]);
    await traceNodePort('single');
    expect(within(region()).getByRole('article', { name: 'Outcome' })).not.toHaveTextContent(
      /Outcome \d of/,
    );
  });

  it('shows why a packet was not traced, with the line of the dump at fault', () => {
    store.setState({
      packetTrace: {
        mode: { mode: 'single', seed: 1 },
        result: {
          ok: false,
          message: 'the kernel would not load these rules: unknown target FOO',
          line: 7,
        },
      },
    });
    render(<TraceView />);
    expect(region()).toHaveTextContent(
      'Not traced: the kernel would not load these rules: unknown target FOO (line 7)',
    );
    expect(within(region()).queryByRole('article')).toBeNull();
  });

  it('marks what the simulator could not be sure of, where it happened and for the outcome', () => {
    store.setState({
      packetTrace: {
        mode: { mode: 'single', seed: 1 },
        result: { ok: true, trace: UNCERTAIN, leftOut: [] },
      },
    });
    render(<TraceView />);
    const outcome = within(region()).getByRole('article');
    const warnings = within(outcome).getAllByText('uncertain');
    expect(warnings).toHaveLength(2);
    for (const badge of warnings) {
      expect(badge).toHaveClass('badge-uncertain');
      expect(badge.parentElement).toHaveTextContent(
        'uncertain: -m mac: the packet’s source MAC is not known',
      );
    }
    expect(outcome).toHaveTextContent('VerdictDROP filter/INPUT#1');
    // The rule that refused it, as the verdict's reason and among the counters.
    expect(within(outcome).getAllByRole('button', { name: 'filter/INPUT#1' })).toHaveLength(2);
    expect(outcome).toHaveTextContent('DNATnone');
    expect(outcome).toHaveTextContent('filter/INPUT rules 1–2 passed over (no match)');
    expect(outcome).not.toHaveTextContent('Delivery');
  });

  it('forgets the trace of a dump replaced by another', async () => {
    render(<TraceView />);
    await traceNodePort();
    expect(within(region()).getByRole('article')).toBeVisible();
    await act(() => store.getState().loadDump(SEED_LISTING));
    expect(within(region()).queryByRole('article')).toBeNull();
  });

  it('marks the simulator’s English words as English on a Chinese page', async () => {
    await i18n.changeLanguage('zh');
    try {
      store.setState({
        packetTrace: {
          mode: { mode: 'single', seed: 1 },
          result: { ok: true, trace: UNCERTAIN, leftOut: [] },
        },
      });
      render(<TraceView />);
      const zh = screen.getByRole('region', { name: '追踪结果' });
      expect(zh).toHaveTextContent('数据包从 eth0 到达：PREROUTING');
      expect(within(zh).getByText('dropped (filter/INPUT#1)')).toHaveAttribute('lang', 'en');
    } finally {
      cleanup();
      await i18n.changeLanguage('en');
    }
  });
});

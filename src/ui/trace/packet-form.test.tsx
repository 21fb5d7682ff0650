import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { DumpSession } from '../../session/dump-session.ts';
import { pageSessionOf } from '../../session/session-client.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { PacketForm } from './packet-form.tsx';
import { TraceView } from './trace-view.tsx';

const store = useKpvizStore;
/** A session of its own for every test: loading a dump closes the one it replaces. */
beforeEach(() => {
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)) });
});

const form = () => screen.getByRole('form', { name: 'Custom packet' });
const traceRegion = () => screen.getByRole('region', { name: 'Trace' });
const field = (name: string) => within(form()).getByLabelText(name);

/** The form and the trace it gives, as the app shows them. */
function renderTracer() {
  const user = userEvent.setup();
  render(
    <>
      <PacketForm />
      <TraceView />
    </>,
  );
  return user;
}

/** Type the seed's NodePort packet from outside, as a reader of the article would. */
async function typeNodePortPacket(user: ReturnType<typeof userEvent.setup>) {
  await user.type(field('Source'), '203.0.113.10');
  await user.type(field('Destination'), '192.168.0.11:32110');
  await user.selectOptions(field('Enters'), 'from outside');
}

describe('PacketForm', () => {
  it('offers the fields, with the seed’s node and one random choice to start with', () => {
    renderTracer();
    expect(field('Source')).toHaveValue('');
    expect(field('Destination')).toHaveAccessibleDescription('IP:port');
    expect(field('Protocol')).toHaveValue('tcp');
    expect(
      within(field('Protocol'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['tcp', 'udp', 'sctp']);
    expect(field('Enters')).toHaveValue('external');
    expect(field('Node IPs')).toHaveValue('192.168.0.11');
    expect(field('Extra interfaces')).toHaveValue('');
    expect(field('Mode')).toHaveValue('single');
    expect(within(traceRegion()).getByText(/Fill in a packet and press Trace/)).toBeVisible();
  });

  it("traces the seed's NodePort from outside: DNAT to a pod, then MASQUERADE", async () => {
    const user = renderTracer();
    await typeNodePortPacket(user);
    await user.click(within(form()).getByRole('button', { name: 'Trace' }));

    const outcome = await within(traceRegion()).findByRole('article', { name: 'Outcome' });
    expect(traceRegion()).toHaveTextContent(
      'tcp 203.0.113.10:40000 → 192.168.0.11:32110 arriving on eth0 (PREROUTING)',
    );
    expect(traceRegion()).toHaveTextContent('One random choice (seed 1)');
    const facts = Object.fromEntries(
      [...outcome.querySelectorAll('dt')].map((dt) => [
        dt.textContent,
        dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim(),
      ]),
    );
    expect(facts.Verdict).toMatch(/^ACCEPT/);
    expect(facts.Delivery).toBe('forwarded out of eth0');
    expect(facts.DNAT).toMatch(/^192\.168\.0\.11:32110 → 172\.17\.0\.[234]:80$/);
    expect(facts.MASQUERADE).toBe('203.0.113.10:40000 → 192.168.0.11:40000');
    expect(facts['Final header']).toMatch(
      /^tcp 192\.168\.0\.11:40000 → 172\.17\.0\.[234]:80 mark 0x4000 · in eth0 · out eth0 · NEW$/,
    );
    // The rules whose counters move, in walk order, each a way into the graph.
    const counters = within(outcome).getByRole('heading', { name: 'Rules whose counters move' })
      .nextElementSibling as HTMLElement;
    expect(
      within(counters)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(
      expect.arrayContaining([
        'nat/KUBE-NODEPORTS#2',
        'nat/KUBE-SVC-I64SNEMOLCWHJHS3#1',
        'nat/KUBE-POSTROUTING#1',
      ]),
    );
  });

  it('says what is wrong at the field, keeps every field’s text, and traces nothing', async () => {
    const user = renderTracer();
    await user.type(field('Source'), '10.0.0.256');
    await user.type(field('Destination'), '192.168.0.11:32110');
    await user.clear(field('Node IPs'));
    await user.type(field('Node IPs'), '192.168.0.11/24');
    await user.type(field('Extra interfaces'), 'cni0=10.244.0.1/24');
    await user.click(within(form()).getByRole('button', { name: 'Trace' }));

    const source = field('Source');
    expect(source).toHaveAttribute('aria-invalid', 'true');
    expect(source).toHaveAccessibleDescription(
      'IP or IP:port Source: "10.0.0.256" is not an IPv4 address',
    );
    expect(source).toHaveFocus();
    expect(source).toHaveValue('10.0.0.256');
    expect(field('Destination')).toHaveValue('192.168.0.11:32110');
    expect(field('Destination')).toHaveAttribute('aria-invalid', 'false');
    expect(field('Node IPs')).toHaveValue('192.168.0.11/24');
    expect(field('Extra interfaces')).toHaveValue('cni0=10.244.0.1/24');
    expect(within(traceRegion()).getByText(/Fill in a packet and press Trace/)).toBeVisible();

    // Fixing the field takes its problem away.
    await user.clear(source);
    await user.type(source, '10.0.0.25');
    expect(source).toHaveAttribute('aria-invalid', 'false');
    expect(source).toHaveAccessibleDescription('IP or IP:port');
  });

  it('shows an interface’s problem with its line', async () => {
    const user = renderTracer();
    await typeNodePortPacket(user);
    await user.type(field('Extra interfaces'), 'cni0=10.244.0.1/24{Enter}wlan0');
    await user.click(within(form()).getByRole('button', { name: 'Trace' }));
    expect(field('Extra interfaces')).toHaveAccessibleDescription(
      /Extra interfaces, line 2: "wlan0" is not NAME=CIDR\[,CIDR\]/,
    );
  });

  it('offers the interfaces it is given as where the packet enters', async () => {
    const user = renderTracer();
    await user.type(field('Extra interfaces'), 'cni0=10.244.0.1/24');
    await user.selectOptions(field('Enters'), 'on cni0');
    expect(store.getState().packetForm.from).toBe('cni0');
  });

  it('follows every branch: three outcomes of 33.3%, one for each pod', async () => {
    const user = renderTracer();
    await typeNodePortPacket(user);
    await user.selectOptions(field('Mode'), 'every branch');
    await user.click(within(form()).getByRole('button', { name: 'Trace' }));

    const outcomes = await within(traceRegion()).findAllByRole('article');
    expect(outcomes.map((o) => within(o).getByRole('heading', { level: 3 }).textContent)).toEqual([
      'Outcome 1 of 3: 33.3%',
      'Outcome 2 of 3: 33.3%',
      'Outcome 3 of 3: 33.3%',
    ]);
    expect(traceRegion()).toHaveTextContent('Every branch: 3 outcomes');
    const pods = outcomes.map((o) => /→ (172\.17\.0\.\d):80/.exec(o.textContent ?? '')?.[1]);
    expect(pods.sort()).toEqual(['172.17.0.2', '172.17.0.3', '172.17.0.4']);
  });

  it('draws another path with the next seed', async () => {
    const user = renderTracer();
    await typeNodePortPacket(user);
    await user.click(within(form()).getByRole('button', { name: 'Draw another path' }));
    expect(await within(traceRegion()).findByText('One random choice (seed 2)')).toBeVisible();
    expect(store.getState().packetForm.seed).toBe(2);
  });

  it('speaks Chinese', async () => {
    await i18n.changeLanguage('zh');
    try {
      render(<PacketForm />);
      const zh = screen.getByRole('form', { name: '自定义数据包' });
      expect(within(zh).getByLabelText('源地址')).toBeVisible();
      expect(within(zh).getByRole('button', { name: '追踪' })).toBeVisible();
    } finally {
      cleanup();
      await i18n.changeLanguage('en');
    }
  });
});

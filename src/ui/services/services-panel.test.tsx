import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { syntheticDump } from '../../domain/examples/synthetic-dump.ts';
import { DumpSession } from '../../session/dump-session.ts';
import type { ServicePage } from '../../session/protocol.ts';
import type { Session } from '../../session/session-client.ts';
import { pageSessionOf } from '../../session/session-client.ts';
import { useKpvizStore } from '../../store/store.ts';
import '../i18n/i18n.ts';
import { ServicesPanel } from './services-panel.tsx';

/** How long a list of 50 Services may take jsdom to render. */
const JSDOM_RENDER_MS = 5000;

const store = useKpvizStore;
/** A session of its own for every test: loading a dump closes the one it replaces. */
beforeEach(() => {
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)) });
});

const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';
const NGINX = 'default/nginx-service-nodeport:';
const panel = () => screen.getByRole('region', { name: 'Services' });
const list = () => within(panel()).findByRole('list', { name: 'Services found' });
/** The visible text of a list item, spaces collapsed. */
const text = (element: HTMLElement) => element.textContent?.replace(/\s+/g, ' ').trim();

describe('ServicesPanel', () => {
  it("lists the seed's one Service: addresses, endpoints with their shares, and where its name came from", async () => {
    render(<ServicesPanel />);
    expect(panel()).toHaveTextContent('1 Service port found in the rules');
    const items = (await list()).querySelectorAll<HTMLElement>(':scope > li');
    expect(items).toHaveLength(1);
    const item = items[0] as HTMLElement;
    const name = within(item).getByRole('button', { name: NGINX });
    expect(name).toHaveAttribute('aria-pressed', 'false');
    const facts = [...item.querySelectorAll('dt')].map((dt) => [
      text(dt),
      text(dt.nextElementSibling as HTMLElement),
    ]);
    expect(facts.slice(0, 2)).toEqual([
      ['ClusterIP', '10.254.198.92:80/tcp'],
      ['NodePort', '32110/tcp'],
    ]);
    expect(facts[2]?.[0]).toBe('Endpoints');
    expect(within(item).getAllByRole('listitem').map(text)).toEqual([
      '172.17.0.2:80 33.3%',
      '172.17.0.3:80 33.3%',
      '172.17.0.4:80 33.3%',
    ]);
    expect(item).toHaveTextContent('named in kube-proxy’s comments');
    expect(item).not.toHaveTextContent('REJECT');
    expect(within(panel()).queryByText(/more — refine the search/)).toBeNull();
  });

  it('finds a Service by an endpoint’s address, and says when none has it', async () => {
    const user = userEvent.setup();
    render(<ServicesPanel />);
    const field = within(panel()).getByRole('searchbox', { name: 'Find a Service' });
    await user.type(field, '172.17.0.3');
    expect(within(await list()).getByRole('button', { name: NGINX })).toBeVisible();
    await user.clear(field);
    await user.type(field, '172.17.0.9');
    expect(await within(panel()).findByText('No Service matches.')).toBeVisible();
    expect(within(panel()).queryByRole('list', { name: 'Services found' })).toBeNull();
  });

  it('lists 50 Services of a big dump, narrows them by search, and says how many more match', async () => {
    const user = userEvent.setup();
    const session = pageSessionOf(DumpSession.open(syntheticDump({ services: 60 })));
    store.setState({ session, overview: session.overview });
    render(<ServicesPanel />);
    expect(panel()).toHaveTextContent('60 Service ports found in the rules');
    // By class: role queries over 50 Services take longer than waitFor waits in jsdom.
    const names = async () => [...(await list()).querySelectorAll('.service-name')];
    // The first cards come at once and the rest a frame later (useCardsInTurn): waitFor, in act.
    // Rendering 50 cards takes jsdom over a second on a slow machine: the wait is not what is tested.
    await waitFor(async () => expect(await names()).toHaveLength(50), { timeout: JSDOM_RENDER_MS });
    expect(within(panel()).getByText('10 more — refine the search')).toBeVisible();

    // The first Service's second endpoint: the synthetic dump numbers pods from 172.0.0.2 on.
    const all = await session.query('services', '', 60);
    const endpoint = all.services[0]?.endpoints[1]?.address ?? '';
    const owners = all.services.filter((s) => s.endpoints.some((e) => e.address === endpoint));
    expect(owners).toHaveLength(1);
    await user.type(within(panel()).getByRole('searchbox'), endpoint);
    // The answer comes after typing settles, outside the typing's act: waited for in act.
    await waitFor(
      async () => expect((await names()).map((b) => b.textContent)).toEqual([owners[0]?.label]),
      { timeout: JSDOM_RENDER_MS },
    );
    expect(within(panel()).queryByText(/more — refine the search/)).toBeNull();
  });

  it('focuses the graph on a chosen Service and fills in the packet form from its scenarios', async () => {
    const user = userEvent.setup();
    render(<ServicesPanel />);
    await user.click(within(await list()).getByRole('button', { name: NGINX }));
    expect(store.getState()).toMatchObject({ focus: SVC, focusLabel: NGINX });
    expect(within(panel()).getByRole('button', { name: NGINX })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    const scenarios = within(panel()).getByRole('group', { name: 'Trace a packet:' });
    await user.click(within(scenarios).getByRole('button', { name: 'From outside' }));
    expect(store.getState().packetForm).toMatchObject({
      src: '203.0.113.10',
      dst: '192.168.0.11:32110',
      protocol: 'tcp',
      from: 'external',
    });
    await user.click(within(scenarios).getByRole('button', { name: 'From a pod' }));
    expect(store.getState().packetForm).toMatchObject({
      src: '172.17.0.5',
      dst: '10.254.198.92:80',
      from: 'external',
    });
    act(() => store.getState().setPacketField('nodeIPs', '10.0.0.7/24'));
    await user.click(within(scenarios).getByRole('button', { name: 'From the node' }));
    expect(store.getState().packetForm).toMatchObject({
      src: '10.0.0.7',
      dst: '10.254.198.92:80',
      from: 'local',
    });

    // The graph's "Show all Services" clears the focus; the scenarios go with it.
    act(() => store.getState().setFocus(null));
    expect(within(panel()).queryByRole('group', { name: 'Trace a packet:' })).toBeNull();
  });

  it('shows only the answer to the latest search, whichever comes first', async () => {
    const user = userEvent.setup();
    const real = store.getState().session;
    const held = new Map<string, (page: ServicePage) => void>();
    const session: Session = {
      ...real,
      query: ((name: 'services', query: string) => {
        if (name !== 'services' || query === '') return real.query('services', query, 50);
        return new Promise<ServicePage>((resolve) => held.set(query, resolve));
      }) as Session['query'],
    };
    store.setState({ session });
    render(<ServicesPanel />);
    await list();
    const field = within(panel()).getByRole('searchbox');
    await user.type(field, 'nginx');
    await vi.waitFor(() => expect(held.has('nginx')).toBe(true));
    await user.type(field, 'x');
    await vi.waitFor(() => expect(held.has('nginxx')).toBe(true));
    act(() => held.get('nginxx')?.({ total: 0, services: [] }));
    expect(await within(panel()).findByText('No Service matches.')).toBeVisible();
    // The older question's answer comes last: it must not replace the newer one.
    const page = await real.query('services', 'nginx', 50);
    await act(() => {
      held.get('nginx')?.(page);
      return Promise.resolve();
    });
    expect(within(panel()).getByText('No Service matches.')).toBeVisible();
    expect(within(panel()).queryByRole('list', { name: 'Services found' })).toBeNull();
  });

  it('lists a new dump’s Services, not the old one’s', async () => {
    render(<ServicesPanel />);
    await list();
    await act(() => store.getState().loadDump(syntheticDump({ services: 2 })));
    await vi.waitFor(async () =>
      expect(within(await list()).queryByRole('button', { name: NGINX })).toBeNull(),
    );
    expect(panel()).toHaveTextContent('2 Service ports found in the rules');
  });
});

import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '../i18n/use-translation.tsx';
import { SEED_SAVE } from '../../domain/examples/seed.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { ExportMenu } from './export-menu.tsx';
import { catchDownloads, type Download } from '../test-downloads.ts';

const store = useKpvizStore;

/** What the page offered to download. */
let downloads: Download[];

beforeEach(() => {
  store.setState(store.getInitialState(), true);
  downloads = catchDownloads();
});

afterEach(() => vi.restoreAllMocks());

function renderMenu() {
  const user = userEvent.setup();
  render(
    <I18nProvider i18n={i18n}>
      <ExportMenu />
    </I18nProvider>,
  );
  return { user, group: screen.getByRole('group', { name: 'Export' }) };
}

/** The one file downloaded, once the status says so. */
async function downloaded(name: string): Promise<string> {
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(`Downloaded ${name}.`));
  expect(downloads.map((d) => d.name)).toEqual([name]);
  return (await downloads[0]?.text) ?? '';
}

describe('ExportMenu', () => {
  it('offers four exports, the trace’s only once a scenario plays, saying why', async () => {
    const { group } = renderMenu();
    const names = within(group)
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(names).toEqual([
      'Graph as SVG',
      'Graph as PNG',
      'Trace as Markdown',
      'Rules as iptables-save',
    ]);
    const markdown = within(group).getByRole('button', { name: 'Trace as Markdown' });
    expect(markdown).toBeDisabled();
    expect(markdown).toHaveAccessibleDescription(/needs a scenario played/);

    await act(() => store.getState().chooseScenario('nodeport-external'));
    expect(markdown).toBeEnabled();
    expect(markdown).not.toHaveAccessibleDescription();
  });

  it('downloads the rules on screen as iptables-save text', async () => {
    const { user, group } = renderMenu();
    await user.click(within(group).getByRole('button', { name: 'Rules as iptables-save' }));
    // The seed is the article's listing: written out, it is the seed's iptables-save.
    expect(await downloaded('kpviz-rules.save.txt')).toBe(SEED_SAVE);
  });

  it('downloads the graph as an SVG document naming its chains', async () => {
    const { user, group } = renderMenu();
    await user.click(within(group).getByRole('button', { name: 'Graph as SVG' }));
    const svg = await downloaded('kpviz-graph.svg');
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.querySelector('title')?.textContent).toBe('kpviz: packet flow through netfilter');
    expect(doc.documentElement.textContent).toContain('KUBE-SVC-I64SNEMOLCWHJHS3');
    expect(doc.documentElement.textContent).toContain('default/nginx-service-nodeport');
  });

  it('marks the step played in the SVG as the graph shows it: its rule, its chain, the way so far, the packet', async () => {
    const { user, group } = renderMenu();
    await act(() => store.getState().chooseScenario('nodeport-external'));
    const { playback } = store.getState();
    if (playback.status !== 'ready') throw new Error('not played');
    // The DNAT to a pod: a rule step in a KUBE-SEP chain.
    const at = playback.frames.findIndex(
      (f) => f.step.kind === 'rule' && f.step.matched && f.step.chain.startsWith('KUBE-SEP-'),
    );
    const frame = playback.frames[at];
    if (frame?.step.kind !== 'rule') throw new Error('no DNAT step');
    const { chain, index } = frame.step;
    await act(() => store.getState().chooseScenario('nodeport-external', at));
    await user.click(within(group).getByRole('button', { name: 'Graph as SVG' }));
    const doc = new DOMParser().parseFromString(
      await downloaded('kpviz-graph.svg'),
      'image/svg+xml',
    );
    const current = [...doc.querySelectorAll('.mark-current')];
    expect(current).toHaveLength(1);
    expect(current[0]?.querySelector('title')?.textContent).toMatch(
      new RegExp(`^-A ${chain} .*-j DNAT`),
    );
    const ringed = doc.querySelector('.ring-current');
    expect(ringed?.textContent).toContain(chain);
    expect(ringed?.querySelectorAll('g[class^="mark-"]')[0]?.getAttribute('class')).toBe(
      index === 1 ? 'mark-current' : 'mark-passed',
    );
    // The jumps that led here: PREROUTING → KUBE-SERVICES → KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC → here.
    expect(doc.querySelectorAll('.mark-taken').length).toBeGreaterThanOrEqual(4);
    expect(doc.querySelectorAll('circle.marker')).toHaveLength(1);
  });

  it('downloads the played steps as a Markdown table, a row per step', async () => {
    const { user, group } = renderMenu();
    await act(() => store.getState().chooseScenario('nodeport-external'));
    await user.click(within(group).getByRole('button', { name: 'Trace as Markdown' }));
    const markdown = await downloaded('kpviz-trace.md');
    const { playback } = store.getState();
    const steps = playback.status === 'ready' ? playback.frames.length : NaN;
    expect(markdown).toMatch(/^# kpviz: External client → NodePort\n/);
    expect(markdown.match(/^\| \d+ \|/gm)).toHaveLength(steps);
  });
});

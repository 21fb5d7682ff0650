import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '../i18n/use-translation.tsx';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { syntheticDump } from '../../domain/examples/synthetic-dump.ts';
import { decodeRules, encodeRules } from '../../domain/share/rules-codec.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { readHash } from '../location-hash.ts';
import { ShareMenu } from './share-menu.tsx';

const SAVE = '*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-ONLY-HERE - [0:0]\nCOMMIT\n';

beforeEach(() => {
  useKpvizStore.setState(useKpvizStore.getInitialState(), true);
  window.history.replaceState(null, '', '/');
});

afterEach(() => vi.restoreAllMocks());

function renderMenu() {
  const user = userEvent.setup();
  render(
    <I18nProvider i18n={i18n}>
      <ShareMenu />
    </I18nProvider>,
  );
  return user;
}

/** Opens the menu and presses one of its buttons; the panel it is in. */
async function press(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByText('Share'));
  const panel = screen.getByRole('region', { name: 'Share what is on screen' });
  await user.click(within(panel).getByRole('button', { name }));
  return panel;
}

const copiedText = () =>
  screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Link or snippet, to copy by hand' });

describe('the share menu', () => {
  it('copies a link to the seed, and shows it', async () => {
    const user = renderMenu();
    const panel = await press(user, 'Copy link');
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent('Copied.'));
    expect(await navigator.clipboard.readText()).toBe('http://localhost:3000/#lang=en');
    expect(copiedText()).toHaveValue('http://localhost:3000/#lang=en');
    expect(copiedText()).toHaveAttribute('readonly');
  });

  it('copies a link carrying a pasted dump and the step played', async () => {
    useKpvizStore.setState({
      dump: SAVE,
      options: { format: 'save' },
      scenario: 'nodeport-external',
      step: 4,
    });
    const user = renderMenu();
    await press(user, 'Copy link');
    await waitFor(async () => expect(await navigator.clipboard.readText()).toMatch(/#rules=r1\./));
    const params = new URLSearchParams(new URL(await navigator.clipboard.readText()).hash.slice(1));
    expect([...params.keys()]).toEqual(['rules', 'scenario', 'step', 'lang']);
    expect(params.get('step')).toBe('5');
    expect(await decodeRules(params.get('rules') ?? '')).toEqual({
      ok: true,
      rules: { text: SAVE, options: { format: 'save' } },
    });
  });

  it('copies an iframe and a web component named for the scenario, in the theme shown', async () => {
    useKpvizStore.setState({ scenario: 'hairpin', step: 2, theme: 'dark' });
    const user = renderMenu();
    await press(user, 'Copy iframe snippet');
    await waitFor(() => expect(copiedText().value).toMatch(/^<iframe/));
    expect(copiedText()).toHaveValue(
      '<iframe src="http://localhost:3000/embed.html#scenario=hairpin&amp;step=3&amp;lang=en&amp;theme=dark" title="kpviz — Hairpin: a pod reaches its own Service" width="100%" height="480" style="border:0" loading="lazy"></iframe>',
    );

    await user.click(screen.getByRole('checkbox', { name: 'Snippets start playing on their own' }));
    await user.click(screen.getByRole('button', { name: 'Copy web-component snippet' }));
    await waitFor(() => expect(copiedText().value).toMatch(/^<script/));
    expect(await navigator.clipboard.readText()).toBe(
      '<script type="module" src="http://localhost:3000/kpviz-player.js"></script>\n' +
        '<kpviz-player scenario="hairpin" step="3" lang="en" theme="dark" autoplay="1"></kpviz-player>',
    );
  });

  it('shows the text to copy by hand where the clipboard is refused', async () => {
    const user = renderMenu();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    const panel = await press(user, 'Copy link');
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent(
        'Not copied (denied): select the text below and copy it.',
      ),
    );
    expect(copiedText()).toHaveValue('http://localhost:3000/#lang=en');
  });

  it('says rules too large for a link are, and how large', async () => {
    const dump = syntheticDump({ services: 400 });
    const encoded = await encodeRules({ text: dump, options: {} });
    if (encoded.ok) throw new Error('expected too large');
    useKpvizStore.setState({ dump, options: {} });
    const user = renderMenu();
    const panel = await press(user, 'Copy link');
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent(
        `These rules are too large to share as a link (${Math.ceil(encoded.chars / 1024)} KB); export them as iptables-save instead.`,
      ),
    );
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});

describe('a #rules= link', () => {
  it('opens its dump, says so, and leaves the fragment once other rules replace it', async () => {
    const encoded = await encodeRules({ text: SAVE, options: { format: 'save' } });
    if (!encoded.ok) throw new Error('too large');
    window.history.replaceState(null, '', `/#rules=${encoded.text}&scenario=hairpin`);
    renderMenu();
    expect(await screen.findByText('Opened the rules from the link.')).toBeInTheDocument();
    expect(useKpvizStore.getState().dump).toBe(SAVE);
    expect(useKpvizStore.getState().options).toEqual({ format: 'save' });

    useKpvizStore.getState().loadExample();
    await waitFor(() => expect(readHash().has('rules')).toBe(false));
    expect(readHash().get('scenario')).toBe('hairpin');
    expect(screen.queryByText('Opened the rules from the link.')).not.toBeInTheDocument();
  });

  it('that is damaged says why, keeps the seed and the link', async () => {
    window.history.replaceState(null, '', '/#rules=r1.AAAA');
    const user = renderMenu();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The link’s rules were not opened, so the rules on screen stay: this rules link is damaged',
    );
    expect(useKpvizStore.getState().dump).toBe(SEED_LISTING);
    expect(readHash().get('rules')).toBe('r1.AAAA');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('gives way to an #env= link', async () => {
    const encoded = await encodeRules({ text: SAVE, options: {} });
    if (!encoded.ok) throw new Error('too large');
    window.history.replaceState(null, '', `/#env=e1.AAAA&rules=${encoded.text}`);
    const load = vi.spyOn(useKpvizStore.getState(), 'loadDump');
    renderMenu();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(load).not.toHaveBeenCalled();
    expect(useKpvizStore.getState().dump).toBe(SEED_LISTING);
  });
});

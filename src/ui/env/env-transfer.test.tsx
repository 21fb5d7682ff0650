import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '../i18n/use-translation.tsx';
import { decodeEnvironment, encodeEnvironment } from '../../domain/env/share-codec.ts';
import { SEED_ENVIRONMENT } from '../../domain/env/seed-environment.ts';
import { seedWithPods } from '../../domain/env/test-environments.ts';
import { environmentToYaml } from '../../domain/env/yaml-export.ts';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { useKpvizStore } from '../../store/store.ts';
import { App } from '../app.tsx';
import { i18n } from '../i18n/i18n.ts';
import { readHash } from '../location-hash.ts';
import { EnvEditor } from './env-editor.tsx';
import { catchDownloads, type Download } from '../test-downloads.ts';

/** What the page offered to download. */
let downloads: Download[];

beforeEach(() => {
  useKpvizStore.setState(useKpvizStore.getInitialState(), true);
  window.history.replaceState(null, '', '/');
  downloads = catchDownloads();
});

afterEach(() => vi.restoreAllMocks());

function renderEditor() {
  const user = userEvent.setup();
  render(
    <I18nProvider i18n={i18n}>
      <EnvEditor />
    </I18nProvider>,
  );
  return user;
}

const pods = () => screen.getByRole('heading', { name: /^Pods \(\d+\)$/ }).textContent;

describe('exporting the environment', () => {
  it('downloads the YAML, the rules and the lab script, and copies the YAML', async () => {
    const user = renderEditor();
    await user.click(screen.getByText(/^Environment/));
    const exports = screen.getByRole('region', { name: 'Export' });
    for (const name of ['Download YAML', 'Download rules (iptables-save)', 'Download lab script'])
      await user.click(within(exports).getByRole('button', { name }));
    expect(downloads.map((d) => d.name)).toEqual([
      'kpviz-environment.yaml',
      'kpviz-rules.txt',
      'kpviz-lab.sh',
    ]);
    const [yaml, rules, lab] = await Promise.all(downloads.map((d) => d.text));
    expect(yaml).toBe(environmentToYaml(SEED_ENVIRONMENT));
    expect(rules).toMatch(/^\*filter\n/);
    expect(rules).toContain(
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/nginx-service-nodeport:" -m tcp --dport 32110',
    );
    expect(lab).toMatch(/^#!\/usr\/bin\/env bash\n/);

    await user.click(within(exports).getByRole('button', { name: 'Copy YAML' }));
    expect(await navigator.clipboard.readText()).toBe(environmentToYaml(SEED_ENVIRONMENT));
    expect(within(exports).getByRole('status')).toHaveTextContent('YAML copied.');
  });
});

describe('importing YAML', () => {
  it('replaces the form with what it reads, and lists the problems of what it cannot', async () => {
    const user = renderEditor();
    await user.click(screen.getByText(/^Environment/));
    const form = screen.getByRole('form', { name: 'Import YAML' });
    const field = within(form).getByRole('textbox', {
      name: /Services and EndpointSlices as YAML/,
    });
    await user.click(field);
    await user.paste(environmentToYaml(seedWithPods(5)));
    await user.click(within(form).getByRole('button', { name: 'Import' }));
    // The YAML reader loads on first use: the import is done when it says so.
    expect(await within(form).findByRole('status')).toHaveTextContent('Imported.');
    expect(pods()).toBe('Pods (5)');
    await waitFor(() =>
      expect(useKpvizStore.getState().dump).toBe(useKpvizStore.getState().envRules),
    );

    await user.clear(field);
    await user.paste('kind: Service\nspec: [');
    await user.click(within(form).getByRole('button', { name: 'Import' }));
    const problems = await within(form).findByRole('region', { name: 'Problems in the YAML' });
    expect(within(problems).getAllByRole('listitem')[0]).toHaveTextContent(/^\d+:\d+: error /);
    expect(pods()).toBe('Pods (5)');
    expect(within(form).queryByRole('status')).toBeNull();
  });
});

describe('the environment in the link', () => {
  it('opens a valid #env= link, keeps the other keys, and writes each change back', async () => {
    const link = await encodeEnvironment(seedWithPods(2));
    if (!link.ok) throw new Error(link.message);
    window.history.replaceState(null, '', `/#scenario=nodeport&env=${link.text}`);
    const user = renderEditor();
    expect(await screen.findByText('Opened the environment from the link.')).toBeVisible();
    expect(pods()).toBe('Pods (2)');
    await waitFor(() =>
      expect(useKpvizStore.getState().dump).toBe(useKpvizStore.getState().envRules),
    );

    await user.click(screen.getByRole('button', { name: 'Add a pod' }));
    await waitFor(async () => {
      const shared = await decodeEnvironment(readHash().get('env') ?? '');
      expect(shared.ok && shared.environment.services[0]?.pods).toHaveLength(3);
    });
    expect(readHash().get('scenario')).toBe('nodeport');
  });

  it('keeps the seed and says why for a damaged link, and for one with problems', async () => {
    window.history.replaceState(null, '', '/#env=e1.AAAA');
    const { unmount } = render(
      <I18nProvider i18n={i18n}>
        <EnvEditor />
      </I18nProvider>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /The link’s environment was not opened; the seed stays\. this environment link is damaged/,
    );
    expect(pods()).toBe('Pods (3)');
    expect(useKpvizStore.getState().dump).toBe(SEED_LISTING);
    unmount();

    const clash = seedWithPods(2);
    const link = await encodeEnvironment({
      ...clash,
      services: [{ ...clash.services[0]!, clusterIP: '172.17.0.2' }],
    });
    if (!link.ok) throw new Error(link.message);
    useKpvizStore.setState(useKpvizStore.getInitialState(), true);
    window.history.replaceState(null, '', `/#env=${link.text}`);
    renderEditor();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The link’s environment has problems, so the seed stays:');
    expect(alert).toHaveTextContent('services[0].pods[0].ip: 172.17.0.2 is already the ClusterIP');
    expect(pods()).toBe('Pods (3)');
  });
});

describe('with the rest of the app', () => {
  it('replaces a pasted dump on screen but keeps its text under Rule dump', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByText('Rule dump'));
    const field = screen.getByRole('textbox', { name: /Paste iptables-save/ });
    const pasted = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n';
    await user.clear(field);
    await user.click(field);
    await user.paste(pasted);
    await user.click(screen.getByRole('button', { name: 'Show rules' }));
    await waitFor(() => expect(useKpvizStore.getState().dump).toBe(pasted));

    await user.click(screen.getByText(/^Environment/));
    expect(screen.getByText(/Changing anything here replaces the rules on screen/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Add a pod' }));
    await waitFor(() =>
      expect(useKpvizStore.getState().dump).toBe(useKpvizStore.getState().envRules),
    );
    expect(field).toHaveValue(pasted);
    await user.click(screen.getByRole('button', { name: 'Show rules' }));
    await waitFor(() => expect(useKpvizStore.getState().dump).toBe(pasted));
  });
});

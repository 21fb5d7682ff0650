import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '../i18n/use-translation.tsx';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { selectEnvOnScreen } from '../../store/env-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { EnvEditor } from './env-editor.tsx';

beforeEach(() => {
  useKpvizStore.setState(useKpvizStore.getInitialState(), true);
  window.history.replaceState(null, '', '/');
});

/** The editor, opened as a person would open it. */
async function openEditor() {
  const user = userEvent.setup();
  render(
    <I18nProvider i18n={i18n}>
      <EnvEditor />
    </I18nProvider>,
  );
  await user.click(screen.getByText(/^Environment/));
  return user;
}

const group = (name: string | RegExp, within_: HTMLElement = document.body) =>
  within(within_).getByRole('group', { name });
const service = () => group(/^Service 1/);
const pod = (n: number) => group(`Pod ${n}`, service());

/** Until the editor's rules are the dump on screen. */
const shown = () =>
  waitFor(() => {
    expect(selectEnvOnScreen(useKpvizStore.getState())).toBe(true);
    expect(useKpvizStore.getState().loading.phase).toBe('idle');
  });

describe('EnvEditor', () => {
  it('shows the seed environment, and says a change replaces the rules on screen', async () => {
    await openEditor();
    expect(within(group('Node')).getByRole('textbox', { name: 'Node IPs' })).toHaveValue(
      '192.168.0.11',
    );
    expect(within(group('Node')).getByRole('combobox', { name: 'kube-proxy version' })).toHaveValue(
      'legacy',
    );
    expect(within(service()).getByRole('textbox', { name: 'Service name' })).toHaveValue(
      'nginx-service-nodeport',
    );
    expect(within(service()).getByRole('combobox', { name: 'Type' })).toHaveValue('NodePort');
    expect(within(service()).getByRole('textbox', { name: 'ClusterIP' })).toHaveValue(
      '10.254.198.92',
    );
    expect(within(group('Port 1')).getByRole('textbox', { name: 'Node port' })).toHaveValue(
      '32110',
    );
    expect(within(service()).getByRole('heading', { name: 'Pods (3)' })).toBeInTheDocument();
    expect(within(pod(3)).getByRole('textbox', { name: 'IP' })).toHaveValue('172.17.0.4');
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent(
      'Changing anything here replaces the rules on screen',
    );
    expect(useKpvizStore.getState().dump).toBe(SEED_LISTING);
  });

  it('adds a pod: new rules on screen, and the diff shows the probabilities rewritten', async () => {
    const user = await openEditor();
    await user.click(within(service()).getByRole('button', { name: 'Add a pod' }));
    expect(within(service()).getByRole('heading', { name: 'Pods (4)' })).toBeInTheDocument();
    expect(within(pod(4)).getByRole('textbox', { name: 'IP' })).toHaveValue('172.17.0.5');
    await shown();
    expect(
      screen.getByText('The rules on screen are generated from this environment.'),
    ).toBeVisible();
    const changed = screen.getByRole('region', { name: 'Changed (3)' });
    const after = within(changed)
      .getAllByLabelText('after')
      .map((element) => /--probability (\S+)/.exec(element.textContent)?.[1] ?? 'last');
    expect(after).toEqual(['0.25000000000', '0.33332999982', '0.50000000000']);
    expect(screen.getByRole('region', { name: 'Appeared (3)' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /^Vanished/ })).not.toBeInTheDocument();
  });

  it('marks a bad IP at its field, keeps every other input, and the rules go stale', async () => {
    const user = await openEditor();
    const name = within(service()).getByRole('textbox', { name: 'Service name' });
    await user.clear(name);
    await user.type(name, 'web');
    await shown();
    const rules = useKpvizStore.getState().dump;

    const ip = within(pod(2)).getByRole('textbox', { name: 'IP' });
    await user.clear(ip);
    // At once: typed key by key, it would pass through valid addresses (172.17.0.30) first.
    await user.paste('172.17.0.300');
    expect(ip).toHaveValue('172.17.0.300');
    expect(ip).toHaveAttribute('aria-invalid', 'true');
    expect(ip).toHaveAccessibleDescription(/"172\.17\.0\.300" is not an IPv4 address/);
    expect(name).toHaveValue('web');
    expect(name).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Stale: the rules on screen are those of the last valid environment. Fix the problem marked below',
    );
    expect(useKpvizStore.getState().dump).toBe(rules);
    expect(screen.getByRole('button', { name: 'Download YAML' })).toBeDisabled();

    await user.clear(ip);
    await user.type(ip, '172.17.0.30');
    expect(ip).toHaveAttribute('aria-invalid', 'false');
    await waitFor(() => expect(useKpvizStore.getState().dump).toContain('172.17.0.30:80'));
  });

  it('words text that is no number, and a node port out of range, at the field', async () => {
    const user = await openEditor();
    const port = within(group('Port 1')).getByRole('textbox', { name: 'Port' });
    await user.clear(port);
    await user.type(port, '8o');
    expect(port).toHaveAccessibleDescription('“8o” is not a whole number');
    const nodePort = within(group('Port 1')).getByRole('textbox', { name: 'Node port' });
    await user.clear(nodePort);
    await user.type(nodePort, '80');
    expect(nodePort).toHaveAccessibleDescription(/outside 30000–32767/);
    expect(screen.getByRole('status')).toHaveTextContent('Fix the 2 problems marked below');
  });

  it('shows the fields a LoadBalancer and ClientIP affinity need when chosen', async () => {
    const user = await openEditor();
    expect(within(service()).queryByRole('textbox', { name: /Load-balancer/ })).toBeNull();
    expect(within(service()).queryByRole('textbox', { name: /timeout/ })).toBeNull();
    await user.selectOptions(
      within(service()).getByRole('combobox', { name: 'Type' }),
      'LoadBalancer',
    );
    await user.type(
      within(service()).getByRole('textbox', { name: 'Load-balancer ingress IPs' }),
      '192.0.2.10',
    );
    await user.type(
      within(service()).getByRole('textbox', { name: 'Load-balancer source ranges' }),
      '198.18.0.0/24',
    );
    await user.selectOptions(
      within(service()).getByRole('combobox', { name: 'Session affinity' }),
      'ClientIP',
    );
    await user.type(within(service()).getByRole('textbox', { name: /timeout/ }), '600');
    await shown();
    const state = useKpvizStore.getState();
    expect(state.envProblems).toEqual([]);
    expect(state.envValid.services[0]).toMatchObject({
      type: 'LoadBalancer',
      loadBalancerIPs: ['192.0.2.10'],
      loadBalancerSourceRanges: ['198.18.0.0/24'],
      sessionAffinity: 'ClientIP',
      sessionAffinityTimeoutSeconds: 600,
    });
    await waitFor(() => expect(state.dump).toContain('--rcheck --seconds 600'));
  });

  it('adds and removes Services, pods and ports', async () => {
    const user = await openEditor();
    await user.click(screen.getByRole('button', { name: 'Add a Service' }));
    const second = group(/^Service 2/);
    expect(within(second).getByRole('textbox', { name: 'Service name' })).toHaveValue('service-2');
    await user.click(within(second).getByRole('button', { name: 'Add a port' }));
    expect(
      within(group('Port 1', second)).getByRole('textbox', { name: 'Name' }),
    ).toHaveAccessibleDescription('a Service with several ports must name each of them');
    await user.click(within(second).getByRole('button', { name: 'Remove port 2' }));
    await user.click(within(service()).getByRole('button', { name: 'Remove pod 1' }));
    expect(within(service()).getByRole('heading', { name: 'Pods (2)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove Service 1' }));
    expect(screen.queryByRole('group', { name: /^Service 2/ })).toBeNull();
    expect(within(service()).getByRole('textbox', { name: 'Service name' })).toHaveValue(
      'service-2',
    );
    await shown();
    expect(useKpvizStore.getState().dump).not.toContain('nginx-service-nodeport');
  });
});

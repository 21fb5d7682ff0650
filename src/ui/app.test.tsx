import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useKpvizStore } from '../store/store.ts';
import { App } from './app.tsx';

beforeEach(() => useKpvizStore.setState(useKpvizStore.getInitialState(), true));

/** Opens the tab that lists the dump's tables and chains as tables of rules. */
async function openRules(user = userEvent.setup()) {
  await user.click(screen.getByRole('tab', { name: 'Rules' }));
  return user;
}

/** The rows of a chain's rule table, header left out. */
async function ruleRows(chain: HTMLElement) {
  // A chain's rules come from the dump's session once the chain is shown.
  const table = await within(chain).findByRole('table');
  return within(table)
    .getAllByRole('row')
    .filter((row) => within(row).queryAllByRole('cell').length > 0);
}

describe('App', () => {
  it('opens on the seed example: the nat table and its chains', async () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'kpviz' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
    await openRules();
    expect(screen.getByRole('heading', { level: 2, name: 'nat table' })).toBeInTheDocument();

    const nat = screen.getByRole('region', { name: 'nat table' });
    expect(within(nat).getByRole('heading', { level: 3, name: 'KUBE-SERVICES' })).toBeVisible();

    const service = within(nat).getByRole('region', { name: 'KUBE-SVC-I64SNEMOLCWHJHS3' });
    expect(
      await within(service).findByRole('table', { name: 'Rules of KUBE-SVC-I64SNEMOLCWHJHS3' }),
    ).toBeInTheDocument();
    // The listing's rules, shown in iptables-save's canonical form with their source lines.
    const rows = await ruleRows(service);
    expect(rows.map((row) => row.textContent)).toEqual([
      '1KUBE-SEP-MMWJ6M2J72TU3J64-m comment --comment "default/nginx-service-nodeport:" -m statistic --mode random --probability 0.33332999982 -j KUBE-SEP-MMWJ6M2J72TU3J6453',
      '2KUBE-SEP-GRLEVIWNO4P37GSQ-m comment --comment "default/nginx-service-nodeport:" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-GRLEVIWNO4P37GSQ54',
      '3KUBE-SEP-74XRUOWV76LDS3ID-m comment --comment "default/nginx-service-nodeport:" -j KUBE-SEP-74XRUOWV76LDS3ID55',
    ]);
  });

  it('shows a policy for built-in chains and a reference count for user chains', async () => {
    render(<App />);
    await openRules();
    const prerouting = screen.getByRole('region', { name: 'PREROUTING' });
    expect(within(prerouting).getByText(/^policy (ACCEPT|DROP)$/)).toBeInTheDocument();
    const services = screen.getByRole('region', { name: 'KUBE-SERVICES' });
    expect(within(services).getByText(/^\d+ references?$/)).toBeInTheDocument();
  });

  it('shows a pasted dump and the problems in it, by line and column', async () => {
    render(<App />);
    const user = await openRules();
    await user.click(screen.getByText('Rule dump'));
    const field = screen.getByRole('textbox', { name: /Paste iptables-save/ });
    await user.clear(field);
    // Type via paste: user-event reads `[` and `{` in typed text as key names.
    await user.click(field);
    await user.paste('*filter\n:INPUT ACCEPT [0:0]\n-A\nCOMMIT\n');
    await user.click(screen.getByRole('button', { name: 'Show rules' }));

    expect(
      await screen.findByRole('heading', { level: 2, name: 'filter table' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'nat table' })).not.toBeInTheDocument();
    // The problems follow the tables in a deferred render: until then the seed's are shown, busy.
    const problems = screen.getByRole('region', { name: 'Problems (1)' });
    await waitFor(() => expect(problems).not.toHaveAttribute('aria-busy'));
    const problem = within(problems).getAllByRole('listitem')[0];
    expect(problem).toHaveTextContent(/^3:\d+:/);
    // Choosing the problem shows its line among its neighbours, the text kept as pasted.
    await user.click(within(problems).getByRole('button', { name: /^3:\d+:/ }));
    const context = within(problems).getByLabelText('Line 3 in context');
    expect(context.textContent).toMatch(
      /^1 │ \*filter\n2 │ :INPUT ACCEPT \[0:0\]\n3 │ -A\n +│ +\^\n4 │ COMMIT\n5 │ \n$/,
    );
    expect(field).toHaveValue('*filter\n:INPUT ACCEPT [0:0]\n-A\nCOMMIT\n');

    await user.click(screen.getByRole('button', { name: 'Load the example' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'nat table' })).toBeInTheDocument();
  });

  it('marks a rule the simulator does not act out, saying why', async () => {
    const user = userEvent.setup();
    render(<App />);
    await useKpvizStore
      .getState()
      .loadDump(
        '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m string --string GET --algo bm -j DROP\nCOMMIT\n',
      );
    await openRules(user);
    const input = await screen.findByRole('region', { name: 'INPUT' });
    const [row] = await ruleRows(input);
    expect(row).toHaveTextContent('not simulated -m string is not simulated');
  });

  it('switches the whole UI to Chinese', async () => {
    render(<App />);
    const user = await openRules();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), '中文');
    expect(screen.getByRole('heading', { level: 2, name: 'nat 表' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '图' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '语言' })).toHaveValue('zh');
    expect(document.documentElement).toHaveAttribute('lang', 'zh-Hans');
  });
});

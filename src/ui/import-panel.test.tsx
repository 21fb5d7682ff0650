import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SEED_LISTING } from '../domain/examples/seed.ts';
import { useKpvizStore } from '../store/store.ts';
import './i18n/i18n.ts';
import { FIELD_MAX_CHARS, ImportPanel, MAX_DUMP_BYTES } from './import-panel.tsx';

const store = useKpvizStore;
beforeEach(() => store.setState(store.getInitialState(), true));

const SMALL = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n';

/** A valid iptables-save dump longer than the field takes. */
function bigDump(): string {
  const rule = '-A INPUT -s 10.0.0.1/32 -p tcp -m tcp --dport 22 -j ACCEPT\n';
  const rules = rule.repeat(Math.ceil(FIELD_MAX_CHARS / rule.length) + 10);
  return `*filter\n:INPUT ACCEPT [0:0]\n${rules}COMMIT\n`;
}

/** The paste field, found by its label whether it is shown or not. */
const field = () => screen.getByLabelText(/Paste iptables-save/);

async function open(user = userEvent.setup()) {
  render(<ImportPanel />);
  await user.click(screen.getByText('Rule dump'));
  return user;
}

describe('ImportPanel', () => {
  it('says nothing leaves the browser, and starts with the dump on screen in the field', async () => {
    await open();
    expect(screen.getByText(/nothing you paste or open is uploaded/)).toBeVisible();
    expect(field()).toHaveValue(SEED_LISTING);
  });

  it('shows progress while parsing, and Cancel keeps the dump on screen and the text', async () => {
    const user = await open();
    await user.clear(field());
    await user.click(field());
    await user.paste(SMALL);
    // In a test the parse waits for the next task, so the progress shows first.
    fireEvent.submit(field().closest('form') as HTMLFormElement);
    const status = screen.getByRole('status');
    expect(within(status).getByRole('progressbar')).toBeInTheDocument();
    fireEvent.click(within(status).getByRole('button', { name: 'Cancel' }));
    // Past the moment the parse would have ended.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(store.getState().dump).toBe(SEED_LISTING);
    expect(field()).toHaveValue(SMALL);
  });

  it('keeps text pasted and not yet sent when another load ends meanwhile', async () => {
    const user = await open();
    await user.clear(field());
    await user.click(field());
    await user.paste(SMALL);
    // The example opening as the page starts, finished after the paste.
    act(() => store.getState().loadExample());
    expect(store.getState().revision).toBeGreaterThan(0);
    expect(field()).toHaveValue(SMALL);
    // Sent, the field shows the dump on screen again as later loads end.
    await user.click(screen.getByText('Rule dump'));
    await user.click(screen.getByRole('button', { name: 'Show rules' }));
    await waitFor(() => expect(store.getState().dump).toBe(SMALL));
    act(() => store.getState().loadExample());
    expect(field()).toHaveValue(SEED_LISTING);
  });

  it('keeps a paste too big for the field aside, whole, and loads it from there', async () => {
    const user = await open();
    const big = bigDump();
    const clipboardData = { getData: (type: string) => (type === 'text/plain' ? big : '') };
    fireEvent.paste(field(), { clipboardData });
    const aside = screen.getByText(/kept as given: too big to show in the field/);
    expect(aside).toHaveTextContent(`${(big.length / 1048576).toFixed(1)} MB`);
    expect(field()).not.toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Show rules' }));
    await waitFor(() => expect(store.getState().dump).toBe(big));
    expect(store.getState().overview.tables).toEqual([
      { name: 'filter', chains: 1, rules: big.split('\n').length - 4 },
    ]);
    // Cleared, the field comes back for other text.
    await user.click(screen.getByText('Rule dump'));
    await user.click(screen.getByRole('button', { name: 'Clear it and paste other text' }));
    expect(field()).toBeVisible();
    expect(field()).toHaveValue('');
  });

  it('opens a file: its text is loaded and kept', async () => {
    const user = await open();
    const file = new File([SMALL], 'host.rules', { type: 'text/plain' });
    await user.upload(screen.getByLabelText('Open a file'), file);
    await waitFor(() => expect(store.getState().dump).toBe(SMALL));
    expect(field()).toHaveValue(SMALL);
  });

  it('refuses a file past the size limit, saying why, and keeps what was there', async () => {
    const user = await open();
    const file = new File(['x'], 'huge.txt', { type: 'text/plain' });
    Object.defineProperty(file, 'size', { value: MAX_DUMP_BYTES + 1 });
    await user.upload(screen.getByLabelText('Open a file'), file);
    expect(screen.getByRole('alert')).toHaveTextContent(/kpviz reads dumps up to 96\.0 MB/);
    expect(store.getState().dump).toBe(SEED_LISTING);
    expect(field()).toHaveValue(SEED_LISTING);
  });

  it('passes the chosen format and table on', async () => {
    const user = await open();
    await user.clear(field());
    await user.click(field());
    await user.paste('-P INPUT ACCEPT\n-A INPUT -j ACCEPT\n');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'iptables -S');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Table' }), 'mangle');
    await user.click(screen.getByRole('button', { name: 'Show rules' }));
    await waitFor(() => expect(store.getState().overview.format).toBe('rules'));
    expect(store.getState().overview.tables.map((t) => t.name)).toEqual(['mangle']);
  });

  it('says when a dump cannot be opened at all, and keeps the one on screen', async () => {
    await open();
    act(() => store.setState({ loading: { phase: 'failed', message: 'out of memory' } }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not read the dump: out of memory. The rules shown before are still shown.',
    );
  });
});

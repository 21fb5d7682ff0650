import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useKpvizStore } from '../../store/store.ts';
import { App } from '../app.tsx';
import { i18n } from '../i18n/i18n.ts';

const store = useKpvizStore;

beforeEach(async () => {
  window.history.replaceState(null, '', '/');
  store.setState(store.getInitialState(), true);
  await i18n.changeLanguage('en');
});
afterEach(() => {
  delete document.documentElement.dataset.contrast;
});

/** The app playing the seed NodePort scenario at its fourth step. */
async function playing() {
  render(<App />);
  await act(() => store.getState().chooseScenario('nodeport-external', 3));
}

describe('the presenter view', () => {
  it('is entered from the player by keyboard, and shows only the graph and the packet', async () => {
    const user = userEvent.setup();
    await playing();
    screen.getByRole('button', { name: 'Presenter view' }).focus();
    await user.keyboard('{Enter}');

    expect(screen.getByRole('heading', { level: 1, name: 'Presenter view' })).toHaveFocus();
    expect(screen.getByRole('region', { name: 'Narration' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave presenter view' })).toBeInTheDocument();
    // No import panel, environment, tabs or Services: the room sees the packet.
    expect(screen.queryByRole('tab', { name: 'Graph' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Play a packet' })).not.toBeInTheDocument();
    expect(window.location.hash).toContain('present');
    expect(window.location.hash).toContain('scenario=nodeport-external');
  });

  it('steps with a clicker’s PageDown and PageUp, and leaves on Escape, focus back on its button', async () => {
    const user = userEvent.setup();
    await playing();
    await user.click(screen.getByRole('button', { name: 'Presenter view' }));
    await user.keyboard('{PageDown}{PageDown}');
    expect(store.getState().step).toBe(5);
    expect(screen.getByText('Step 6 of 33')).toBeInTheDocument();
    await user.keyboard('{PageUp}');
    expect(store.getState().step).toBe(4);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('button', { name: 'Leave presenter view' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Presenter view' })).toHaveFocus();
    expect(window.location.hash).not.toContain('present');
    // The page's player took over where the view left it.
    expect(store.getState()).toMatchObject({ scenario: 'nodeport-external', step: 4 });
  });

  it('opens from a #present link', async () => {
    window.history.replaceState(null, '', '/#scenario=nodeport-external&step=2&present');
    render(<App />);
    expect(await screen.findByRole('button', { name: 'Leave presenter view' })).toBeInTheDocument();
    await screen.findByText('Step 2 of 33');
  });

  it('switches the high-contrast theme on and off', async () => {
    const user = userEvent.setup();
    await playing();
    await user.click(screen.getByRole('button', { name: 'Presenter view' }));
    const contrast = screen.getByRole('button', { name: 'High contrast' });
    await user.click(contrast);
    expect(contrast).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.dataset).toMatchObject({ theme: 'dark', contrast: 'high' });
    await user.click(contrast);
    expect(document.documentElement.dataset.contrast).toBeUndefined();
  });
});

import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TOUR_STEPS } from '../../domain/tour/tour-steps.ts';
import { useKpvizStore } from '../../store/store.ts';
import { en } from '../i18n/en.ts';
import { i18n } from '../i18n/i18n.ts';
import { Tour } from './tour.tsx';

const store = useKpvizStore;
const N = TOUR_STEPS.length;
const title = (i: number) => en.tour.steps[TOUR_STEPS[i]?.id ?? 'output'].title;

beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '/');
  store.setState(store.getInitialState(), true);
  store.setState({ tourSaved: null });
});

const tour = () => screen.getByRole('region', { name: 'Guided tour' });

/** Once the tour's step is sought: the player shows its moment, or says it has none. */
const sought = () =>
  new Promise<void>((resolve) => {
    const done = () => store.getState().tourMoment !== 'seeking' || !store.getState().tourOpen;
    if (done()) resolve();
    const unsubscribe = store.subscribe(() => {
      if (!done()) return;
      unsubscribe();
      resolve();
    });
  });

/** Press a button and wait, within act, for the step it asks for to be shown. */
async function press(user: ReturnType<typeof userEvent.setup>, button: HTMLElement) {
  await act(async () => {
    await user.click(button);
    await sought();
  });
}

/** Render the tour and let a linked step be sought. */
async function renderTour() {
  await act(async () => {
    render(<Tour />);
    await sought();
  });
}

/** The tour region, which must show `step` (1-based) at its moment. */
function shown(step: number) {
  expect(store.getState().tourMoment).toBe('shown');
  const region = tour();
  expect(within(region).getByText(`Step ${String(step)} of ${String(N)}`)).toBeVisible();
  expect(within(region).getByRole('heading', { level: 3 })).toHaveTextContent(title(step - 1));
  return region;
}

describe('Tour', () => {
  it('takes the tour step by step, with the player at each step’s moment', async () => {
    const user = userEvent.setup();
    await renderTour();
    expect(screen.queryByRole('region', { name: 'Guided tour' })).toBeNull();
    await press(user, screen.getByRole('button', { name: 'Take the tour' }));
    let region = shown(1);
    expect(within(region).getByRole('heading', { level: 2, name: 'Guided tour' })).toHaveFocus();
    expect(within(region).getByRole('button', { name: 'Previous' })).toBeDisabled();
    expect(store.getState().scenario).toBe('node-to-clusterip');

    await press(user, within(region).getByRole('button', { name: 'Next' }));
    region = shown(2);
    expect(store.getState().scenario).toBe('nodeport-external');
    expect(window.location.hash).toBe('#tour=2');

    await press(user, within(region).getByRole('button', { name: 'Previous' }));
    shown(1);
  });

  it('hands the focus to End tour on the last step, and back to Take the tour after', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', `/#tour=${String(N - 1)}`);
    await renderTour();
    const region = shown(N - 1);
    await press(user, within(region).getByRole('button', { name: 'Next' }));
    shown(N);
    expect(within(region).getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(within(region).getByRole('button', { name: 'End tour' })).toHaveFocus();
    await user.click(within(region).getByRole('button', { name: 'End tour' }));
    expect(screen.getByRole('button', { name: 'Take the tour' })).toHaveFocus();
    // Finished: nothing to resume.
    expect(screen.queryByRole('button', { name: /^Resume/ })).toBeNull();
    expect(window.location.hash).toBe('');
  });

  it('offers to resume a tour ended midway, at its step', async () => {
    const user = userEvent.setup();
    store.setState({ tourSaved: 3 });
    await renderTour();
    await press(user, screen.getByRole('button', { name: 'Resume the tour at step 4' }));
    const region = shown(4);
    await user.click(within(region).getByRole('button', { name: 'End tour' }));
    expect(screen.getByRole('button', { name: 'Resume the tour at step 4' })).toBeVisible();
    expect(localStorage.getItem('kpviz.tour.step')).toBe('3');
  });

  it('opens a linked step and keeps the other keys of the link', async () => {
    window.history.replaceState(null, '', '/#env=e1.abc&tour=3&lang=en');
    await renderTour();
    shown(3);
    await act(() => store.getState().nextTourStep());
    expect(window.location.hash).toBe('#env=e1.abc&tour=4&lang=en');
  });

  it('ignores a link to no step', async () => {
    window.history.replaceState(null, '', '/#tour=zero');
    await renderTour();
    expect(screen.getByRole('button', { name: 'Take the tour' })).toBeVisible();
    expect(store.getState().tourOpen).toBe(false);
  });

  it('says so when the rules on screen lack the moment', async () => {
    const user = userEvent.setup();
    await store.getState().loadDump('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n');
    await renderTour();
    await press(user, screen.getByRole('button', { name: 'Take the tour' }));
    expect(within(tour()).getByRole('status')).toHaveTextContent(/seed example/);
    expect(store.getState().tourMoment).toBe('missing');
  });

  it('speaks Chinese', async () => {
    await act(() => i18n.changeLanguage('zh'));
    const user = userEvent.setup();
    await renderTour();
    await press(user, screen.getByRole('button', { name: '开始导览' }));
    const region = screen.getByRole('region', { name: '导览' });
    expect(within(region).getByText(`第 1 步，共 ${String(N)} 步`)).toBeVisible();
    expect(within(region).getByRole('heading', { level: 3 })).toHaveTextContent(
      '节点上的进程：nat OUTPUT',
    );
    expect(within(region).getByRole('button', { name: '结束导览' })).toBeVisible();
    cleanup();
    await i18n.changeLanguage('en');
  });
});

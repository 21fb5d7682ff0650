import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useKpvizStore } from '../store/store.ts';
import './i18n/i18n.ts';
import { ThemeToggle } from './theme-toggle.tsx';

const store = useKpvizStore;
beforeEach(() => store.setState(store.getInitialState(), true));
afterEach(() => vi.unstubAllGlobals());

/** A browser whose prefers-color-scheme is `dark` or not. */
function prefersDark(dark: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: dark && query === '(prefers-color-scheme: dark)',
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

describe('ThemeToggle', () => {
  it.each([
    { name: 'a light system starts light', dark: false, pressed: 'false', picked: 'dark' },
    { name: 'a dark system starts dark', dark: true, pressed: 'true', picked: 'light' },
  ])('$name, and a press picks the other theme', async ({ dark, pressed, picked }) => {
    prefersDark(dark);
    const user = userEvent.setup();
    render(<ThemeToggle />);
    const toggle = screen.getByRole('button', { name: 'Dark theme' });
    expect(toggle).toHaveAttribute('aria-pressed', pressed);
    await user.click(toggle);
    expect(store.getState().theme).toBe(picked);
    expect(toggle).toHaveAttribute('aria-pressed', pressed === 'true' ? 'false' : 'true');
  });

  it('works without matchMedia, as light', () => {
    render(<ThemeToggle />);
    expect(screen.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });
});

import { useSyncExternalStore } from 'react';
import { selectTheme, type Theme } from '../store/settings-slice.ts';
import { useKpvizStore } from '../store/store.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

// Some environments (jsdom, old embedded browsers) have no matchMedia: they get the light theme.
const darkQuery = (): MediaQueryList | undefined =>
  typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : undefined;

function subscribe(onChange: () => void): () => void {
  const query = darkQuery();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

const systemTheme = (): Theme => (darkQuery()?.matches === true ? 'dark' : 'light');

/**
 * The theme in effect: the user's choice, or the system's while they made none
 * (and as the system's changes, e.g. at sunset). High contrast is drawn on the dark base.
 */
export function useTheme(): Theme {
  const setting = useKpvizStore(selectTheme);
  const system = useSyncExternalStore(subscribe, systemTheme, () => 'light' as const);
  if (setting === 'contrast') return 'dark';
  return setting === 'system' ? system : setting;
}

/** Whether the high-contrast theme is on (its colours override the dark theme's). */
export const useHighContrast = (): boolean =>
  useKpvizStore((state) => selectTheme(state) === 'contrast');

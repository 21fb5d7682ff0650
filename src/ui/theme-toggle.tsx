import { useTranslation } from './i18n/use-translation.tsx';
import { useKpvizStore } from '../store/store.ts';
import { ContrastToggle } from './presenter/contrast-toggle.tsx';
import { useTheme } from './use-theme.ts';

/**
 * Switches between the light and dark themes; pressed while dark is showing. Beside it, the
 * high-contrast theme for a projector (ContrastToggle).
 */
export function ThemeToggle() {
  const { t } = useTranslation();
  const theme = useTheme();
  const setTheme = useKpvizStore((state) => state.setTheme);
  return (
    <>
      <button
        type="button"
        className="theme-toggle"
        aria-pressed={theme === 'dark'}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span> {t('theme.dark')}
      </button>
      <ContrastToggle />
    </>
  );
}

import { useTranslation } from '../i18n/use-translation.tsx';
import { useKpvizStore } from '../../store/store.ts';
import { useHighContrast } from '../use-theme.ts';

/**
 * The high-contrast theme (black, white, yellow) for a projector in a lit room; pressed while
 * it is on. Off goes back to following the system.
 */
export function ContrastToggle() {
  const { t } = useTranslation();
  const on = useHighContrast();
  const setTheme = useKpvizStore((state) => state.setTheme);
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={on}
      onClick={() => setTheme(on ? 'system' : 'contrast')}
    >
      <span aria-hidden="true">◐</span> {t('presenter.contrast')}
    </button>
  );
}

import { useTranslation } from '../i18n/use-translation.tsx';
import { selectFocus, selectFocusLabel } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/**
 * Says which Service the graph is narrowed to (chosen in the Services list),
 * with the way back to every chain.
 */
export function FocusBar() {
  const { t } = useTranslation();
  const focus = useKpvizStore(selectFocus);
  const label = useKpvizStore(selectFocusLabel);
  const setFocus = useKpvizStore((state) => state.setFocus);
  if (focus === null) return null;
  return (
    <p className="focus-bar" role="status">
      {t('focus.showing', { service: label ?? focus })}{' '}
      <button type="button" onClick={() => setFocus(null)}>
        {t('focus.all')}
      </button>
    </p>
  );
}

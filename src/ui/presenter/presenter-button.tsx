import { useEffect, useRef } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { useKpvizStore } from '../../store/store.ts';
import { focusReturn } from './focus-return.ts';

/** Opens the presenter view; takes focus back when the view closes. */
export function PresenterButton() {
  const { t } = useTranslation();
  const enter = useKpvizStore((state) => state.enterPresenter);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focusReturn.pending) return;
    focusReturn.pending = false;
    button.current?.focus();
  }, []);
  return (
    <button ref={button} type="button" onClick={enter}>
      {t('presenter.enter')}
    </button>
  );
}

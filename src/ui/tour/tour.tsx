import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { selectTourOpen, selectTourSaved } from '../../store/tour-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { TourPanel } from './tour-panel.tsx';
import { useTourUrl } from './use-tour-url.ts';
import './tour.css';

/**
 * The guided tour near the player: "Take the tour" (and "Resume the tour at step n" when a
 * visit left it midway) while it is closed, the tour itself while it is open.
 */
export function Tour() {
  const { t } = useTranslation();
  useTourUrl();
  const open = useKpvizStore(selectTourOpen);
  const saved = useKpvizStore(selectTourSaved);
  const startTour = useKpvizStore((state) => state.startTour);
  // Who moved last: a click moves the focus with it; a link or a reload leaves it be.
  const [byUser, setByUser] = useState(false);
  const take = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (byUser && !open) take.current?.focus();
  }, [byUser, open]);

  if (open) return <TourPanel takeFocus={byUser} onEnd={() => setByUser(true)} />;
  const begin = (step: number) => {
    setByUser(true);
    void startTour(step);
  };
  return (
    <div className="tour-start">
      <button type="button" className="primary" ref={take} onClick={() => begin(0)}>
        {t('tour.take')}
      </button>
      {/* Step 1 is what Take the tour starts at: resuming there offers nothing more. */}
      {saved !== null && saved > 0 && (
        <button type="button" onClick={() => begin(saved)}>
          {t('tour.resume', { step: saved + 1 })}
        </button>
      )}
    </div>
  );
}

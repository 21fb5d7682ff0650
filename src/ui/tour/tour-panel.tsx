import { useEffect, useId, useRef } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { TOUR_STEPS } from '../../domain/tour/tour-steps.ts';
import { selectTourMoment, selectTourStep, TOUR_LENGTH } from '../../store/tour-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';

interface TourPanelProps {
  /** Opened by the user's click: take the focus there, so the keyboard follows the tour. */
  readonly takeFocus: boolean;
  readonly onEnd: () => void;
}

/**
 * The open tour: where it is, the step's title and text, and the buttons that move it. The
 * graph, Packet and Narration show the step's moment: the tour slice drives the player.
 */
export function TourPanel({ takeFocus, onEnd }: TourPanelProps) {
  const store = useKpvizApi();
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const end = useRef<HTMLButtonElement>(null);
  const index = useKpvizStore(selectTourStep);
  const moment = useKpvizStore(selectTourMoment);
  const { nextTourStep, previousTourStep, endTour } = store.getState();
  const step = TOUR_STEPS[index];

  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);

  if (!step) return null;
  const last = index === TOUR_LENGTH - 1;
  return (
    <section className="callout tour" aria-labelledby={headingId}>
      <div className="tour-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {t('tour.heading')}
        </h2>
        <span className="tour-position" aria-live="polite">
          {t('tour.position', { step: index + 1, count: TOUR_LENGTH })}
        </span>
      </div>
      <h3>{t(`tour.steps.${step.id}.title`)}</h3>
      <p>{t(`tour.steps.${step.id}.text`)}</p>
      {moment === 'missing' && (
        <p className="tour-missing" role="status">
          {t('tour.missing')}
        </p>
      )}
      <div className="tour-buttons">
        <button type="button" onClick={() => void previousTourStep()} disabled={index === 0}>
          {t('tour.previous')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={last}
          onClick={() => {
            // Next disappears under the focus on the last step: hand it to End tour.
            if (index === TOUR_LENGTH - 2) end.current?.focus();
            void nextTourStep();
          }}
        >
          {t('tour.next')}
        </button>
        <button
          type="button"
          ref={end}
          onClick={() => {
            endTour();
            onEnd();
          }}
        >
          {t('tour.end')}
        </button>
      </div>
    </section>
  );
}

import { useMemo } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { narrate } from '../../domain/play/narration.ts';
import { narrationContextOf, selectFrame, selectPlayback } from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/**
 * What the step shown does and why, in the seed article's terms: the domain chooses the
 * sentences (catalogue keys and their values), the catalogue says them in the UI's language.
 * Announced politely, so a screen reader hears each step as it plays.
 */
export function NarrationPanel() {
  const { t } = useTranslation();
  const frame = useKpvizStore(selectFrame);
  const playback = useKpvizStore(selectPlayback);
  const sentences = useMemo(
    () =>
      frame && playback.status === 'ready' ? narrate(frame, narrationContextOf(playback)) : [],
    [frame, playback],
  );
  if (!frame) return null;
  // The domain's keys are plain strings; its catalogue test checks each against both languages.
  const say = t as unknown as (
    key: string,
    values: Readonly<Record<string, string | number>>,
  ) => string;
  return (
    <section
      className="callout narration-panel"
      aria-label={t('play.narration')}
      aria-live="polite"
    >
      <h3>{t('play.narration')}</h3>
      {sentences.map((sentence) => (
        <p key={sentence.key}>{say(sentence.key, sentence.values)}</p>
      ))}
    </section>
  );
}

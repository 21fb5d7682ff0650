import { useId } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import {
  PLAY_SPEEDS,
  selectPlayback,
  selectPlaying,
  selectSpeed,
  selectStep,
  type PlaySpeed,
} from '../../store/playback-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';

/**
 * Play, Pause, Step back, Step forward, Restart and the speed: each a named store action, so
 * the buttons, the keys (usePlaybackKeys) and a link all do the same thing.
 */
export function PlaybackControls() {
  const store = useKpvizApi();
  const { t } = useTranslation();
  const id = useId();
  const playback = useKpvizStore(selectPlayback);
  const step = useKpvizStore(selectStep);
  const playing = useKpvizStore(selectPlaying);
  const speed = useKpvizStore(selectSpeed);
  const actions = store.getState();
  if (playback.status !== 'ready') return null;
  const last = playback.frames.length - 1;

  return (
    <div className="playback-controls" role="group" aria-label={t('play.controls')}>
      <button type="button" onClick={actions.restart} disabled={step === 0 && !playing}>
        {t('play.restart')}
      </button>
      <button type="button" onClick={actions.stepBack} disabled={step === 0}>
        {t('play.back')}
      </button>
      {playing ? (
        <button type="button" className="primary" onClick={actions.pause}>
          {t('play.pause')}
        </button>
      ) : (
        <button type="button" className="primary" onClick={actions.play}>
          {t('play.play')}
        </button>
      )}
      <button type="button" onClick={actions.stepForward} disabled={step >= last}>
        {t('play.forward')}
      </button>
      <label htmlFor={`${id}-speed`}>{t('play.speed')}</label>
      <select
        id={`${id}-speed`}
        value={speed}
        onChange={(event) => actions.setSpeed(Number(event.target.value) as PlaySpeed)}
      >
        {PLAY_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {t('play.speedValue', { speed: s })}
          </option>
        ))}
      </select>
      <span className="play-position" aria-live="polite">
        {t('play.position', { step: step + 1, total: last + 1 })}
      </span>
    </div>
  );
}

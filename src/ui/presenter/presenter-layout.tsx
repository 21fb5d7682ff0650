import { useEffect, useRef } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { selectPlayback } from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { PlayAside } from '../play/play-aside.tsx';
import { PlaybackControls } from '../play/playback-controls.tsx';
import { ScenarioPicker } from '../play/scenario-picker.tsx';
import { usePlaybackClock } from '../play/use-playback-clock.ts';
import { usePlaybackKeys } from '../play/use-playback-keys.ts';
import { usePlayUrl } from '../play/use-play-url.ts';
import { BareGraph } from '../graph/bare-graph.tsx';
import { QuizPanel } from '../quiz/quiz-panel.tsx';
import { QuizToggle } from '../quiz/quiz-toggle.tsx';
import { ContrastToggle } from './contrast-toggle.tsx';
import { focusReturn } from './focus-return.ts';
import './presenter.css';
import { usePresenterKeys } from './use-presenter-keys.ts';

/**
 * The zoom the packet is shown at, at least: rule text is 13px at zoom 1, so 1.3 keeps it near
 * 17px on a projected screen.
 */
const PRESENTER_ZOOM = 1.3;

/**
 * The presenter view, for teaching in a room: in large type, the graph with the packet on it,
 * and beside it the question (with the quiz on), the narration and the packet; a thin bar of
 * controls. The page's player is not mounted, so the view runs its clock, keys and URL itself.
 */
export function PresenterLayout() {
  const { t } = useTranslation();
  const ready = useKpvizStore((state) => selectPlayback(state).status === 'ready');
  const leave = useKpvizStore((state) => state.leavePresenter);
  const heading = useRef<HTMLHeadingElement>(null);
  usePlaybackClock();
  usePlaybackKeys();
  usePlayUrl();
  usePresenterKeys();
  // Focus starts in the view (the button that opened it is gone) and goes back when it closes.
  useEffect(() => {
    heading.current?.focus();
    return () => {
      focusReturn.pending = true;
    };
  }, []);

  return (
    <div className="presenter">
      <header className="presenter-bar">
        <h1 ref={heading} tabIndex={-1}>
          {t('presenter.heading')}
        </h1>
        <PlaybackControls />
        <div className="presenter-tools">
          <QuizToggle />
          <ContrastToggle />
          <button type="button" className="primary" onClick={leave}>
            {t('presenter.leave')}
          </button>
        </div>
        <p className="presenter-keys">{t('presenter.keys')}</p>
      </header>
      <main className="presenter-main">
        <div className="presenter-graph">
          <BareGraph readableZoom={PRESENTER_ZOOM} />
        </div>
        {/* A scroll region: focusable, so a keyboard can scroll a long narration. */}
        <aside className="presenter-aside" aria-label={t('play.heading')} tabIndex={0}>
          {ready ? null : (
            <>
              <p>{t('presenter.noScenario')}</p>
              <ScenarioPicker />
            </>
          )}
          <QuizPanel />
          <PlayAside />
        </aside>
      </main>
    </div>
  );
}

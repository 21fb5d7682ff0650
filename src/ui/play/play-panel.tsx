import { useTranslation } from '../i18n/use-translation.tsx';
import { PresenterButton } from '../presenter/presenter-button.tsx';
import { QuizPanel } from '../quiz/quiz-panel.tsx';
import { QuizToggle } from '../quiz/quiz-toggle.tsx';
import { PlaybackControls } from './playback-controls.tsx';
import { ScenarioPicker } from './scenario-picker.tsx';
import { Timeline } from './timeline.tsx';
import { usePlaybackClock } from './use-playback-clock.ts';
import { usePlaybackKeys } from './use-playback-keys.ts';
import { usePlayUrl } from './use-play-url.ts';
import './play.css';

/**
 * The player: a scenario, the controls, and the steps of its packets. The random split they
 * went through is shown under the graph (SplitView). The packet itself is
 * shown on the graph and, beside it, in the Packet and Narration panels (PlayAside).
 */
export function PlayPanel() {
  const { t } = useTranslation();
  usePlaybackClock();
  usePlaybackKeys();
  usePlayUrl();
  return (
    <section className="play-panel" aria-labelledby="play-heading">
      <h2 id="play-heading">{t('play.heading')}</h2>
      <ScenarioPicker />
      <PlaybackControls />
      <div className="play-modes">
        <QuizToggle />
        <PresenterButton />
      </div>
      <QuizPanel />
      <Timeline />
    </section>
  );
}

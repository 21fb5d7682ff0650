import { useTranslation } from 'react-i18next';
import { PlaybackControls } from './playback-controls.tsx';
import { ScenarioPicker } from './scenario-picker.tsx';
import { SplitView } from './split-view.tsx';
import { Timeline } from './timeline.tsx';
import { usePlaybackClock } from './use-playback-clock.ts';
import { usePlaybackKeys } from './use-playback-keys.ts';
import { usePlayUrl } from './use-play-url.ts';
import './play.css';

/**
 * The player: a scenario, the controls, the steps of its packets, and the random split they
 * went through. The packet itself is
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
      <Timeline />
      <SplitView />
    </section>
  );
}

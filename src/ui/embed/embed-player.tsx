import { useLayoutEffect, useState, type KeyboardEvent } from 'react';
import { I18nProvider, useTranslation } from '../i18n/use-translation.tsx';
import { selectLanguage } from '../../store/settings-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';
import { DrawnGraph } from '../graph/drawn-graph.tsx';
import { HTML_LANG, i18n } from '../i18n/i18n.ts';
import { useUiLanguage } from '../i18n/use-ui-language.ts';
import { NarrationPanel } from '../play/narration-panel.tsx';
import { PacketInspector } from '../play/packet-inspector.tsx';
import '../play/play.css';
import { PlaybackControls } from '../play/playback-controls.tsx';
import { ScenarioPicker } from '../play/scenario-picker.tsx';
import { Timeline } from '../play/timeline.tsx';
import { usePlaybackClock } from '../play/use-playback-clock.ts';
import { playbackAction } from '../play/use-playback-keys.ts';
import { useTheme } from '../use-theme.ts';
import { runKeyAction } from '../use-window-keys.ts';
import type { Panel } from './embed-config.ts';
import './embed.css';

export interface EmbedPlayerProps {
  /** The element the player draws in: it takes the theme (`data-theme`). */
  readonly host: HTMLElement;
  readonly panels: readonly Panel[];
  /** What the host's configuration asked for that could not be done. */
  readonly problems: readonly string[];
}

/**
 * The player with minimal chrome, for a docs page: the graph with the packet on it, and the
 * panels the host asked for. Its keys (Space, ←, →, Home, End) work while focus is inside it,
 * never on the rest of the host's page.
 */
export function EmbedPlayer(props: EmbedPlayerProps) {
  // Its own translator: two players on one page may speak different languages.
  const [translator] = useState(() => i18n.clone());
  const language = useKpvizStore(selectLanguage);
  useUiLanguage(translator, language);
  return (
    <I18nProvider i18n={translator}>
      <PlayerBody {...props} />
    </I18nProvider>
  );
}

function PlayerBody({ host, panels, problems }: EmbedPlayerProps) {
  const { t } = useTranslation();
  const store = useKpvizApi();
  const theme = useTheme();
  useLayoutEffect(() => {
    host.setAttribute('data-theme', theme);
  }, [host, theme]);
  usePlaybackClock();
  const ready = useKpvizStore((state) => state.playback.status === 'ready');
  const language = useKpvizStore(selectLanguage);
  const shows = (panel: Panel) => panels.includes(panel);
  const aside = ready && (shows('narration') || shows('packet'));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) =>
    runKeyAction(event.nativeEvent, (press) => playbackAction(press, store));

  return (
    <div
      className="embed"
      lang={HTML_LANG[language]}
      role="region"
      aria-label={t('embed.label')}
      onKeyDown={onKeyDown}
    >
      {(shows('scenario') || shows('controls')) && (
        <div className="embed-bar">
          {shows('scenario') && <ScenarioPicker />}
          {shows('controls') && <PlaybackControls />}
        </div>
      )}
      {shows('timeline') && <Timeline />}
      <div className="embed-main">
        <div className="embed-graph">
          <DrawnGraph />
        </div>
        {aside && (
          // A scroll region: focusable, so a keyboard can scroll a long narration.
          <aside className="embed-aside" aria-label={t('play.heading')} tabIndex={0}>
            {shows('narration') && <NarrationPanel />}
            {shows('packet') && <PacketInspector />}
          </aside>
        )}
      </div>
      {problems.length > 0 && (
        <p className="embed-problems" role="status">
          {t('embed.problems', { problems: problems.join(' · ') })}
        </p>
      )}
    </div>
  );
}

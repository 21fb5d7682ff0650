import { useLayoutEffect } from 'react';
import { I18nProvider } from './i18n/use-translation.tsx';
import { selectLanguage, type Language } from '../store/settings-slice.ts';
import { useKpvizStore } from '../store/store.ts';
import { AppHeader } from './app-header.tsx';
import { EnvEditor } from './env/env-editor.tsx';
import { HTML_LANG, i18n } from './i18n/i18n.ts';
import { useUiLanguage } from './i18n/use-ui-language.ts';
import { ImportPanel } from './import-panel.tsx';
import { JumpsNotice } from './jumps-notice.tsx';
import { ProblemList } from './problem-list.tsx';
import { PlayPanel } from './play/play-panel.tsx';
import { PresenterLayout } from './presenter/presenter-layout.tsx';
import { usePresenterGate } from './presenter/use-presenter-gate.ts';
import { SplitView } from './play/split-view.tsx';
import { ParseSummary } from './ruleset/parse-summary.tsx';
import { ServicesPanel } from './services/services-panel.tsx';
import { PacketForm } from './trace/packet-form.tsx';
import { TraceView } from './trace/trace-view.tsx';
import { Tour } from './tour/tour.tsx';
import { useTheme } from './use-theme.ts';
import { ViewTabs } from './view-tabs.tsx';

/** The page's `lang`, for screen readers and fonts, once its words are in that language. */
const setPageLanguage = (language: Language) => {
  document.documentElement.lang = HTML_LANG[language];
};

/**
 * The app shell: the dump, what was read from it, then its graph or its tables of rules.
 *
 * @example
 *   createRoot(document.getElementById('root')!).render(<App />);
 */
export function App() {
  const language = useKpvizStore(selectLanguage);
  useUiLanguage(i18n, language, setPageLanguage);
  const theme = useTheme();
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // The presenter view replaces the page: one graph, one set of playback keys.
  const presenting = usePresenterGate();
  if (presenting)
    return (
      <I18nProvider i18n={i18n}>
        <PresenterLayout />
      </I18nProvider>
    );

  return (
    <I18nProvider i18n={i18n}>
      <AppHeader />
      <main className="app-main">
        <ImportPanel />
        <EnvEditor />
        <ParseSummary />
        <JumpsNotice />
        <ProblemList />
        <Tour />
        <PlayPanel />
        <ViewTabs />
        <SplitView />
        <div className="workbench">
          <ServicesPanel />
          <div className="workbench-trace">
            <PacketForm />
            <TraceView />
          </div>
        </div>
      </main>
    </I18nProvider>
  );
}

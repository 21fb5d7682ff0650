import { useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from './i18n/use-translation.tsx';
import { selectView, type MainView } from '../store/graph-slice.ts';
import { useKpvizStore } from '../store/store.ts';
import { ExportMenu } from './export/export-menu.tsx';
import { GraphView } from './graph/graph-view.tsx';
import { RulesetView } from './ruleset/ruleset-view.tsx';

const VIEWS: readonly MainView[] = ['graph', 'rules'];

/**
 * The dump as a graph or as its tables of rules, as tabs, with the Export buttons beside them.
 * Arrow keys move between the tabs, as the ARIA tabs pattern has it; only the chosen view is
 * mounted.
 */
export function ViewTabs() {
  const { t } = useTranslation();
  const baseId = useId();
  const view = useKpvizStore(selectView);
  const setView = useKpvizStore((state) => state.setView);
  const tabs = useRef(new Map<MainView, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = VIEWS[(VIEWS.indexOf(view) + step + VIEWS.length) % VIEWS.length] ?? view;
    setView(next);
    tabs.current.get(next)?.focus();
  };

  return (
    <>
      <div className="view-bar">
        <div
          role="tablist"
          aria-label={t('views.label')}
          className="view-tabs"
          onKeyDown={onKeyDown}
        >
          {VIEWS.map((name) => (
            <button
              key={name}
              ref={(element) => {
                if (element) tabs.current.set(name, element);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${name}`}
              aria-selected={view === name}
              aria-controls={`${baseId}-panel`}
              tabIndex={view === name ? 0 : -1}
              onClick={() => setView(name)}
            >
              {t(`views.${name}`)}
            </button>
          ))}
        </div>
        <ExportMenu />
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${view}`}
        className={`view-panel view-${view}`}
      >
        {view === 'graph' ? <GraphView /> : <RulesetView />}
      </div>
    </>
  );
}

import '@xyflow/react/dist/style.css';
import './graph.css';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { PlayAside } from '../play/play-aside.tsx';
import { selectGraph, selectSearch, selectSearchQuery } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useTheme } from '../use-theme.ts';
import { DetailsPanel } from './details-panel.tsx';
import { FocusBar } from './focus-bar.tsx';
import { GraphCanvas } from './graph-canvas.tsx';
import { searchHighlight } from './graph-highlight.ts';
import { SearchBox } from './search-box.tsx';
import { SearchResults } from './search-results.tsx';
import { useLaidOut } from './use-laid-out.ts';

/**
 * The dump as a graph of hooks, tables and chains, with the focus and search
 * controls above it and the details of what is selected beside it.
 */
export function GraphView() {
  const { t } = useTranslation();
  // Deferred: a new dump's panels and summary render in the store update's own task, and the
  // graph in a render of its own that React can slice, not all in one task.
  const { graph, round } = useLaidOut(useDeferredValue(useKpvizStore(selectGraph)));
  const query = useKpvizStore(selectSearchQuery);
  const search = useKpvizStore(selectSearch);
  const theme = useTheme();
  const highlight = useMemo(() => searchHighlight(search), [search]);

  return (
    <div className="graph-layout">
      <FocusBar />
      <div className="graph-toolbar">
        <SearchBox />
        {graph.hiddenCount > 0 && (
          <p className="muted graph-hidden">{t('graph.hidden', { count: graph.hiddenCount })}</p>
        )}
      </div>
      <div className="graph-body">
        <div className="graph-canvas">
          <GraphCanvas graph={graph} layoutRound={round} highlight={highlight} theme={theme} />
        </div>
        {/* It scrolls on its own: focusable, so the keyboard can scroll it too. */}
        <aside className="graph-side" tabIndex={0} aria-label={t('graph.side')}>
          <PlayAside />
          {query.trim() !== '' && <SearchResults search={search} />}
          <DetailsPanel graph={graph} />
        </aside>
      </div>
    </div>
  );
}

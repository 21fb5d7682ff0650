import '@xyflow/react/dist/style.css';
import './graph.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectSearchQuery } from '../../store/graph-slice.ts';
import { selectGraph, selectSearchHits } from '../../store/graph-selectors.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useTheme } from '../use-theme.ts';
import { DetailsPanel } from './details-panel.tsx';
import { FocusSelect } from './focus-select.tsx';
import { GraphCanvas } from './graph-canvas.tsx';
import type { GraphHighlight } from './graph-highlight.ts';
import { SearchBox } from './search-box.tsx';
import { SearchResults } from './search-results.tsx';
import { useLaidOut } from './use-laid-out.ts';

/**
 * The dump as a graph of hooks, tables and chains, with the focus and search
 * controls above it and the details of what is selected beside it.
 */
export function GraphView() {
  const { t } = useTranslation();
  const { graph, round } = useLaidOut(useKpvizStore(selectGraph));
  const query = useKpvizStore(selectSearchQuery);
  const hits = useKpvizStore(selectSearchHits);
  const theme = useTheme();
  const highlight = useMemo<GraphHighlight>(
    () => ({
      nodes: new Set(hits.filter((hit) => hit.rule === undefined).map((hit) => hit.node)),
      rules: new Set(hits.flatMap((hit) => (hit.rule === undefined ? [] : [hit.rule]))),
    }),
    [hits],
  );

  return (
    <div className="graph-layout">
      <div className="graph-toolbar">
        <FocusSelect />
        <SearchBox />
        {graph.hidden.length > 0 && (
          <p className="muted graph-hidden">{t('graph.hidden', { count: graph.hidden.length })}</p>
        )}
      </div>
      <div className="graph-body">
        <div className="graph-canvas">
          <GraphCanvas graph={graph} layoutRound={round} highlight={highlight} theme={theme} />
        </div>
        <aside className="graph-side">
          {query.trim() !== '' && <SearchResults hits={hits} />}
          <DetailsPanel graph={graph} />
        </aside>
      </div>
    </div>
  );
}

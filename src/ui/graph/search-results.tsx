import { useId } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { SearchResult } from '../../session/protocol.ts';
import { selectSearchQuery } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/** How many results are listed; the count says how many more there are. */
const LISTED = 50;

/** The search's matches, each a button that selects it and brings it into view. */
export function SearchResults({ search }: { search: SearchResult }) {
  const { t } = useTranslation();
  const headingId = useId();
  const jumpTo = useKpvizStore((state) => state.jumpTo);
  const query = useKpvizStore(selectSearchQuery);
  // The answer for the query typed is still on its way.
  const searching = search.query !== query;
  const { hits, total } = search;
  return (
    <section className="search-results" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('search.results')}</h2>
      <p role="status" className="muted">
        {searching
          ? t('search.searching')
          : total === 0
            ? t('search.none')
            : t('search.count', { count: total })}
      </p>
      {hits.length > 0 && (
        <ol>
          {hits.slice(0, LISTED).map((hit) => (
            <li key={hit.rule ?? hit.node}>
              <button type="button" onClick={() => jumpTo(hit)}>
                <span className="hit-title">{hit.title}</span>
                {hit.text !== undefined && <code className="hit-detail">{hit.text}</code>}
              </button>
            </li>
          ))}
        </ol>
      )}
      {total > LISTED && <p className="muted">{t('search.more', { count: total - LISTED })}</p>}
    </section>
  );
}

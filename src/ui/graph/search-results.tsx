import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleText, type SearchHit } from '../../store/graph-selectors.ts';
import { selectRuleset } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/** How many results are listed; the count says how many more there are. */
const LISTED = 50;

/** The search's matches, each a button that selects it and brings it into view. */
export function SearchResults({ hits }: { hits: readonly SearchHit[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const jumpTo = useKpvizStore((state) => state.jumpTo);
  const ruleset = useKpvizStore(selectRuleset);
  return (
    <section className="search-results" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('search.results')}</h2>
      <p role="status" className="muted">
        {hits.length === 0 ? t('search.none') : t('search.count', { count: hits.length })}
      </p>
      {hits.length > 0 && (
        <ol>
          {hits.slice(0, LISTED).map((hit) => (
            <li key={hit.rule ?? hit.node}>
              <button type="button" onClick={() => jumpTo({ node: hit.node, rule: hit.rule })}>
                <span className="hit-title">{hit.title}</span>
                {hit.rule !== undefined && (
                  <code className="hit-detail">{ruleText(ruleset, hit.rule)}</code>
                )}
              </button>
            </li>
          ))}
        </ol>
      )}
      {hits.length > LISTED && (
        <p className="muted">{t('search.more', { count: hits.length - LISTED })}</p>
      )}
    </section>
  );
}

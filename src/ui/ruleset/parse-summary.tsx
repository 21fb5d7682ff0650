import { useDeferredValue } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { selectOverview } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/** What the parser made of the dump: its format and how much it holds. */
export function ParseSummary() {
  const { t } = useTranslation();
  // Deferred: a new dump's graph is drawn first, in its own task; the summary follows.
  const { format, tables, serviceCount, checking } = useDeferredValue(
    useKpvizStore(selectOverview),
  );
  const chains = tables.reduce((sum, table) => sum + table.chains, 0);
  const rules = tables.reduce((sum, table) => sum + table.rules, 0);
  const items = [
    [t('summary.format'), t(`format.${format}`)],
    [t('summary.tables'), tables.length],
    [t('summary.chains'), chains],
    [t('summary.rules'), rules],
    [t('summary.services'), serviceCount],
  ] as const;
  return (
    <>
      <dl className="summary" aria-label={t('summary.label')}>
        {items.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{typeof value === 'number' ? t('summary.number', { value }) : value}</dd>
          </div>
        ))}
      </dl>
      {/* A big dump opens before every rule is read: the rest are read, and checked, after. */}
      <p className="summary-checking muted" role="status">
        {checking ? t('summary.checking') : ''}
      </p>
    </>
  );
}

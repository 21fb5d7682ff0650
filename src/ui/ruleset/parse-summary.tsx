import { useDeferredValue, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { DumpOverview } from '../../session/protocol.ts';
import { selectCheckError, selectOverview } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/** What the parser made of the dump: its format and how much it holds. */
export function ParseSummary() {
  const { t } = useTranslation();
  // Deferred: a new dump's graph is drawn first, in its own task; the summary follows.
  const overview = useDeferredValue(useKpvizStore(selectOverview));
  const { format, tables, serviceCount } = overview;
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
      <CheckingStatus overview={overview} />
    </>
  );
}

/**
 * A big dump opens before every rule is read: the rest are read, and checked, after. Says
 * so while they are, and then that they were, with how many problems there are in all.
 */
function CheckingStatus({ overview }: { overview: DumpOverview }) {
  const { t } = useTranslation();
  const failed = useKpvizStore(selectCheckError);
  // The overview before, to tell the one that ends the reading (React's "previous value" state).
  const [previous, setPrevious] = useState(overview);
  const [finished, setFinished] = useState(false);
  if (previous !== overview) {
    setPrevious(overview);
    setFinished(previous.checking && !overview.checking);
  }
  const text =
    failed !== null
      ? t('summary.stopped', { reason: failed })
      : overview.checking
        ? t('summary.checking')
        : finished
          ? t('summary.checked', { count: overview.problemCount })
          : '';
  // A live region, so always there to be heard when its text changes.
  return (
    <p className="summary-checking muted" role="status">
      {text}
    </p>
  );
}

import { useTranslation } from 'react-i18next';
import { selectParsed } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/** What the parser made of the dump: its format and how much it holds. */
export function ParseSummary() {
  const { t } = useTranslation();
  const { format, ruleset } = useKpvizStore(selectParsed);
  const chains = ruleset.tables.flatMap((table) => table.chains);
  const rules = chains.reduce((sum, chain) => sum + chain.rules.length, 0);
  const items = [
    [t('summary.format'), t(`format.${format}`)],
    [t('summary.tables'), ruleset.tables.length],
    [t('summary.chains'), chains.length],
    [t('summary.rules'), rules],
  ] as const;
  return (
    <dl className="summary" aria-label={t('summary.label')}>
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

import { useTranslation } from 'react-i18next';
import { selectRuleset } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { TableSection } from './table-section.tsx';

/** Every table of the loaded dump. */
export function RulesetView() {
  const { t } = useTranslation();
  const ruleset = useKpvizStore(selectRuleset);
  if (ruleset.tables.length === 0) return <p className="muted">{t('ruleset.empty')}</p>;
  return ruleset.tables.map((table) => <TableSection key={table.name} table={table} />);
}

import { useTranslation } from '../i18n/use-translation.tsx';
import { useSessionAnswer } from '../use-session-answer.ts';
import { TableSection } from './table-section.tsx';

/** Every table of the loaded dump. */
export function RulesetView() {
  const { t } = useTranslation();
  const outline = useSessionAnswer('outline', (session) => session.query('outline'));
  if (outline === undefined) return <p className="muted">{t('ruleset.loading')}</p>;
  if (outline.length === 0) return <p className="muted">{t('ruleset.empty')}</p>;
  return outline.map((table) => <TableSection key={table.name} table={table} />);
}

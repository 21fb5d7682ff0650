import { useId, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { TableOutline } from '../../session/protocol.ts';
import { ChainSection } from './chain-section.tsx';

/**
 * Chains listed at a time, and opened at once when a table has no more:
 * a big cluster's nat table has tens of thousands, each fetched when opened.
 */
const PAGE = 100;

/** One netfilter table and its chains in the order the dump declared them. */
export function TableSection({ table }: { table: TableOutline }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [shown, setShown] = useState(PAGE);
  const small = table.chains.length <= PAGE;
  return (
    <section className="nf-table" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('table.heading', { name: table.name })}</h2>
      {table.chains.slice(0, shown).map((chain) => (
        <ChainSection key={chain.chain} table={table.name} chain={chain} initiallyOpen={small} />
      ))}
      {table.chains.length > shown && (
        <button type="button" className="more" onClick={() => setShown(shown + PAGE)}>
          {t('table.more', {
            count: Math.min(PAGE, table.chains.length - shown),
            total: table.chains.length - shown,
          })}
        </button>
      )}
    </section>
  );
}

import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Table } from '../../domain/model/ruleset.ts';
import { ChainSection } from './chain-section.tsx';
import { countReferences } from './chain-references.ts';

/** One netfilter table and its chains in the order the dump declared them. */
export function TableSection({ table }: { table: Table }) {
  const { t } = useTranslation();
  const headingId = useId();
  const references = useMemo(() => countReferences(table), [table]);
  return (
    <section className="nf-table" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('table.heading', { name: table.name })}</h2>
      {table.chains.map((chain) => (
        <ChainSection key={chain.name} chain={chain} references={references.get(chain.name) ?? 0} />
      ))}
    </section>
  );
}

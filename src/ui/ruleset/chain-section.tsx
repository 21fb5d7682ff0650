import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chain } from '../../domain/model/ruleset.ts';
import { RuleTable } from './rule-table.tsx';

interface ChainSectionProps {
  chain: Chain;
  references: number;
}

/**
 * One chain: built-in chains show their policy, user chains how many rules
 * point at them, as `iptables -L` does.
 */
export function ChainSection({ chain, references }: ChainSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="chain" aria-labelledby={headingId}>
      <header className="chain-header">
        <h3 id={headingId}>{chain.name}</h3>
        <span className="muted">
          {chain.policy === undefined
            ? t('chain.references', { count: references })
            : t('chain.policy', { policy: chain.policy })}
        </span>
      </header>
      <RuleTable chain={chain.name} rules={chain.rules} />
    </section>
  );
}

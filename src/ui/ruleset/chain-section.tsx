import { useId, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { TableName } from '../../domain/model/names.ts';
import { chainId } from '../../graph/ids.ts';
import type { ChainOutline } from '../../session/protocol.ts';
import { useSessionAnswer } from '../use-session-answer.ts';
import { RuleTable } from './rule-table.tsx';

interface ChainSectionProps {
  table: TableName;
  chain: ChainOutline;
  /** Open from the start; else its rules are fetched when the user opens it. */
  initiallyOpen: boolean;
}

/**
 * One chain: built-in chains show their policy, user chains how many rules
 * point at them, as `iptables -L` does.
 */
export function ChainSection({ table, chain, initiallyOpen }: ChainSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const rulesId = useId();
  const [open, setOpen] = useState(initiallyOpen);
  const id = chainId(table, chain.chain);
  const detail = useSessionAnswer(open ? id : null, (session) => session.query('chain', id));
  return (
    <section className="chain" aria-labelledby={headingId}>
      <header className="chain-header">
        <h3 id={headingId}>{chain.chain}</h3>
        <span className="muted">
          {chain.policy === undefined
            ? t('chain.references', { count: chain.references })
            : t('chain.policy', { policy: chain.policy })}
        </span>
        <button
          type="button"
          className="chain-toggle"
          aria-expanded={open}
          aria-controls={rulesId}
          onClick={() => setOpen(!open)}
        >
          {t(open ? 'chain.hideRules' : 'chain.showRules', { count: chain.rules })}
        </button>
      </header>
      <div id={rulesId} hidden={!open}>
        {open &&
          (detail === undefined ? (
            <p className="muted">{t('ruleset.loading')}</p>
          ) : (
            <RuleTable
              chain={chain.chain}
              rules={detail.chain.rules}
              unsupported={detail.unsupported}
            />
          ))}
      </div>
    </section>
  );
}

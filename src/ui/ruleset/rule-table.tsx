import { useTranslation } from 'react-i18next';
import type { ChainName } from '../../domain/model/names.ts';
import type { Rule } from '../../domain/model/ruleset.ts';
import { serializeRule } from '../../domain/parse/serialize-save.ts';

interface RuleTableProps {
  chain: ChainName;
  rules: readonly Rule[];
}

/** A chain's rules, one per row: its target, then the rule as the user wrote it. */
export function RuleTable({ chain, rules }: RuleTableProps) {
  const { t } = useTranslation();
  if (rules.length === 0) return <p className="muted">{t('chain.noRules')}</p>;
  return (
    <table className="rules">
      <caption className="visually-hidden">{t('rules.caption', { chain })}</caption>
      <thead>
        <tr>
          <th scope="col" className="rules-number">
            {t('rules.number')}
          </th>
          <th scope="col">{t('rules.target')}</th>
          <th scope="col">{t('rules.text')}</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, index) => (
          <tr key={rule.origin?.line ?? index}>
            <td className="rules-number">{index + 1}</td>
            <td className="rules-target">
              {rule.target === undefined ? (
                <span className="muted">{t('rules.noTarget')}</span>
              ) : (
                <>
                  {rule.target.kind === 'goto' && <span className="badge">{t('rules.goto')}</span>}
                  <code>{rule.target.name}</code>
                </>
              )}
            </td>
            <td className="rules-text">
              {/* The raw line keeps the user's own spelling; a rule built in memory has none. */}
              <code>{rule.origin?.raw.trim() ?? serializeRule(rule, chain)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

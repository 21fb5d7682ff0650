import { useTranslation } from '../i18n/use-translation.tsx';
import type { ChainName } from '../../domain/model/names.ts';
import type { Rule } from '../../domain/model/ruleset.ts';
import { serializeRule } from '../../domain/parse/serialize-save.ts';

interface RuleTableProps {
  chain: ChainName;
  rules: readonly Rule[];
  /** Per rule, what the simulator cannot be sure of: marked on the rule. */
  unsupported?: readonly (readonly string[])[];
}

/**
 * A chain's rules, one per row: its target, the rule in iptables-save's
 * canonical form (whatever format it was pasted in), and the line it came from.
 */
export function RuleTable({ chain, rules, unsupported = [] }: RuleTableProps) {
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
          <th scope="col" className="rules-line">
            {t('rules.line')}
          </th>
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
              <code title={rule.origin?.raw.trim()}>{ruleText(rule, chain)}</code>
              <Unsupported reasons={unsupported[index] ?? []} />
            </td>
            <td className="rules-line">{rule.origin?.line ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The rule without its `-A CHAIN` prefix, which the chain's heading already says. */
function ruleText(rule: Rule, chain: ChainName): string {
  return serializeRule(rule, chain).slice(`-A ${chain}`.length).trim();
}

/** A mark on a rule the simulator cannot be sure of, with the reasons. */
export function Unsupported({ reasons }: { reasons: readonly string[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <span className="unsupported">
      <span className="badge badge-uncertain">{t('rules.uncertain')}</span>{' '}
      <span lang="en">{reasons.join('; ')}</span>
    </span>
  );
}

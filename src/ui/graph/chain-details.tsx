import { useMemo } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { Chain, Counters } from '../../domain/model/ruleset.ts';
import { serializeRule } from '../../domain/parse/serialize-save.ts';
import { ruleKey } from '../../graph/ids.ts';
import type { ChainNode, HookTableNode } from '../../graph/types.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useSessionAnswer } from '../use-session-answer.ts';

type RuleNode = ChainNode | HookTableNode;

const counterText = (counters: Counters) => `[${counters.packets}:${counters.bytes}]`;

/** The chain's declaration as iptables-save writes it: `:KUBE-SERVICES - [0:0]`. */
const declaration = (chain: Chain) =>
  `:${chain.name} ${chain.policy ?? '-'} ${counterText(chain.counters ?? { packets: 0n, bytes: 0n })}`;

/**
 * A chain in full, from the dump itself rather than the graph (which draws a
 * long chain's first, last and jumping rules only): its declaration and every
 * rule, with `-c` counters when the dump had them, each by its source line.
 * The rules the graph draws can be picked for their own details.
 */
export function ChainDetails({ node }: { node: RuleNode }) {
  const { t } = useTranslation();
  const select = useKpvizStore((state) => state.select);
  const name = node.kind === 'chain' ? node.chain : node.hook;
  const chain = useSessionAnswer(node.id, (session) => session.query('chain', node.id))?.chain;
  const drawn = useMemo(() => new Set(node.rules.map((rule) => rule.key)), [node]);
  // KUBE-SERVICES of a big cluster has thousands of rules: written out once per chain.
  const texts = useMemo(
    () =>
      chain?.rules.map((rule) => {
        const text = serializeRule(rule, name);
        return rule.counters ? `${counterText(rule.counters)} ${text}` : text;
      }) ?? [],
    [chain, name],
  );
  const count = chain?.rules.length ?? node.ruleCount ?? node.rules.length;

  return (
    <>
      <h3 className="details-title">
        {node.kind === 'chain'
          ? t('details.chain', { chain: node.chain })
          : t('details.hook', { table: node.table, hook: node.hook })}
      </h3>
      <dl className="details-facts">
        <dt>{t('details.table')}</dt>
        <dd>{node.table}</dd>
        {node.kind === 'chain' && node.label !== undefined && (
          <>
            <dt>{t('details.service')}</dt>
            <dd>{node.label}</dd>
          </>
        )}
        {node.kind === 'hook' && node.policy !== undefined && (
          <>
            <dt>{t('details.policy')}</dt>
            <dd>
              {node.policyAssumed === true
                ? t('graph.policyAssumed', { policy: node.policy })
                : node.policy}
            </dd>
          </>
        )}
        <dt>{t('details.rules')}</dt>
        <dd>{count}</dd>
      </dl>
      {chain !== undefined && (
        <>
          <h4>{t('details.save')}</h4>
          <ol className="details-rules">
            <li>
              <div className="details-rule">
                <SourceLine line={chain.origin?.line} text={declaration(chain)} />
              </div>
            </li>
            {chain.rules.map((rule, i) => {
              const key = ruleKey(node.table, name, i + 1);
              const line = <SourceLine line={rule.origin?.line} text={texts[i] ?? ''} />;
              return (
                <li key={key}>
                  {drawn.has(key) ? (
                    <button
                      type="button"
                      className="details-rule"
                      onClick={() => select({ node: node.id, rule: key })}
                    >
                      {line}
                    </button>
                  ) : (
                    <div className="details-rule">{line}</div>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </>
  );
}

/** A line of the dump with its number, read out as "Line 53 -A …". */
function SourceLine({ line, text }: { line: number | undefined; text: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="visually-hidden">{t('details.line')}</span>{' '}
      <span className="details-line">{line ?? ''}</span> <code>{text}</code>
    </>
  );
}

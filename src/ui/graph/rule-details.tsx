import { useTranslation } from '../i18n/use-translation.tsx';
import type { ChainNode, Graph, HookTableNode, RuleLine } from '../../graph/types.ts';
import { isDrawn } from '../../graph/ids.ts';
import { useKpvizStore } from '../../store/store.ts';

interface RuleDetailsProps {
  graph: Graph;
  node: ChainNode | HookTableNode;
  rule: RuleLine;
}

/** One rule in full, and the way on: the chain it jumps to, and back to its own chain. */
export function RuleDetails({ graph, node, rule }: RuleDetailsProps) {
  const { t } = useTranslation();
  const select = useKpvizStore((state) => state.select);
  const jumpTo = useKpvizStore((state) => state.jumpTo);
  const owner =
    node.kind === 'chain' ? node.chain : t('graph.hook', { table: node.table, hook: node.hook });
  const target = rule.targetId;
  const hidden = target !== undefined && !isDrawn(graph, target);
  return (
    <>
      <h3 className="details-title">{t('details.rule', { index: rule.index, chain: owner })}</h3>
      <pre className="details-text">
        <code>{rule.text}</code>
      </pre>
      <dl className="details-facts">
        <dt>{t('details.line')}</dt>
        <dd>{rule.line ?? t('details.noLine')}</dd>
        <dt>{t('details.target')}</dt>
        <dd>
          {rule.goto && <span className="badge">{t('graph.goto')}</span>}
          {rule.target === '' ? t('graph.noTarget') : rule.target}
          {rule.targetSummary !== undefined && ` ${rule.targetSummary}`}
        </dd>
        {rule.summary !== '' && (
          <>
            <dt>{t('details.matches')}</dt>
            <dd>{rule.summary}</dd>
          </>
        )}
        {rule.comment !== undefined && (
          <>
            <dt>{t('details.comment')}</dt>
            <dd>{rule.comment}</dd>
          </>
        )}
        {rule.unsupported !== undefined && (
          <>
            <dt>{t('details.uncertain')}</dt>
            <dd lang="en">{rule.unsupported.join('; ')}</dd>
          </>
        )}
        {rule.packets !== undefined && (
          <>
            <dt>{t('details.packets')}</dt>
            <dd>{rule.packets.toString()}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {target !== undefined && (
          <button type="button" onClick={() => jumpTo({ node: target })}>
            {t(hidden ? 'details.showChain' : 'details.goTo', { chain: rule.target })}
          </button>
        )}
        <button type="button" onClick={() => select({ node: node.id })}>
          {t('details.chainOf', { chain: owner })}
        </button>
      </div>
    </>
  );
}

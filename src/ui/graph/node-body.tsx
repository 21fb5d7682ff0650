import { memo, useDeferredValue, useEffect, useMemo, useState, type MouseEvent } from 'react';
import type { TFunction } from '../i18n/i18n.ts';
import { useTranslation } from '../i18n/use-translation.tsx';
import { bodyRows, rowCount } from '../../graph/rows.ts';
import type { ChainNode, HookTableNode, RuleLine } from '../../graph/types.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useGraphHighlight } from './graph-highlight.ts';
import { heatLevel } from './heat.ts';
import { whenRowsFit } from './row-batches.ts';

interface NodeBodyProps {
  node: ChainNode | HookTableNode;
  heatMax: bigint;
}

/**
 * A chain's body, row for row as the builder sized it (src/graph/rows.ts): one
 * line per rule (target, short matches, comment), a marker where a long chain's
 * rules are left out, and a built-in chain's policy. A rule that jumps to a
 * chain drawn has a source handle in the middle of its line (node-handles.tsx),
 * so its edge leaves from the line itself, as a reader follows it.
 *
 * The rows follow their node: React Flow mounts a new dump's nodes (their
 * boxes, sized by the builder, and their handles) in one task it cannot split;
 * a new node's rows, most of the work, come in a later frame, a few nodes' a
 * frame (row-batches.ts), and a changed node's in a deferred render.
 */
/**
 * The nodes whose rows have been let in: React Flow mounts only the nodes in view, so a
 * node panned out of view and back mounts again, and its rows need not wait again.
 */
const LET_IN = new WeakSet<NodeBodyProps['node']>();

export const NodeBody = memo(function NodeBody(props: NodeBodyProps) {
  const { t } = useTranslation();
  // The rows it draws (none when collapsed): what it asks a frame for.
  const drawn =
    props.node.kind === 'chain' && props.node.collapsed
      ? 0
      : rowCount(props.node, props.node.kind === 'hook');
  // A node drawn before (scrolled back into view, say) shows its rows at once.
  const [letIn, setLetIn] = useState(() => drawn === 0 || LET_IN.has(props.node));
  useEffect(() => {
    if (letIn) return undefined;
    const node = props.node;
    return whenRowsFit(drawn, () => {
      LET_IN.add(node);
      setLetIn(true);
    });
  }, [letIn, drawn, props.node]);
  const deferred = useDeferredValue(props.node);
  const node = letIn ? deferred : null;
  const heatMax = useDeferredValue(props.heatMax);
  const rows = useMemo(() => (node === null ? [] : bodyRows(node)), [node]);
  const highlight = useGraphHighlight();
  const selectedRule = useKpvizStore((state) =>
    state.selection?.node === props.node.id ? state.selection.rule : undefined,
  );
  const select = useKpvizStore((state) => state.select);
  const onClick = (event: MouseEvent, rule: RuleLine) => {
    // The rule, not its chain: React Flow's node click would select the chain.
    event.stopPropagation();
    select({ node: props.node.id, rule: rule.key });
  };
  if (node === null || rows.length === 0) return null;
  return (
    <ol className="node-body">
      {rows.map((row) => {
        switch (row.kind) {
          case 'rule': {
            const { rule } = row;
            const classes = ['rule-line'];
            if (rule.key === selectedRule) classes.push('is-selected');
            if (highlight.rules.has(rule.key)) classes.push('is-match');
            return (
              <li
                key={rule.key}
                data-rule={rule.key}
                className={classes.join(' ')}
                title={rule.text}
                // Reached from its chain by Enter, then ↑ ↓ (graph-keys.ts), not by Tab.
                tabIndex={-1}
                aria-current={rule.key === selectedRule ? 'true' : undefined}
                onClick={(event) => onClick(event, rule)}
              >
                <RuleText rule={rule} heatMax={heatMax} t={t} />
              </li>
            );
          }
          case 'gap':
            return (
              <li key={`gap-${row.from}`} className="body-note">
                {t('graph.gap', { from: row.from, to: row.to, count: row.to - row.from + 1 })}
              </li>
            );
          case 'empty':
            return (
              <li key="empty" className="body-note">
                {t('graph.noRules')}
              </li>
            );
          case 'policy':
            return (
              <li key="policy" className={`body-policy policy-${row.policy.toLowerCase()}`}>
                {t(
                  node.kind === 'hook' && node.policyAssumed === true
                    ? 'graph.policyAssumed'
                    : 'chain.policy',
                  { policy: row.policy },
                )}
              </li>
            );
        }
      })}
    </ol>
  );
});

/**
 * A rule line's words. It takes its chain's `t`: useTranslation in each of a
 * graph's hundreds of lines cost a quarter of the render that shows a new dump.
 */
function RuleText({ rule, heatMax, t }: { rule: RuleLine; heatMax: bigint; t: TFunction }) {
  const packets =
    rule.packets === undefined ? undefined : t('graph.packets', { count: Number(rule.packets) });
  return (
    <>
      <span className="rule-target">
        {rule.goto && <span className="badge">{t('graph.goto')}</span>}
        {rule.target === '' ? t('graph.noTarget') : rule.target}
        {rule.targetSummary !== undefined && (
          <span className="rule-target-options"> {rule.targetSummary}</span>
        )}
      </span>
      {rule.summary !== '' && <span className="rule-summary">{rule.summary}</span>}
      {rule.comment !== undefined && <span className="rule-comment">{rule.comment}</span>}
      {rule.unsupported !== undefined && (
        <span
          className="badge badge-uncertain rule-uncertain"
          title={rule.unsupported.join('; ')}
          aria-label={t('graph.uncertain', { reasons: rule.unsupported.join('; ') })}
          role="img"
        >
          ?
        </span>
      )}
      {packets !== undefined && (
        <span
          className={`heat heat-${heatLevel(rule.packets, heatMax)}`}
          role="img"
          aria-label={packets}
          title={packets}
        />
      )}
    </>
  );
}

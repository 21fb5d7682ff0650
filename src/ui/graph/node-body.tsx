import { Handle, Position, useStoreApi } from '@xyflow/react';
import { memo, useDeferredValue, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { TFunction } from '../i18n/i18n.ts';
import { useTranslation } from '../i18n/use-translation.tsx';
import { bodyRows, type BodyRow } from '../../graph/rows.ts';
import type { ChainNode, HookTableNode, RuleLine } from '../../graph/types.ts';
import { useKpvizStore } from '../../store/store.ts';
import { OUT_HANDLE } from './flow-elements.ts';
import { useGraphHighlight } from './graph-highlight.ts';
import { heatLevel } from './heat.ts';
import { remeasure } from './remeasure.ts';

interface NodeBodyProps {
  node: ChainNode | HookTableNode;
  heatMax: bigint;
  ruleHandles: ReadonlySet<string>;
}

const NO_HANDLES: ReadonlySet<string> = new Set();

/**
 * A chain's body, row for row as the builder sized it (src/graph/rows.ts): one
 * line per rule (target, short matches, comment), a marker where a long chain's
 * rules are left out, and a built-in chain's policy. A rule that jumps to a
 * chain drawn has its own source handle (id = the rule's key), so its edge
 * leaves from the line itself, as a reader follows it.
 *
 * The rows follow their node in a deferred render: React Flow mounts a new
 * dump's nodes (their boxes, sized by the builder) in one task it cannot
 * split, and the rows, most of the work, come after it in slices. Once they
 * are in, React Flow measures the handles they hold: it measures by itself
 * only a node that resizes, and neither new rows nor a new handle resize one.
 */
export const NodeBody = memo(function NodeBody(props: NodeBodyProps) {
  const { t } = useTranslation();
  const node = useDeferredValue<NodeBodyProps['node'] | null>(props.node, null);
  const ruleHandles = useDeferredValue(props.ruleHandles, NO_HANDLES);
  const heatMax = useDeferredValue(props.heatMax);
  const rows = useMemo(() => (node === null ? [] : bodyRows(node)), [node]);
  useMeasuredHandles(props.node.id, node === null ? null : handlesKey(rows, ruleHandles));
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
                {ruleHandles.has(rule.key) && (
                  <Handle
                    type="source"
                    position={Position.Right}
                    id={rule.key}
                    isConnectable={false}
                  />
                )}
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
                {/* Packets no rule decided on carry on along the hook's flow edge from here. */}
                <Handle
                  type="source"
                  position={Position.Right}
                  id={OUT_HANDLE}
                  isConnectable={false}
                />
              </li>
            );
        }
      })}
    </ol>
  );
});

/** Where the rows put their handles: a new key means React Flow must measure them again. */
const handlesKey = (rows: readonly BodyRow[], ruleHandles: ReadonlySet<string>): string =>
  rows
    .map((row) =>
      row.kind === 'policy'
        ? `policy@${row.top}`
        : row.kind === 'rule' && ruleHandles.has(row.rule.key)
          ? `${row.rule.key}@${row.top}`
          : '',
    )
    .join('\n');

/** Has React Flow measure the node's handles when the rows on screen put them elsewhere. */
function useMeasuredHandles(node: string, key: string | null): void {
  const store = useStoreApi();
  const measured = useRef<string | null>(null);
  useEffect(() => {
    if (key === null || key === measured.current) return;
    measured.current = key;
    remeasure(store, node);
  }, [key, node, store]);
}

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

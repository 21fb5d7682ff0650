import { useId, useMemo } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { Graph } from '../../graph/types.ts';
import { selectSelection } from '../../store/graph-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useSessionAnswer } from '../use-session-answer.ts';
import { ChainDetails } from './chain-details.tsx';
import { RuleDetails } from './rule-details.tsx';

/**
 * The chain or rule picked in the graph, in full: every rule as iptables-save
 * writes it, with the line of the dump it came from.
 */
export function DetailsPanel({ graph }: { graph: Graph }) {
  const { t } = useTranslation();
  const headingId = useId();
  const selection = useKpvizStore(selectSelection);
  const node = useMemo(
    () => graph.nodes.find((candidate) => candidate.id === selection?.node),
    [graph, selection],
  );
  const ruleKey = selection?.rule;
  const drawn = useMemo(
    () =>
      ruleKey === undefined || node === undefined || node.kind === 'stage'
        ? undefined
        : node.rules.find((candidate) => candidate.key === ruleKey),
    [node, ruleKey],
  );
  // A rule a long chain does not draw (a search result) comes from the dump itself.
  const asked = useSessionAnswer(
    ruleKey === undefined || drawn !== undefined ? null : ruleKey,
    (session) => session.query('rule', ruleKey ?? ''),
  );
  const rule = drawn ?? (ruleKey === undefined ? undefined : asked);

  return (
    <section className="details" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('details.heading')}</h2>
      {node === undefined || node.kind === 'stage' ? (
        <p className="muted">{t('details.empty')}</p>
      ) : rule === undefined ? (
        <ChainDetails node={node} />
      ) : (
        <RuleDetails graph={graph} node={node} rule={rule} />
      )}
    </section>
  );
}

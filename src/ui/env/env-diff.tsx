import { useId } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { RuleDifference } from '../../domain/env/rules-diff.ts';
import { selectEnvDiff } from '../../store/env-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/** Rules listed per kind; a profile switch rewrites hundreds, and the first ones tell the story. */
const LISTED = 100;

/** One rule as iptables-save writes it, with its table: KUBE-SERVICES is in nat and filter. */
function RuleText({ table, text }: { table: string; text: string }) {
  return (
    <>
      <span className="badge">{table}</span>
      <code>{text}</code>
    </>
  );
}

function DiffList({
  title,
  items,
  kind,
}: {
  title: string;
  items: readonly RuleDifference[];
  kind: 'added' | 'removed' | 'changed';
}) {
  const { t } = useTranslation();
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className={`env-diff-${kind}`}>
      <h4 id={headingId}>
        {title} ({items.length})
      </h4>
      <ul>
        {items.slice(0, LISTED).map((item, i) => (
          <li key={i}>
            {kind === 'changed' ? (
              <>
                <del aria-label={t('env.diff.before')}>
                  <RuleText table={item.table} text={item.before?.text ?? ''} />
                </del>
                <ins aria-label={t('env.diff.after')}>
                  <RuleText table={item.table} text={item.after?.text ?? ''} />
                </ins>
              </>
            ) : (
              <RuleText table={item.table} text={(item.after ?? item.before)?.text ?? ''} />
            )}
          </li>
        ))}
      </ul>
      {items.length > LISTED && (
        <p className="muted">{t('env.diff.more', { count: items.length - LISTED })}</p>
      )}
    </section>
  );
}

/**
 * What the last valid change did to kube-proxy's rules: those that appeared, vanished, or
 * stayed in their place and changed (scaling 3 → 4 pods rewrites the Service chain's
 * probabilities 1/3, 1/2 into 1/4, 1/3, 1/2).
 */
export function EnvDiff() {
  const { t } = useTranslation();
  const headingId = useId();
  const diff = useKpvizStore(selectEnvDiff);
  const chains = (list: readonly { table: string; chain: string }[]) =>
    list.map((c) => `${c.table}/${c.chain}`).join(', ');
  const total = diff ? diff.added.length + diff.removed.length + diff.changed.length : 0;
  return (
    <section className="env-diff" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('env.diff.heading')}</h3>
      {diff === null && <p className="muted">{t('env.diff.empty')}</p>}
      {diff !== null && total === 0 && <p>{t('env.diff.none')}</p>}
      {diff !== null && total > 0 && (
        <>
          <p>
            {t('env.diff.summary', {
              added: diff.added.length,
              removed: diff.removed.length,
              changed: diff.changed.length,
              unchanged: diff.unchanged,
            })}
          </p>
          {diff.addedChains.length > 0 && (
            <p>{t('env.diff.chainsAdded', { chains: chains(diff.addedChains) })}</p>
          )}
          {diff.removedChains.length > 0 && (
            <p>{t('env.diff.chainsRemoved', { chains: chains(diff.removedChains) })}</p>
          )}
          <DiffList title={t('env.diff.changed')} items={diff.changed} kind="changed" />
          <DiffList title={t('env.diff.added')} items={diff.added} kind="added" />
          <DiffList title={t('env.diff.removed')} items={diff.removed} kind="removed" />
        </>
      )}
    </section>
  );
}

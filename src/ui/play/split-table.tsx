import { useTranslation } from '../i18n/use-translation.tsx';
import type { Fraction, RandomSplit } from '../../domain/play/split.ts';
import { fractionText, likelyRange, shareDecimals } from '../../domain/play/split.ts';
import type { SplitNumbers } from './split-format.ts';

/** What a sample of new connections did: how many went to each branch, by branch order. */
export interface Observed {
  readonly total: number;
  readonly counts: readonly number[];
}

/**
 * The split as a table, one row per branch: what the rule says, what the kernel holds, the
 * chance of getting to the rule, the endpoint's share — and, once packets were sent, how
 * many each endpoint got beside the range chance alone explains.
 */
export function SplitTable({
  split,
  numbers,
  observed,
}: {
  split: RandomSplit;
  numbers: SplitNumbers;
  observed: Observed | undefined;
}) {
  const { t } = useTranslation();
  const digits = shareDecimals(split.branches.map((b) => b.share));
  /** The meant fraction with the kernel's value beside it (once where they read the same). */
  const value = (x: number, meant: Fraction | undefined): string => {
    const decimal = numbers.decimal(x, digits);
    const fraction = meant && fractionText(meant);
    return fraction === undefined || fraction === decimal
      ? decimal
      : t('split.meant', { fraction, value: decimal });
  };
  return (
    <table className="split-table">
      <caption>{t('split.caption', { chain: split.chain })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('split.column.rule')}</th>
          <th scope="col">{t('split.column.written')}</th>
          <th scope="col">{t('split.column.held')}</th>
          <th scope="col">{t('split.column.reach')}</th>
          <th scope="col">{t('split.column.share')}</th>
          <th scope="col">{t('split.column.endpoint')}</th>
          {observed && <th scope="col">{t('split.column.observed')}</th>}
          {observed && <th scope="col">{t('split.column.range')}</th>}
        </tr>
      </thead>
      <tbody>
        {split.branches.map((branch, i) => {
          const count = observed?.counts[i] ?? 0;
          const range = observed && likelyRange(observed.total, branch.share);
          return (
            <tr key={branch.index}>
              <th scope="row">{branch.index}</th>
              <td>
                {branch.written === undefined ? (
                  <span className="muted">{t('split.always')}</span>
                ) : (
                  <code>
                    {branch.negated ? '! ' : ''}
                    {branch.written}
                  </code>
                )}
              </td>
              <td>
                <code>{branch.held}</code>
                {branch.stored !== undefined && !branch.negated && (
                  <span className="split-stored muted">
                    {t('split.stored', { stored: branch.stored })}
                  </span>
                )}
              </td>
              <td>{value(branch.reach, branch.exact?.reach)}</td>
              <td>{value(branch.share, branch.exact?.share)}</td>
              <td>
                <code>{branch.address ?? t('split.noAddress')}</code>
                <span className="split-chain muted">{branch.target}</span>
              </td>
              {observed && (
                <td>
                  {t('split.sample.observed', {
                    number: numbers.count(count),
                    percent: numbers.percent(observed.total > 0 ? count / observed.total : 0),
                  })}
                </td>
              )}
              {range && (
                <td>
                  {t('split.sample.range', {
                    low: numbers.count(range.low),
                    high: numbers.count(range.high),
                  })}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

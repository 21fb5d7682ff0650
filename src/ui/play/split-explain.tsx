import { useTranslation } from '../i18n/use-translation.tsx';
import type { RandomSplit, SplitBranch } from '../../domain/play/split.ts';
import { fractionText, shareDecimals } from '../../domain/play/split.ts';
import type { SplitNumbers } from './split-format.ts';

/** Past this many branches the arithmetic names the first two and the last, with … between. */
const SPELLED_OUT = 5;

/** How many connections counting needs before a difference of `spread` stands out of 2σ noise. */
const packetsToSee = (share: number, spread: number): number =>
  (4 * share * (1 - share)) / (spread * spread);

/**
 * Why the split comes out as it does, in sentences: the arithmetic of reach × probability
 * (1/3, then 1/2 of the remaining 2/3 = 1/3, then the rest), why a rule's probability is not
 * its endpoint's share (the seed article's misreading), and how close the kernel's rounded
 * probabilities keep the shares to 1/n.
 */
export function SplitExplanation({
  split,
  numbers,
  list,
}: {
  split: RandomSplit;
  numbers: SplitNumbers;
  /** Joins words as the UI language does (`a, b and c`). */
  list: (items: readonly string[]) => string;
}) {
  return (
    <>
      <p>
        <Arithmetic split={split} list={list} />
      </p>
      <NotShares split={split} list={list} />
      <KernelRounding split={split} numbers={numbers} />
    </>
  );
}

function Arithmetic({
  split,
  list,
}: {
  split: RandomSplit;
  list: (items: readonly string[]) => string;
}) {
  const { t } = useTranslation();
  const { branches } = split;
  if (branches.length === 1 && split.unreached === 0) return t('split.arithmetic.single');
  if (!branches.every((b) => b.exact)) return t('split.arithmetic.inexact');
  const step = (b: SplitBranch, i: number): string => {
    const exact = b.exact;
    if (!exact) return '';
    const values = {
      rule: b.index,
      probability: fractionText(exact.probability),
      reach: fractionText(exact.reach),
      share: fractionText(exact.share),
    };
    if (i === 0) return t('split.arithmetic.first', values);
    if (b.written === undefined) return t('split.arithmetic.rest', values);
    return t('split.arithmetic.next', values);
  };
  const steps = branches.map(step);
  const shown =
    steps.length > SPELLED_OUT
      ? [...steps.slice(0, 2), t('split.arithmetic.more'), ...steps.slice(-1)]
      : steps;
  const shares = branches.map((b) => (b.exact ? fractionText(b.exact.share) : ''));
  return (
    t('split.arithmetic.lead') +
    shown.join(t('split.arithmetic.separator')) +
    t('split.arithmetic.end') +
    (split.even
      ? t('split.arithmetic.even', { n: branches.length })
      : t('split.arithmetic.uneven', { shares: list(shares) }))
  );
}

/**
 * The seed article read 0.33333 and 0.5 as the endpoints' shares. Said wherever a later rule's
 * probability differs from its share: the first such rule is the example.
 */
function NotShares({
  split,
  list,
}: {
  split: RandomSplit;
  list: (items: readonly string[]) => string;
}) {
  const { t } = useTranslation();
  const drawn = split.branches.filter((b) => b.written !== undefined);
  const example = drawn.find((b) => b.reach < 1 && b.exact);
  if (split.even !== true || drawn.length < 2 || !example?.exact) return null;
  const probabilities = split.branches.map((b) => b.written ?? t('split.theRest'));
  return (
    <p>
      {t('split.notShares', {
        probabilities: list(probabilities),
        rule: example.index,
        probability: example.written,
        reach: fractionText(example.exact.reach),
      })}
    </p>
  );
}

/**
 * The kernel holds round(p·2^31)/2^31, not 1/k: how far that (and kube-proxy's rounding to 5
 * or 10 decimals) leaves the shares from 1/n, and how many packets it would take to notice.
 */
function KernelRounding({ split, numbers }: { split: RandomSplit; numbers: SplitNumbers }) {
  const { t } = useTranslation();
  if (split.even !== true || split.branches.length < 2) return null;
  if (split.spread === 0) return <p>{t('split.kernel.exactly')}</p>;
  const n = split.branches.length;
  const shares = split.branches.map((b) => b.share);
  const digits = shareDecimals(shares);
  const min = numbers.decimal(Math.min(...shares), digits);
  const max = numbers.decimal(Math.max(...shares), digits);
  // The first probability the kernel cannot hold as the fraction meant: 1/3, not 1/2.
  const rounded = split.branches.find(
    (b) =>
      b.stored !== undefined && b.exact && b.stored * b.exact.probability.denominator !== 2 ** 31,
  );
  const sentences: string[] = [];
  if (rounded?.stored !== undefined) {
    const values = { written: rounded.written, stored: rounded.stored, held: rounded.held };
    sentences.push(
      rounded.written === rounded.held
        ? t('split.kernel.printed', values)
        : t('split.kernel.held', values),
    );
    const wrote = rounded.kubeProxyWrote;
    const k = rounded.exact?.probability.denominator;
    if (wrote)
      sentences.push(
        t(wrote.decimals === 5 ? 'split.kernel.wrote5' : 'split.kernel.wrote10', {
          text: wrote.text,
          k,
        }),
      );
  }
  if (!split.evenInPractice) {
    sentences.push(t('split.kernel.drift', { n, min, max }));
  } else {
    const spread = numbers.power(split.spread);
    sentences.push(
      n <= SPELLED_OUT
        ? t('split.kernel.close', {
            shares: shares.map((s) => numbers.decimal(s, digits)).join(' / '),
            spread,
          })
        : t('split.kernel.closeRange', { min, max, spread }),
    );
    const packets = numbers.big(packetsToSee(1 / n, split.spread));
    sentences.push(t('split.kernel.detect', { packets }));
  }
  return <p>{sentences.join(t('split.gap'))}</p>;
}

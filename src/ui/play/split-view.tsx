import './split-view.css';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { splitKey } from '../../domain/play/leg-splits.ts';
import { fractionText, likelyRange } from '../../domain/play/split.ts';
import type { EndpointChoice } from '../../domain/play/types.ts';
import { chainId } from '../../graph/ids.ts';
import {
  DEFAULT_CHOICE,
  selectChoice,
  selectPlayback,
  type Playback,
} from '../../store/playback-slice.ts';
import { selectLanguage } from '../../store/settings-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { HTML_LANG } from '../i18n/i18n.ts';
import { SplitExplanation } from './split-explain.tsx';
import { numbersFor, splitPlaceOf } from './split-format.ts';
import { SplitTable, type Observed } from './split-table.tsx';
import { useSplitSample } from './use-split-sample.ts';

type ReadyPlayback = Extract<Playback, { status: 'ready' }>;

/**
 * The random split the playing scenario's request went through, as the play answer carries it
 * (endpoint addresses included): each rule's probability,
 * the chance of reaching it and the endpoint's resulting share (1/3 each for the seed, and
 * why the article's "uneven" misreads it); the endpoint the scenario takes; and 1,000 new
 * connections sent to compare the observed spread with the exact shares. Renders nothing
 * while no played request met a KUBE-SVC/SVL split.
 */
export function SplitView() {
  const { t } = useTranslation();
  const headingId = useId();
  const choiceId = useId();
  const playback = useKpvizStore(selectPlayback);
  const choice = useKpvizStore(selectChoice);
  const setChoice = useKpvizStore((state) => state.setChoice);
  const language = useKpvizStore(selectLanguage);
  const numbers = useMemo(() => numbersFor(language), [language]);
  const list = useMemo(() => {
    const format = new Intl.ListFormat(HTML_LANG[language], { type: 'conjunction' });
    return (items: readonly string[]) => format.format(items);
  }, [language]);

  // While a new choice replays the scenario, keep showing the last play rather than blinking.
  const [lastReady, setLastReady] = useState<ReadyPlayback>();
  if (playback.status === 'ready' && playback !== lastReady) setLastReady(playback);
  const ready =
    playback.status === 'ready' ? playback : playback.status === 'running' ? lastReady : undefined;
  const place = ready && splitPlaceOf(ready);
  const node = place ? chainId(place.table, place.chain) : null;
  const request = ready?.legs.find((leg) => leg.role === 'request');
  const split = place && request?.splits?.[splitKey(place.table, place.chain)];
  const sample = useSplitSample(
    node && request ? `${node} ${JSON.stringify(request.packet)}` : null,
  );
  if (!split || !ready || !request) return null;

  // Until the user chooses, the scenario's own choice plays (a hairpin's sender itself).
  const played: EndpointChoice = choice ?? ready.plan.choice ?? DEFAULT_CHOICE;
  const choose = (next: EndpointChoice) => void setChoice(next);
  const packets = numbers.count(1000);
  const result = sample.result;
  const observed: Observed | undefined = result?.ok
    ? {
        total: result.count,
        counts: split.branches.map((b) =>
          result.outcomes.filter((o) => o.dnat === b.address).reduce((n, o) => n + o.count, 0),
        ),
      }
    : undefined;
  const other = observed ? observed.total - observed.counts.reduce((a, b) => a + b, 0) : 0;
  const first = split.branches[0];

  return (
    <section className="panel split-view" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('split.heading')}</h2>
      <p>{t('split.intro', { chain: split.chain })}</p>
      {split.affinity.length > 0 && (
        <p>
          {t('split.affinity', {
            count: split.affinity.length,
            rules: list(split.affinity.map((a) => String(a.index))),
          })}
        </p>
      )}
      <div className="split-scroll">
        <SplitTable split={split} numbers={numbers} observed={observed} />
      </div>
      {split.unreached > 0 && (
        <p>{t('split.unreached', { share: numbers.percent(split.unreached) })}</p>
      )}
      <SplitExplanation split={split} numbers={numbers} list={list} />

      <fieldset className="split-choice" role="radiogroup" aria-labelledby={choiceId}>
        <legend id={choiceId}>{t('split.choice.legend')}</legend>
        <label>
          <input
            type="radio"
            name={choiceId}
            checked={played.kind === 'random'}
            onChange={() => choose({ kind: 'random', seed: 1 })}
          />
          {t('split.choice.random')}
        </label>
        {split.branches.map((branch, i) => {
          const address = branch.address;
          return (
            <label key={branch.index}>
              <input
                type="radio"
                name={choiceId}
                disabled={address === undefined}
                checked={played.kind === 'endpoint' && played.dnat === address}
                onChange={() =>
                  address !== undefined && choose({ kind: 'endpoint', dnat: address })
                }
              />
              {t('split.choice.endpoint', { n: i + 1, address: address ?? t('split.noAddress') })}
            </label>
          );
        })}
        {played.kind === 'random' && (
          <button type="button" onClick={() => choose({ kind: 'random', seed: played.seed + 1 })}>
            {t('split.choice.again')}
          </button>
        )}
      </fieldset>

      <div className="split-sample">
        <button
          type="button"
          disabled={sample.sending}
          onClick={() => sample.send(request.packet, ready.plan.model)}
        >
          {t('split.sample.button', { packets })}
        </button>
        <p role="status">
          {sample.sending && t('split.sample.sending', { packets })}
          {result && !result.ok && t('split.sample.failed', { message: result.message })}
          {observed &&
            t('split.sample.result', {
              packets: numbers.count(observed.total),
              counts: list(
                split.branches.map((b, i) =>
                  t('split.sample.item', {
                    number: numbers.count(observed.counts[i] ?? 0),
                    address: b.address ?? b.target,
                  }),
                ),
              ),
            })}
          {other > 0 && t('split.gap') + t('split.sample.other', { number: numbers.count(other) })}
        </p>
        {observed && first && (
          <p className="muted">
            {t('split.sample.honest', {
              packets: numbers.count(observed.total),
              margin: numbers.count(Math.round(likelyRange(observed.total, first.share).margin)),
              share: first.exact
                ? fractionText(first.exact.share)
                : numbers.decimal(first.share, 4),
            })}
          </p>
        )}
      </div>
    </section>
  );
}

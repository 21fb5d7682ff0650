import { useEffect, useRef } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { Frame } from '../../domain/play/types.ts';
import { selectPlayback, selectStep } from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { stepPlace } from './step-label.ts';

/** The frames of one packet, with their indexes in the whole playback. */
interface LegRun {
  readonly leg: number;
  readonly frames: readonly { readonly frame: Frame; readonly at: number }[];
}

function byLeg(frames: readonly Frame[]): LegRun[] {
  const runs: { leg: number; frames: { frame: Frame; at: number }[] }[] = [];
  frames.forEach((frame, at) => {
    const run = runs.at(-1);
    if (run?.leg === frame.leg) run.frames.push({ frame, at });
    else runs.push({ leg: frame.leg, frames: [{ frame, at }] });
  });
  return runs;
}

/**
 * Every step of every packet, as buttons: a click goes to that step. The packets (request,
 * reply, same connection) each get a row, so the way back reads as its own walk.
 */
export function Timeline() {
  const { t } = useTranslation();
  const playback = useKpvizStore(selectPlayback);
  const step = useKpvizStore(selectStep);
  const stepTo = useKpvizStore((state) => state.stepTo);
  const nav = useRef<HTMLElement>(null);
  // Where the steps scroll (an embed on a phone caps their height), the one played stays in
  // sight. Only the timeline scrolls: scrollIntoView would move the docs page around an embed.
  useEffect(() => {
    const box = nav.current;
    const current = box?.querySelector('[aria-current="step"]');
    if (!box || !current || box.scrollHeight <= box.clientHeight) return;
    const at = current.getBoundingClientRect();
    const view = box.getBoundingClientRect();
    if (at.top < view.top) box.scrollTop -= view.top - at.top;
    else if (at.bottom > view.bottom) box.scrollTop += at.bottom - view.bottom;
  }, [step, playback]);
  if (playback.status !== 'ready') return null;

  return (
    <nav ref={nav} className="play-timeline" aria-label={t('play.timeline')}>
      {byLeg(playback.frames).map((run) => {
        const leg = playback.legs[run.leg];
        return (
          <section key={run.leg} className={`play-leg play-leg-${leg?.role ?? 'request'}`}>
            <h3>
              {t('play.leg', { role: t(`play.role.${leg?.role ?? 'request'}`), label: leg?.label })}
            </h3>
            <ol>
              {run.frames.map(({ frame, at }) => (
                <li key={at}>
                  <button
                    type="button"
                    className={stepClass(frame)}
                    aria-current={at === step ? 'step' : undefined}
                    title={stepPlace(frame, t)}
                    aria-label={`${String(at + 1)}. ${stepPlace(frame, t)}`}
                    onClick={() => stepTo(at)}
                  >
                    {at + 1}
                  </button>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </nav>
  );
}

/** Rules that matched, rules passed over, and events look apart at a glance. */
function stepClass(frame: Frame): string {
  const { step } = frame;
  if (step.kind === 'skip') return 'step step-passed';
  if (step.kind === 'rule') return step.matched ? 'step step-matched' : 'step step-passed';
  return frame.changed.length > 0 ? 'step step-event step-changes' : 'step step-event';
}

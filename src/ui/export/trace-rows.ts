/**
 * A playback as the rows of its Markdown table, in the UI's language: the words the player's
 * timeline, Packet and Narration panels show for each step, gathered into one row.
 */
import type { TFunction } from '../i18n/i18n.ts';
import { narrate } from '../../domain/play/narration.ts';
import type { Frame } from '../../domain/play/types.ts';
import {
  narrationContextOf,
  playRule,
  type ReadyPlayback,
  type ScenarioId,
} from '../../store/playback-slice.ts';
import { scenarioName } from '../play/scenario-name.ts';
import { stepPlace } from '../play/step-label.ts';
import { effectText, flowText, hex, percent } from '../trace/format.ts';
import type { TraceColumns, TraceDocument, TraceRow } from './trace-markdown.ts';

/** Where the step happens: an event's table and hook; a rule's table, hook, chain and index. */
function where(frame: Frame, t: TFunction): string {
  const { step } = frame;
  if (step.kind === 'event') return [step.table, step.chain ?? step.hook].filter(Boolean).join(' ');
  return `${step.table} ${step.hook} · ${stepPlace(frame, t)}`;
}

/** What the step did, as the Trace's steps say it. */
function whatHappened(frame: Frame, t: TFunction): string {
  const { step } = frame;
  switch (step.kind) {
    case 'event':
      return t(`play.event.${step.event}`);
    case 'skip':
      return step.first === step.last
        ? t('trace.skipOne', { first: step.first })
        : t('trace.skipMany', { first: step.first, last: step.last });
    case 'rule': {
      if (!step.matched)
        return step.failed === undefined
          ? t('trace.passedOver')
          : `${t('trace.passedOver')}: ${step.failed}`;
      const parts = [`${t('trace.matched')} → ${step.verdict ?? 'continue'}`];
      if (step.effect) parts.push(effectText(step.effect));
      if (step.probability !== undefined)
        parts.push(t('trace.random', { percent: percent(step.probability) }));
      return parts.join(' · ');
    }
  }
}

/** `after`, or `before → after` where the step changed it. */
const changed = (before: string, after: string): string =>
  before === after ? after : `${before} → ${after}`;

/**
 * Every step of the playback as a row of translated cells, in the order they play: the place,
 * the rule, what happened, the packet after the step and the narration's sentences.
 */
export function traceRows(playback: ReadyPlayback, t: TFunction): TraceRow[] {
  const { frames } = playback;
  const context = narrationContextOf(playback);
  // The domain's keys are plain strings; its catalogue test checks each against both languages.
  const say = t as unknown as (
    key: string,
    values: Readonly<Record<string, string | number>>,
  ) => string;
  const none = t('play.noneValue');
  return frames.map((frame): TraceRow => {
    const { step, before, after } = frame;
    // A rule looked at, or the one rule a skip step passed over.
    const index =
      step.kind === 'rule'
        ? step.index
        : step.kind === 'skip' && step.first === step.last
          ? step.first
          : undefined;
    const rule =
      step.kind === 'event' || index === undefined
        ? undefined
        : playRule(playback, step.table, step.chain, index)?.text;
    return {
      packet: t(`play.role.${frame.role}`),
      where: where(frame, t),
      ...(rule === undefined ? {} : { rule }),
      what: whatHappened(frame, t),
      flow: flowText(after),
      mark: changed(hex(before.mark), hex(after.mark)),
      ctState: changed(before.ctState ?? none, after.ctState ?? none),
      narration: narrate(frame, context)
        .map((sentence) => say(sentence.key, sentence.values))
        .join(t('split.gap')),
    };
  });
}

/**
 * The Markdown document of a playback: its scenario's name, then a row per step.
 *
 * @example
 *   traceMarkdown(traceDocument(playback, 'nodeport-external', t));
 */
export function traceDocument(
  playback: ReadyPlayback,
  scenario: ScenarioId | null,
  t: TFunction,
): TraceDocument {
  const columns: TraceColumns = {
    step: t('export.trace.step'),
    packet: t('play.packet'),
    where: t('play.where'),
    rule: t('play.rule'),
    what: t('export.trace.what'),
    flow: t('export.trace.flow'),
    mark: t('play.field.mark'),
    ctState: t('play.field.ctState'),
    narration: t('play.narration'),
  };
  return {
    title: t('export.trace.title', { scenario: scenarioName(scenario, t) }),
    columns,
    rows: traceRows(playback, t),
  };
}

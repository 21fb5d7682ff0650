import type { TFunction } from '../i18n/i18n.ts';
import type { Frame } from '../../domain/play/types.ts';

/**
 * Where a step happens, as short as a timeline button can say it: the rule (`KUBE-SERVICES
 * #2`), the rules passed over, the table and hook of an event, or the event alone.
 */
export function stepPlace(frame: Frame, t: TFunction): string {
  const { step } = frame;
  switch (step.kind) {
    case 'rule':
      return `${step.chain} #${step.index}`;
    case 'skip':
      return step.first === step.last
        ? `${step.chain} #${step.first}`
        : `${step.chain} #${step.first}–${step.last}`;
    case 'event': {
      const at = [step.table, step.chain ?? step.hook].filter(Boolean).join(' ');
      const what = t(`play.event.${step.event}`);
      return at === '' ? what : `${what} · ${at}`;
    }
  }
}

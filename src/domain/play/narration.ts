/**
 * The narration of a played conversation: for each frame, what happens and — where there is
 * one — why, in the seed article's terms (KUBE-SERVICES, the random split, KUBE-MARK-MASQ,
 * MASQUERADE, conntrack). Narration is catalogue keys with their values, never text: the UI
 * translates them (src/ui/i18n, `narration.*`), so the domain stays free of the UI's translator.
 */
import { narrateEvent } from './narration-events.ts';
import { narrateRule, narrateSkip } from './narration-rules.ts';
import type { RandomSplit } from './split.ts';
import type { Frame } from './types.ts';

/** One sentence: a catalogue key (`narration.…`) and the values it interpolates. */
export interface Narration {
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
}

export interface NarrationContext {
  /** The rule's text as iptables -S would print it (`-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`), when known. */
  readonly ruleText?: (table: string, chain: string, index: number) => string | undefined;
  /**
   * The chain's random split as split.ts reads it (the split view's), when it has one: the
   * play answer's legs carry them (leg-splits.ts, `splitLookup`).
   */
  readonly split?: (table: string, chain: string) => RandomSplit | undefined;
}

/**
 * What a frame's step does and why: one or two sentences.
 *
 * @example
 *   narrate(dnatFrame, { ruleText, split: splitLookup(legs) });
 *   // [{ key: 'narration.kube.dnat', values: { from: '192.168.0.11:32110', to: '172.17.0.2:80' } },
 *   //  { key: 'narration.kube.whyDnat', values: { … } }]
 */
export function narrate(frame: Frame, context?: NarrationContext): Narration[] {
  const { step } = frame;
  switch (step.kind) {
    case 'event':
      return narrateEvent(frame, step);
    case 'rule':
      return narrateRule(frame, step, context);
    case 'skip':
      return narrateSkip(frame, step, context);
  }
}

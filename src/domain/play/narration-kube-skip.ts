/**
 * The narration of kube-proxy's rules a packet passed over: other Services' addresses in
 * KUBE-SERVICES, its last rule (the destination is not the node's own), the hairpin check of a
 * KUBE-SEP chain, the masquerade rule of a KUBE-SVC chain, KUBE-POSTROUTING's mark test.
 */
import type { SkipStep } from '../sim/types.ts';
import type { Narration, NarrationContext } from './narration.ts';
import { clusterIPOf } from './narration-kube-chains.ts';
import { say } from './narration-keys.ts';
import {
  bareAddress,
  commentOf,
  destinationOf,
  markOf,
  MASQ_MARK,
  optionLists,
  optionOf,
  ruleTextOf,
  serviceOf,
  targetOf,
} from './narration-text.ts';
import type { Frame } from './types.ts';

/** The texts of the skipped rules, or undefined when any is unknown. */
function textsOf(step: SkipStep, context: NarrationContext | undefined): string[] | undefined {
  const texts: string[] = [];
  for (let i = step.first; i <= step.last; i++) {
    const text = ruleTextOf(context, step.table, step.chain, i);
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts;
}

/** KUBE-SERVICES' last rule: `-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`. */
const isLocalRule = (text: string): boolean =>
  targetOf(text) === 'KUBE-NODEPORTS' && optionLists(text, 'dst-type', 'LOCAL');

function services(frame: Frame, step: SkipStep, texts: readonly string[]): Narration[] {
  const dst = destinationOf(frame.before);
  const out: Narration[] = [];
  const [only] = texts;
  const address = optionOf(only, 'd');
  if (step.first === step.last && only !== undefined && address) {
    const port = optionOf(only, 'dport')?.value;
    out.push(
      say('kube.servicesPassedOne', {
        first: step.first,
        address:
          port === undefined ? bareAddress(address.value) : `${bareAddress(address.value)}:${port}`,
        service: serviceOf(commentOf(only)) ?? targetOf(only) ?? '',
        dst,
      }),
    );
  } else if (texts.some((t) => optionOf(t, 'd'))) {
    out.push(say('kube.servicesPassedMany', { first: step.first, last: step.last, dst }));
  } else {
    out.push(say('skip.one', { first: step.first, chain: step.chain }));
  }
  const last = texts[texts.length - 1];
  if (last !== undefined && isLocalRule(last))
    out.push(say('kube.whyLocalPassed', { dst: frame.before.dst }));
  return out.slice(0, 2);
}

/** KUBE-SVC's first rule, `! -s <cluster CIDR> -d <ClusterIP> … -j KUBE-MARK-MASQ`, passed over. */
function serviceMasq(frame: Frame, text: string): Narration[] | undefined {
  if (targetOf(text) !== 'KUBE-MARK-MASQ') return undefined;
  const clusterIP = clusterIPOf(text);
  if (clusterIP !== undefined && clusterIP !== frame.before.dst)
    return [say('kube.svcMasqPassedAddress', { dst: frame.before.dst, clusterIP })];
  const source = optionOf(text, 's');
  return source?.negated
    ? [say('kube.svcMasqPassedPod', { src: frame.before.src, cidr: source.value })]
    : undefined;
}

export function narrateKubeSkip(
  frame: Frame,
  step: SkipStep,
  context: NarrationContext | undefined,
): Narration[] | undefined {
  if (step.table !== 'nat') return undefined;
  const texts = textsOf(step, context);
  const single = step.first === step.last ? texts?.[0] : undefined;
  if (step.chain === 'KUBE-SERVICES') return texts && services(frame, step, texts);
  // kube-proxy always writes the hairpin check first in a KUBE-SEP chain.
  if (step.chain.startsWith('KUBE-SEP-') && step.first === 1 && step.last === 1) {
    if (single === undefined || targetOf(single) === 'KUBE-MARK-MASQ')
      return [say('kube.hairpinPassed', { src: frame.before.src })];
    return undefined;
  }
  if (/^KUBE-(SVC|SVL)-/.test(step.chain) && single !== undefined)
    return serviceMasq(frame, single);
  if (step.chain === 'KUBE-POSTROUTING') {
    // v1.19+: `-m mark ! --mark 0x4000/0x4000 -j RETURN` passed over means the mark is set.
    const returnRule = single !== undefined && targetOf(single) === 'RETURN' ? single : undefined;
    if (returnRule !== undefined && optionOf(returnRule, 'mark')?.negated === true)
      return [say('kube.postroutingMarked', { mark: markOf(returnRule) })];
    const masqueradeRule = texts?.find(
      (t) => targetOf(t) === 'MASQUERADE' && optionOf(t, 'mark') !== undefined,
    );
    const unmarked = (frame.before.mark & MASQ_MARK) === 0;
    if (masqueradeRule !== undefined || (texts === undefined && unmarked))
      return [
        say('kube.postroutingPassed', { mark: markOf(masqueradeRule), src: frame.before.src }),
      ];
  }
  return undefined;
}

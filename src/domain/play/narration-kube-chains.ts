/**
 * The narration of kube-proxy's per-Service chains: KUBE-NODEPORTS, KUBE-EXT-* (traffic from
 * outside, by externalTrafficPolicy), KUBE-FW-* (loadBalancerSourceRanges), KUBE-SVC-* and
 * KUBE-SVL-* (the endpoints, all or this node's), KUBE-SEP-* (one endpoint: hairpin, DNAT).
 */
import type { Narration } from './narration.ts';
import type { KubeRule } from './narration-kube.ts';
import { say } from './narration-keys.ts';
import { inSplit, isDrawn, splitWhy } from './narration-split.ts';
import { bareAddress, optionLists, optionOf } from './narration-text.ts';

function nodePorts(rule: KubeRule): Narration[] | undefined {
  const { frame, target } = rule;
  const dport = frame.before.dport ?? '';
  const service = rule.service ?? target ?? '';
  if (target === 'KUBE-MARK-MASQ')
    return [say('kube.nodePortMark', { dport, service }), say('kube.whyNodePortMasq', {})];
  if (target?.startsWith('KUBE-SVC-')) return [say('kube.nodePortService', { target })];
  if (target?.startsWith('KUBE-EXT-') || target?.startsWith('KUBE-XLB-'))
    return [say('kube.nodePortExt', { dport, service, target }), say('kube.whyNodePortExt', {})];
  return undefined;
}

/** KUBE-EXT-*: masquerade and all endpoints (Cluster), or this node's only (Local). */
function external(rule: KubeRule): Narration[] | undefined {
  const { frame, text, target } = rule;
  const src = frame.before.src;
  const localSource = optionLists(text, 'src-type', 'LOCAL');
  if (target === 'KUBE-MARK-MASQ') {
    return localSource
      ? [say('kube.extLocalMark', { src })]
      : [say('kube.extMark', {}), say('kube.whyNodePortMasq', {})];
  }
  if (target?.startsWith('KUBE-SVC-')) {
    // ETP Local sends pods' own traffic (`-s <cluster CIDR>`) to every endpoint.
    return optionOf(text, 's') && !localSource
      ? [say('kube.extPods', { src, target })]
      : [say('kube.extService', { target })];
  }
  if (target?.startsWith('KUBE-SVL-'))
    return [say('kube.extLocal', { target }), say('kube.whyExtLocal', { src })];
  return undefined;
}

/** KUBE-FW-*: a source within loadBalancerSourceRanges goes on; the rest falls through. */
function firewall(rule: KubeRule): Narration[] | undefined {
  const { frame, target } = rule;
  const src = frame.before.src;
  if (target === undefined || target === 'KUBE-MARK-DROP') return [say('kube.fwOther', { src })];
  if (/^KUBE-(EXT|SVC|XLB)-/.test(target)) return [say('kube.fwAllowed', { src, target })];
  return undefined;
}

/** KUBE-SVC-* / KUBE-SVL-*: masquerade from outside the pod network, affinity, one endpoint. */
function serviceChain(rule: KubeRule): Narration[] | undefined {
  const { frame, step, text, target, context } = rule;
  const src = frame.before.src;
  if (target === 'KUBE-MARK-MASQ') {
    const source = optionOf(text, 's');
    return [
      source?.negated
        ? say('kube.svcMasq', { src, cidr: source.value })
        : say('kube.svcMasqAll', {}),
      say('kube.whySvcMasq', {}),
    ];
  }
  if (!target?.startsWith('KUBE-SEP-')) return undefined;
  if (optionOf(text, 'rcheck') !== undefined) {
    const seconds = optionOf(text, 'seconds')?.value ?? '';
    return [say('kube.affinity', { src, target, seconds }), say('kube.whyAffinity', {})];
  }
  if (step.probability !== undefined) return undefined;
  if (inSplit(step, context)) return [say('random.rest', { target }), ...splitWhy(step, context)];
  // A split that draws nothing is one endpoint's rule, taking every connection; without the
  // split, only the chain's first rule is surely the only endpoint.
  const split = context?.split?.(step.table, step.chain);
  if (split === undefined)
    return step.index === 1 ? [say('kube.onlyEndpoint', { target })] : undefined;
  return !isDrawn(split) && split.branches.some((b) => b.index === step.index)
    ? [say('kube.onlyEndpoint', { target })]
    : undefined;
}

/** KUBE-SEP-*: the hairpin mark, then DNAT to the endpoint. */
function endpointChain(rule: KubeRule): Narration[] | undefined {
  const { frame, step, target } = rule;
  if (target === 'KUBE-MARK-MASQ')
    return [say('kube.hairpin', { src: frame.before.src }), say('kube.whyHairpin', {})];
  if (step.effect?.kind !== 'dnat') return undefined;
  const values = { from: step.effect.from, to: step.effect.to };
  return [say('kube.dnat', values), say('kube.whyDnat', values)];
}

/** The narration of a matched rule of one of kube-proxy's per-Service chains. */
export function kubeChainRule(rule: KubeRule): Narration[] | undefined {
  const chain = rule.step.chain;
  if (chain === 'KUBE-NODEPORTS') return nodePorts(rule);
  if (chain.startsWith('KUBE-EXT-') || chain.startsWith('KUBE-XLB-')) return external(rule);
  if (chain.startsWith('KUBE-FW-')) return firewall(rule);
  if (chain.startsWith('KUBE-SVC-') || chain.startsWith('KUBE-SVL-')) return serviceChain(rule);
  if (chain.startsWith('KUBE-SEP-')) return endpointChain(rule);
  return undefined;
}

/** `10.96.100.10/32` as the ClusterIP a KUBE-SVC masquerade rule is for. */
export const clusterIPOf = (text: string | undefined): string | undefined => {
  const d = optionOf(text, 'd');
  return d && !d.negated ? bareAddress(d.value) : undefined;
};

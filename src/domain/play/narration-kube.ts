/**
 * The narration of kube-proxy's own rules (pkg/proxy/iptables/proxier.go), recognised by
 * their chains (KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-*, …) and their targets, and told in the
 * seed article's terms: why each rule is there, not only what it did. Undefined for a rule
 * this file has nothing particular to say about: the generic narration takes it.
 */
import type { RuleStep } from '../sim/types.ts';
import type { Narration, NarrationContext } from './narration.ts';
import { say } from './narration-keys.ts';
import { kubeChainRule } from './narration-kube-chains.ts';
import {
  commentOf,
  destinationOf,
  hex,
  jumpTarget,
  markOf,
  MASQ_MARK,
  optionLists,
  optionOf,
  ruleTextOf,
  statesOf,
  serviceOf,
  targetOf,
} from './narration-text.ts';
import type { Frame } from './types.ts';

/** What kube-proxy's rule says about one rule, given its text (when known). */
export interface KubeRule {
  readonly frame: Frame;
  readonly step: RuleStep;
  readonly context: NarrationContext | undefined;
  readonly text: string | undefined;
  readonly target: string | undefined;
  readonly service: string | undefined;
}

/** The jumps from the built-in chains into kube-proxy's (`kubernetes service portals`). */
function builtinJump(rule: KubeRule): Narration[] | undefined {
  const { step, target } = rule;
  if (step.table === 'nat' && target === 'KUBE-SERVICES') {
    return [
      say('kube.portals', { hook: step.hook }),
      step.hook === 'OUTPUT'
        ? say('kube.whyPortalsOutput', {})
        : say('kube.whyPortalsPrerouting', {}),
    ];
  }
  if (step.table === 'nat' && target === 'KUBE-POSTROUTING')
    return [say('kube.postrouting', {}), say('kube.whyPostrouting', {})];
  if (
    step.table === 'filter' &&
    (target === 'KUBE-SERVICES' || target === 'KUBE-EXTERNAL-SERVICES')
  )
    return [say('rule.jump', { target }), say('kube.whyFilterServices', {})];
  return undefined;
}

/** nat KUBE-SERVICES: a Service address sends the packet to its chain; the last rule, NodePorts. */
function services(rule: KubeRule): Narration[] | undefined {
  const { frame, text, target } = rule;
  if (target === undefined) return undefined;
  const dst = destinationOf(frame.before);
  if (target === 'KUBE-NODEPORTS') {
    // --nodeport-addresses replaces `--dst-type LOCAL` with the addresses it names.
    const addresses =
      text !== undefined && !optionLists(text, 'dst-type', 'LOCAL') && optionOf(text, 'd');
    return addresses
      ? [
          say('kube.nodePortsAddress', { dst: frame.before.dst }),
          say('kube.whyNodePortsAddress', {}),
        ]
      : [say('kube.nodePortsLocal', { dst: frame.before.dst }), say('kube.whyNodePortsLocal', {})];
  }
  if (!/^KUBE-(SVC|EXT|FW|SVL|XLB)-/.test(target)) return undefined;
  const service = rule.service ?? target;
  const comment = commentOf(text) ?? '';
  const values = { dst, service, target };
  const why = target.startsWith('KUBE-FW-') ? [say('kube.whyFirewall', {})] : [];
  if (comment.endsWith('loadbalancer IP')) return [say('kube.loadBalancerIP', values), ...why];
  if (comment.endsWith('external IP')) return [say('kube.externalIP', values), ...why];
  return [say('kube.clusterIP', values), say('kube.whyClusterIP', {})];
}

/** filter: Services without (local) endpoints, and load-balancer source ranges. */
function filterVerdicts(rule: KubeRule): Narration[] | undefined {
  const { frame, step, text } = rule;
  const dst = destinationOf(frame.before);
  const comment = commentOf(text) ?? '';
  const service = rule.service ?? dst;
  if (step.verdict === 'REJECT' && /^KUBE-(SERVICES|EXTERNAL-SERVICES|NODEPORTS)$/.test(step.chain))
    return [say('kube.reject', { dst, service }), say('kube.whyReject', {})];
  if (step.verdict === 'DROP' && comment.endsWith('has no local endpoints'))
    return [say('kube.dropNoLocal', { dst, service }), say('kube.whyDropNoLocal', {})];
  if (step.verdict === 'DROP' && step.chain === 'KUBE-PROXY-FIREWALL')
    return [say('kube.firewallDrop', { src: frame.before.src, dst })];
  if (step.chain !== 'KUBE-FORWARD' || text === undefined) return undefined;
  if (step.verdict === 'ACCEPT' && optionOf(text, 'mark') !== undefined)
    return [say('kube.forwardMarked', {}), say('kube.whyForwardMarked', {})];
  const states = statesOf(text);
  if (step.verdict === 'ACCEPT' && states.has('RELATED') && states.has('ESTABLISHED'))
    return [say('kube.forwardEstablished', {})];
  if (step.verdict === 'DROP' && states.has('INVALID')) return [say('kube.forwardInvalid', {})];
  return undefined;
}

/** KUBE-MARK-MASQ and KUBE-POSTROUTING: the mark set on the way in, read on the way out. */
function masquerade(rule: KubeRule): Narration[] | undefined {
  const { frame, step, text } = rule;
  const effect = step.effect;
  if (step.chain === 'KUBE-MARK-MASQ' && effect?.kind === 'mark') {
    const values = { from: hex(effect.from), to: hex(effect.to) };
    return [say('kube.markMasq', values), say('kube.whyMarkMasq', { hook: step.hook })];
  }
  if (step.chain !== 'KUBE-POSTROUTING') return undefined;
  if (step.verdict === 'RETURN') {
    return [
      say('kube.postroutingReturn', { mark: markOf(text) }),
      say('kube.whyPostroutingReturn', { src: frame.before.src }),
    ];
  }
  // v1.19+ (kubernetes#92035) clears the bit it tested with --xor-mark before MASQUERADE.
  if (effect?.kind === 'mark' && (effect.from & ~effect.to) !== 0) {
    const values = {
      from: hex(effect.from),
      to: hex(effect.to),
      bit: hex(effect.from ^ effect.to),
    };
    return [say('kube.unmark', values), say('kube.whyUnmark', {})];
  }
  if (effect?.kind !== 'snat' || !effect.masquerade) return undefined;
  const { from, to } = effect;
  const dev = frame.after.outInterface ?? '';
  if (from === to) return [say('effect.masqueradeSame', { src: to, dev })];
  // The seed's kube-proxy masquerades with the mark still set: it never clears it.
  if ((frame.before.mark & MASQ_MARK) !== 0) {
    return [
      say('kube.masqueradeMarked', { from, to, dev, mark: markOf(text) }),
      say('kube.whyMasqueradeMarked', { from, to }),
    ];
  }
  return [say('kube.masquerade', { from, to, dev }), say('kube.whyMasquerade', { from, to })];
}

/**
 * kube-proxy's narration of a rule step, or undefined when it has nothing particular to say.
 */
export function narrateKubeRule(
  frame: Frame,
  step: RuleStep,
  context: NarrationContext | undefined,
): Narration[] | undefined {
  if (!step.matched) return undefined;
  const text = ruleTextOf(context, step.table, step.chain, step.index);
  const rule: KubeRule = {
    frame,
    step,
    context,
    text,
    target: jumpTarget(step) ?? targetOf(text),
    service: serviceOf(commentOf(text)),
  };
  if (step.table === 'filter') return builtinJump(rule) ?? filterVerdicts(rule);
  if (step.table !== 'nat') return undefined;
  return (
    builtinJump(rule) ??
    (step.chain === 'KUBE-SERVICES' ? services(rule) : undefined) ??
    masquerade(rule) ??
    kubeChainRule(rule)
  );
}

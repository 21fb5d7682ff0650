/**
 * Profile current: the per-service-port chains behind the entry rules —
 * KUBE-EXT, KUBE-FW, KUBE-SVC/KUBE-SVL and KUBE-SEP (docs §3.5, §3.6, §4 steps 8–12).
 */
import type { ChainName } from '../model/names.ts';
import type { ProtocolWord } from './chain-names.ts';
import { KUBE_MARK_MASQ, servicePortEndpointChain } from './chain-names.ts';
import type { EndpointInfo } from './endpoints.ts';
import { cidrContains, parseCIDR } from './ip.ts';
import { formatProbability } from './probability.ts';
import type { ProfileContext } from './profile-context.ts';
import type { RuleBuffers } from './rule-line.ts';
import { chainLine, line, quoted, commented, affinityCheck } from './rule-line.ts';
import type { ServicePortInfo } from './service-ports.ts';

export interface CurrentServiceContext extends ProfileContext {
  /** More than 1000 endpoints: the per-endpoint comments are dropped (docs §3.10). */
  readonly largeClusterMode: boolean;
}

/** appendServiceCommentLocked: the comments large-cluster mode drops to save restore time. */
const serviceComment = (ctx: CurrentServiceContext, comment: string): readonly string[] =>
  ctx.largeClusterMode ? [] : ['-m', 'comment', '--comment', comment];

export interface ExternalChainPlan {
  readonly externalTrafficChain: ChainName;
  readonly clusterPolicyChain: ChainName;
  /** KUBE-SVC, or KUBE-SVL for externalTrafficPolicy Local. */
  readonly externalPolicyChain: ChainName;
  readonly hasExternalEndpoints: boolean;
}

/** KUBE-EXT: external traffic, masqueraded (Cluster) or short-circuited (Local). */
export function writeExternalChain(
  ctx: CurrentServiceContext,
  sp: ServicePortInfo,
  plan: ExternalChainPlan,
  out: RuleBuffers,
): void {
  const S = sp.nameString;
  const { externalTrafficChain, clusterPolicyChain, externalPolicyChain, hasExternalEndpoints } =
    plan;
  out.natChains.push(chainLine(externalTrafficChain));
  if (!sp.externalPolicyLocal) {
    out.natRules.push(
      line(
        ...commented(
          externalTrafficChain,
          quoted(`masquerade traffic for ${S} external destinations`),
        ),
        '-j',
        KUBE_MARK_MASQ,
      ),
    );
  } else {
    // Pods and the node itself would be dropped by Local policy on a node without
    // endpoints; kube-proxy sends them to the cluster-wide chain instead.
    if (ctx.detector) {
      out.natRules.push(
        line(
          ...commented(externalTrafficChain, quoted(`pod traffic for ${S} external destinations`)),
          ctx.detector.ifLocal,
          '-j',
          clusterPolicyChain,
        ),
      );
    }
    out.natRules.push(
      line(
        ...commented(
          externalTrafficChain,
          quoted(`masquerade LOCAL traffic for ${S} external destinations`),
        ),
        '-m',
        'addrtype',
        '--src-type',
        'LOCAL',
        '-j',
        KUBE_MARK_MASQ,
      ),
      line(
        ...commented(
          externalTrafficChain,
          quoted(`route LOCAL traffic for ${S} external destinations`),
        ),
        '-m',
        'addrtype',
        '--src-type',
        'LOCAL',
        '-j',
        clusterPolicyChain,
      ),
    );
  }
  if (hasExternalEndpoints)
    out.natRules.push(line('-A', externalTrafficChain, '-j', externalPolicyChain));
}

/** KUBE-FW: allow the source ranges; the rest falls through to KUBE-PROXY-FIREWALL. */
export function writeFirewallChain(
  ctx: CurrentServiceContext,
  sp: ServicePortInfo,
  fwChain: ChainName,
  externalTrafficChain: ChainName,
  out: RuleBuffers,
): void {
  const S = sp.nameString;
  out.natChains.push(chainLine(fwChain));
  const args = ['-A', fwChain, '-m', 'comment', '--comment', quoted(`${S} loadbalancer IP`)];
  let allowFromNode = false;
  for (const src of sp.loadBalancerSourceRanges) {
    out.natRules.push(line(args, '-s', src, '-j', externalTrafficChain));
    const cidr = parseCIDR(src);
    if (cidr && ctx.nodeIP && cidrContains(cidr, ctx.nodeIP)) allowFromNode = true;
  }
  // Hairpin: a node inside the ranges may reach the LB IP and loop back to itself.
  if (allowFromNode) {
    for (const ip of sp.loadBalancerIPs)
      out.natRules.push(line(args, '-s', ip, '-j', externalTrafficChain));
  }
  out.natRules.push(
    line(
      ...commented(fwChain, quoted(`other traffic to ${S} will be dropped by KUBE-PROXY-FIREWALL`)),
    ),
  );
}

/** One KUBE-SEP chain per reachable endpoint: hairpin SNAT, affinity record, DNAT. */
export function writeEndpointChains(
  ctx: CurrentServiceContext,
  sp: ServicePortInfo,
  endpoints: readonly EndpointInfo[],
  out: RuleBuffers,
): void {
  const S = sp.nameString;
  const p = sp.protocol.toLowerCase() as ProtocolWord;
  const M = ['-m', p, '-p', p];
  for (const ep of endpoints) {
    const sep = servicePortEndpointChain(S, p, ep.endpoint);
    out.natChains.push(chainLine(sep));
    const args = ['-A', sep, ...serviceComment(ctx, S)];
    // A pod reaching itself through its Service: SNAT so the reply goes back via the node.
    out.natRules.push(line(args, '-s', ep.ip, '-j', KUBE_MARK_MASQ));
    const affinity =
      sp.affinitySeconds !== undefined ? ['-m', 'recent', '--name', sep, '--set'] : [];
    out.natRules.push(line(args, affinity, M, '-j', 'DNAT', '--to-destination', ep.endpoint));
  }
}

/** writeServiceToEndpointRules: all affinity checks first, then the random split. */
export function writeServiceToEndpointRules(
  ctx: CurrentServiceContext,
  sp: ServicePortInfo,
  chain: ChainName,
  endpoints: readonly EndpointInfo[],
  out: RuleBuffers,
): void {
  const S = sp.nameString;
  const p = sp.protocol.toLowerCase() as ProtocolWord;
  if (sp.affinitySeconds !== undefined) {
    for (const ep of endpoints) {
      const sep = servicePortEndpointChain(S, p, ep.endpoint);
      out.natRules.push(
        line(
          '-A',
          chain,
          serviceComment(ctx, quoted(`${S} -> ${ep.endpoint}`)),
          affinityCheck(sep, sp.affinitySeconds),
        ),
      );
    }
  }
  // Rule i matches with 1/(n-i) of what is left, so each endpoint gets 1/n overall.
  endpoints.forEach((ep, i) => {
    const sep = servicePortEndpointChain(S, p, ep.endpoint);
    const statistic =
      i < endpoints.length - 1
        ? [
            '-m',
            'statistic',
            '--mode',
            'random',
            '--probability',
            formatProbability(endpoints.length - i, 10),
          ]
        : [];
    out.natRules.push(
      line(
        '-A',
        chain,
        serviceComment(ctx, quoted(`${S} -> ${ep.endpoint}`)),
        statistic,
        '-j',
        sep,
      ),
    );
  });
}

/**
 * Profile current (KUBE-EXT / KUBE-SVL / KUBE-PROXY-FIREWALL era, ≈ v1.27):
 * the rules of one service port, in kube-proxy's write order (docs §4).
 */
import type { ChainName } from '../model/names.ts';
import type { ProtocolWord } from './chain-names.ts';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
  serviceExternalChain,
  serviceFirewallChain,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChain,
} from './chain-names.ts';
import type { CurrentServiceContext } from './current-chains.ts';
import {
  writeEndpointChains,
  writeExternalChain,
  writeFirewallChain,
  writeServiceToEndpointRules,
} from './current-chains.ts';
import type { EndpointInfo } from './endpoints.ts';
import { categorizeEndpoints } from './endpoints.ts';
import type { RuleBuffers } from './rule-line.ts';
import { chainLine, line, quoted, commented } from './rule-line.ts';
import type { ServicePortInfo } from './service-ports.ts';
import { externallyAccessible, usesClusterEndpoints, usesLocalEndpoints } from './service-ports.ts';

export function writeCurrentServicePort(
  ctx: CurrentServiceContext,
  sp: ServicePortInfo,
  allEndpoints: readonly EndpointInfo[],
  out: RuleBuffers,
): void {
  const S = sp.nameString;
  const p = sp.protocol.toLowerCase() as ProtocolWord;
  const M = ['-m', p, '-p', p];
  const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints } =
    categorizeEndpoints(sp, allEndpoints);
  const hasEndpoints = hasAnyEndpoints;

  const clusterPolicyChain = servicePortPolicyClusterChain(S, p);
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(sp);
  const localPolicyChain = servicePortPolicyLocalChain(S, p);
  const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(sp);

  let internalTrafficChain: ChainName = clusterPolicyChain;
  let hasInternalEndpoints = hasEndpoints;
  if (sp.internalPolicyLocal) {
    internalTrafficChain = localPolicyChain;
    if (localEndpoints.length === 0) hasInternalEndpoints = false;
  }
  let externalPolicyChain: ChainName = clusterPolicyChain;
  let hasExternalEndpoints = hasEndpoints;
  if (sp.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasExternalEndpoints = false;
  }
  const externalTrafficChain = serviceExternalChain(S, p);
  const usesExternalTrafficChain = hasEndpoints && externallyAccessible(sp);
  const fwChain = serviceFirewallChain(S, p);
  const usesFWChain =
    hasEndpoints && sp.loadBalancerIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? fwChain : externalTrafficChain;

  // No endpoints at all: REJECT (connection refused). Endpoints only on other
  // nodes for a Local policy: DROP, as a client retrying elsewhere is the fix.
  let internalFilterTarget = 'ACCEPT';
  let internalFilterComment = '';
  let externalFilterTarget = 'ACCEPT';
  let externalFilterComment = '';
  if (!hasEndpoints) {
    internalFilterTarget = externalFilterTarget = 'REJECT';
    internalFilterComment = externalFilterComment = quoted(`${S} has no endpoints`);
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = 'DROP';
      internalFilterComment = quoted(`${S} has no local endpoints`);
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = 'DROP';
      externalFilterComment = quoted(`${S} has no local endpoints`);
    }
  }

  const dport = ['--dport', String(sp.port)];
  /** `-A CHAIN -m comment --comment C -m p -p p -d IP --dport N -j TARGET`: a rule for one address. */
  const toAddress = (chain: string, comment: string, ip: string, target: string): string =>
    line(...commented(chain, comment), M, '-d', ip, dport, '-j', target);
  // 1. Cluster IP.
  if (hasInternalEndpoints) {
    out.natRules.push(
      toAddress(KUBE_SERVICES, quoted(`${S} cluster IP`), sp.clusterIP, internalTrafficChain),
    );
  } else {
    out.filterRules.push(
      toAddress(KUBE_SERVICES, internalFilterComment, sp.clusterIP, internalFilterTarget),
    );
  }
  // 2. External IPs.
  for (const ip of sp.externalIPs) {
    if (hasEndpoints) {
      out.natRules.push(
        toAddress(KUBE_SERVICES, quoted(`${S} external IP`), ip, externalTrafficChain),
      );
    }
    if (!hasExternalEndpoints) {
      out.filterRules.push(
        toAddress(KUBE_EXTERNAL_SERVICES, externalFilterComment, ip, externalFilterTarget),
      );
    }
  }
  // 3. Load-balancer IPs; source ranges are enforced by KUBE-FW + KUBE-PROXY-FIREWALL.
  for (const ip of sp.loadBalancerIPs) {
    if (hasEndpoints) {
      out.natRules.push(
        toAddress(KUBE_SERVICES, quoted(`${S} loadbalancer IP`), ip, loadBalancerTrafficChain),
      );
    }
    if (usesFWChain) {
      out.filterRules.push(
        toAddress(
          KUBE_PROXY_FIREWALL,
          quoted(`${S} traffic not accepted by ${fwChain}`),
          ip,
          'DROP',
        ),
      );
    }
  }
  // 4.
  if (!hasExternalEndpoints) {
    for (const ip of sp.loadBalancerIPs) {
      out.filterRules.push(
        toAddress(KUBE_EXTERNAL_SERVICES, externalFilterComment, ip, externalFilterTarget),
      );
    }
  }
  // 5. Node port (any local address: the tail call of KUBE-SERVICES picks which).
  if (sp.nodePort !== 0) {
    if (hasEndpoints) {
      out.natRules.push(
        line(
          ...commented(KUBE_NODEPORTS, S),
          M,
          '--dport',
          String(sp.nodePort),
          '-j',
          externalTrafficChain,
        ),
      );
    }
    if (!hasExternalEndpoints) {
      out.filterRules.push(
        line(
          ...commented(KUBE_EXTERNAL_SERVICES, externalFilterComment),
          '-m',
          'addrtype',
          '--dst-type',
          'LOCAL',
          M,
          '--dport',
          String(sp.nodePort),
          '-j',
          externalFilterTarget,
        ),
      );
    }
  }
  // 6. The load balancer probes this port to learn which nodes have local endpoints.
  if (sp.healthCheckNodePort !== 0) {
    out.filterRules.push(
      line(
        ...commented(KUBE_NODEPORTS, quoted(`${S} health check node port`)),
        '-m',
        'tcp',
        '-p',
        'tcp',
        '--dport',
        String(sp.healthCheckNodePort),
        '-j',
        'ACCEPT',
      ),
    );
  }
  // 7. Off-cluster clients of the cluster IP must be SNATed so replies come back through this node.
  if (hasInternalEndpoints) {
    const args = [
      ...commented(internalTrafficChain, quoted(`${S} cluster IP`)),
      ...M,
      '-d',
      sp.clusterIP,
      ...dport,
    ];
    if (ctx.node.masqueradeAll) out.natRules.push(line(args, '-j', KUBE_MARK_MASQ));
    else if (ctx.detector)
      out.natRules.push(line(args, ctx.detector.ifNotLocal, '-j', KUBE_MARK_MASQ));
  }
  // 8–9. KUBE-EXT and KUBE-FW.
  if (usesExternalTrafficChain) {
    writeExternalChain(
      ctx,
      sp,
      { externalTrafficChain, clusterPolicyChain, externalPolicyChain, hasExternalEndpoints },
      out,
    );
  }
  if (usesFWChain) writeFirewallChain(ctx, sp, fwChain, externalTrafficChain, out);
  // 10–11. Policy chains.
  if (usesClusterPolicyChain) {
    out.natChains.push(chainLine(clusterPolicyChain));
    writeServiceToEndpointRules(ctx, sp, clusterPolicyChain, clusterEndpoints, out);
  }
  if (usesLocalPolicyChain) {
    out.natChains.push(chainLine(localPolicyChain));
    writeServiceToEndpointRules(ctx, sp, localPolicyChain, localEndpoints, out);
  }
  // 12. Endpoint chains.
  writeEndpointChains(ctx, sp, allReachableEndpoints, out);
}

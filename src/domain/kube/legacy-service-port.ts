/**
 * Profile legacy: the rules of one service port (v1.9's syncProxyRules loop
 * body, docs §9.2): cluster IP, external IPs, LB ingress via KUBE-FW, node
 * port, then SVC/SEP rules interleaved and KUBE-XLB for only-local services.
 */
import type { ProtocolWord } from './chain-names.ts';
import {
  KUBE_MARK_DROP,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_SERVICES,
  serviceFirewallChain,
  serviceLBChain,
  servicePortEndpointChain,
  servicePortPolicyClusterChain,
} from './chain-names.ts';
import type { EndpointInfo } from './endpoints.ts';
import { cidrContains, parseCIDR, toHostCIDR } from './ip.ts';
import { formatProbability } from './probability.ts';
import type { ProfileContext } from './profile-context.ts';
import type { RuleBuffers } from './rule-line.ts';
import { chainLine, line, quoted, commented, affinityCheck } from './rule-line.ts';
import type { ServicePortInfo } from './service-ports.ts';

export interface SeedState {
  usesMarkDrop: boolean;
  /** Chain lines already written: v1.9 repeats KUBE-FW per ingress IP, which only --noflush tolerates. */
  readonly declared: Set<string>;
}

export function writeLegacyServicePort(
  ctx: ProfileContext,
  sp: ServicePortInfo,
  endpoints: readonly EndpointInfo[],
  out: RuleBuffers,
  state: SeedState,
): void {
  const S = sp.nameString;
  const p = sp.protocol.toLowerCase() as ProtocolWord;
  const M = ['-m', p, '-p', p];
  const declare = (chain: string) => {
    if (state.declared.has(chain)) return;
    state.declared.add(chain);
    out.natChains.push(chainLine(chain));
  };
  // RequestsOnlyLocalTraffic: only LoadBalancer and NodePort honoured the policy then.
  const onlyLocal =
    sp.externalPolicyLocal && (sp.type === 'LoadBalancer' || sp.type === 'NodePort');
  const hasEndpoints = endpoints.length > 0;
  const svcChain = servicePortPolicyClusterChain(S, p);
  const xlbChain = serviceLBChain(S, p);
  declare(svcChain);
  if (onlyLocal) declare(xlbChain);
  const noEndpoints = quoted(`${S} has no endpoints`);

  // Cluster IP.
  const A = [
    ...commented(KUBE_SERVICES, quoted(`${S} cluster IP`)),
    ...M,
    '-d',
    toHostCIDR(sp.clusterIP),
    '--dport',
    String(sp.port),
  ];
  if (ctx.node.masqueradeAll) out.natRules.push(line(A, '-j', KUBE_MARK_MASQ));
  else if (ctx.detector) out.natRules.push(line(A, ctx.detector.ifNotLocal, '-j', KUBE_MARK_MASQ));
  out.natRules.push(line(A, '-j', svcChain));

  // External IPs: SNAT always; only off-node traffic or traffic to a local address is taken.
  for (const ip of sp.externalIPs) {
    const E = [
      ...commented(KUBE_SERVICES, quoted(`${S} external IP`)),
      ...M,
      '-d',
      toHostCIDR(ip),
      '--dport',
      String(sp.port),
    ];
    out.natRules.push(
      line(E, '-j', KUBE_MARK_MASQ),
      line(
        E,
        '-m',
        'physdev',
        '!',
        '--physdev-is-in',
        '-m',
        'addrtype',
        '!',
        '--src-type',
        'LOCAL',
        '-j',
        svcChain,
      ),
      line(E, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', svcChain),
    );
    if (!hasEndpoints) {
      out.filterRules.push(
        line(
          ...commented(KUBE_SERVICES, noEndpoints),
          ...M,
          '-d',
          toHostCIDR(ip),
          '--dport',
          String(sp.port),
          '-j',
          'REJECT',
        ),
      );
    }
  }

  // Load-balancer ingress: through KUBE-FW, which ends by marking for drop.
  const fwChain = serviceFirewallChain(S, p);
  for (const ip of sp.loadBalancerIPs) {
    declare(fwChain);
    out.natRules.push(
      line(
        ...commented(KUBE_SERVICES, quoted(`${S} loadbalancer IP`)),
        ...M,
        '-d',
        toHostCIDR(ip),
        '--dport',
        String(sp.port),
        '-j',
        fwChain,
      ),
    );
    const F = ['-A', fwChain, '-m', 'comment', '--comment', quoted(`${S} loadbalancer IP`)];
    let chosen = xlbChain;
    if (!onlyLocal) {
      out.natRules.push(line(F, '-j', KUBE_MARK_MASQ));
      chosen = svcChain;
    }
    if (sp.loadBalancerSourceRanges.length === 0) {
      out.natRules.push(line(F, '-j', chosen));
    } else {
      let allowFromNode = false;
      for (const src of sp.loadBalancerSourceRanges) {
        out.natRules.push(line(F, '-s', src, '-j', chosen));
        const cidr = parseCIDR(src);
        if (cidr && ctx.nodeIP && cidrContains(cidr, ctx.nodeIP)) allowFromNode = true;
      }
      if (allowFromNode) out.natRules.push(line(F, '-s', toHostCIDR(ip), '-j', chosen));
    }
    out.natRules.push(line(F, '-j', KUBE_MARK_DROP));
    state.usesMarkDrop = true;
  }

  // Node port: SNAT unless only-local (which keeps the client's address).
  if (sp.nodePort !== 0) {
    const N = [...commented(KUBE_NODEPORTS, S), ...M, '--dport', String(sp.nodePort)];
    if (!onlyLocal) out.natRules.push(line(N, '-j', KUBE_MARK_MASQ), line(N, '-j', svcChain));
    else out.natRules.push(line(N, '-j', xlbChain));
    if (!hasEndpoints) {
      out.filterRules.push(
        line(
          ...commented(KUBE_SERVICES, noEndpoints),
          '-m',
          'addrtype',
          '--dst-type',
          'LOCAL',
          ...M,
          '--dport',
          String(sp.nodePort),
          '-j',
          'REJECT',
        ),
      );
    }
  }

  if (!hasEndpoints) {
    out.filterRules.push(
      line(
        ...commented(KUBE_SERVICES, noEndpoints),
        ...M,
        '-d',
        toHostCIDR(sp.clusterIP),
        '--dport',
        String(sp.port),
        '-j',
        'REJECT',
      ),
    );
    return;
  }

  const seps = endpoints.map((ep) => servicePortEndpointChain(S, p, ep.endpoint));
  seps.forEach(declare);
  const affinity = (chain: string, comment: string, chains: readonly string[]) => {
    if (sp.affinitySeconds === undefined) return;
    for (const sep of chains) {
      out.natRules.push(line(...commented(chain, comment), affinityCheck(sep, sp.affinitySeconds)));
    }
  };
  affinity(svcChain, S, seps);
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const sep = seps[i] ?? '';
    const statistic =
      i < n - 1
        ? ['-m', 'statistic', '--mode', 'random', '--probability', formatProbability(n - i, 5)]
        : [];
    out.natRules.push(line('-A', svcChain, '-m', 'comment', '--comment', S, statistic, '-j', sep));
    const args = ['-A', sep, '-m', 'comment', '--comment', S];
    out.natRules.push(line(args, '-s', toHostCIDR(ep.ip), '-j', KUBE_MARK_MASQ));
    const set = sp.affinitySeconds !== undefined ? ['-m', 'recent', '--name', sep, '--set'] : [];
    out.natRules.push(line(args, set, M, '-j', 'DNAT', '--to-destination', ep.endpoint));
  });

  if (!onlyLocal) return;
  // KUBE-XLB: only this node's endpoints, so the client address survives (no SNAT).
  if (ctx.detector && ctx.node.clusterCIDR !== undefined) {
    out.natRules.push(
      line(
        ...commented(
          xlbChain,
          quoted('Redirect pods trying to reach external loadbalancer VIP to clusterIP'),
        ),
        '-s',
        ctx.node.clusterCIDR,
        '-j',
        svcChain,
      ),
    );
  }
  const localSeps = seps.filter((_, i) => endpoints[i]?.isLocal);
  if (localSeps.length === 0) {
    out.natRules.push(
      line(...commented(xlbChain, quoted(`${S} has no local endpoints`)), '-j', KUBE_MARK_DROP),
    );
    state.usesMarkDrop = true;
    return;
  }
  affinity(xlbChain, S, localSeps);
  localSeps.forEach((sep, i) => {
    const statistic =
      i < localSeps.length - 1
        ? [
            '-m',
            'statistic',
            '--mode',
            'random',
            '--probability',
            formatProbability(localSeps.length - i, 5),
          ]
        : [];
    out.natRules.push(
      line(...commented(xlbChain, quoted(`Balancing rule ${i} for ${S}`)), statistic, '-j', sep),
    );
  });
}

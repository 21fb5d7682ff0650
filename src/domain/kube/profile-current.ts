/**
 * Profile current: kube-proxy v1.27 and later (read from the v1.27-era
 * proxier; docs §3–§6), the whole iptables-restore text of one full
 * syncProxyRules, service ports in `<S>`/protocol order. What sets it apart
 * from profile legacy: KUBE-EXT/KUBE-SVL/KUBE-FW chains and KUBE-PROXY-FIREWALL,
 * no-endpoint REJECT/DROP rules in filter KUBE-SERVICES/KUBE-EXTERNAL-SERVICES,
 * `--or-mark`, a three-rule KUBE-POSTROUTING that clears the mark before
 * MASQUERADE, 10-decimal probabilities, per-endpoint comments (dropped above
 * 1,000 endpoints), `ns/svc` names for unnamed ports. Not applied from the
 * later upstream changes docs §7 lists (v1.30/31): re-serialising external
 * IPs and source ranges (they are written as given), leaving out LoadBalancer
 * ingress with `ipMode: Proxy`, and the nf_conntrack_tcp_be_liberal and nfacct
 * variants of KUBE-FORWARD's INVALID drop.
 */
import { currentJumpChains, jumpLines } from './builtin-jumps.ts';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
} from './chain-names.ts';
import { writeCurrentServicePort } from './current-service-port.ts';
import { collectEndpoints } from './endpoints.ts';
import { canonicalIP, cidrContains, ipFamilyOf, isZeroCIDR, parseCIDR } from './ip.ts';
import type { NodeSettings } from './node-settings.ts';
import type { NoteLog } from './notes.ts';
import type { KubeObject } from './objects.ts';
import type { ProfileContext } from './profile-context.ts';
import { goHex08, profileContext } from './profile-context.ts';
import { assembleRestore, chainLine, emptyBuffers, line, quoted, commented } from './rule-line.ts';
import { buildServicePorts, keyOf } from './service-ports.ts';

/** kube-proxy's largeClusterEndpointsThreshold: strictly more endpoints than this. */
export const LARGE_CLUSTER_ENDPOINTS = 1000;

export function generateCurrent(
  objects: readonly KubeObject[],
  node: NodeSettings,
  log: NoteLog,
): string {
  const ctx = profileContext(node, log);
  // Real kube-proxy formats the mark with `%#08x` (0x00004000); its unit
  // tests hand the proxier "0x4000" (NodeSettings.masqueradeMark). The
  // kernel stores and prints both as 0x4000.
  const mark = node.masqueradeMark ?? goHex08(ctx.markValue);
  const servicePorts = buildServicePorts(objects, ctx.family, 'current', log);
  const endpoints = collectEndpoints(objects, servicePorts, ctx.family, node.nodeName, log);
  // Counted over every endpoint of every service port, ready or not.
  const total = servicePorts.reduce((n, sp) => n + (endpoints.get(keyOf(sp))?.length ?? 0), 0);
  const largeClusterMode = total > LARGE_CLUSTER_ENDPOINTS;
  if (largeClusterMode) {
    log.info(
      `${total} endpoints (> ${LARGE_CLUSTER_ENDPOINTS}): large-cluster mode, per-endpoint comments are left out`,
    );
  }
  // kube-proxy turns localhost node ports off when --nodeport-addresses leaves
  // out 127.0.0.1 (ContainsIPv4Loopback), and with them KUBE-FIREWALL's rule.
  const loopbackNodePorts =
    !node.nodePortAddresses?.length ||
    node.nodePortAddresses.some((c) => {
      const cidr = parseCIDR(c);
      return cidr !== undefined && cidrContains(cidr, '127.0.0.1');
    });
  const withKubeFirewall =
    ctx.family === 'IPv4' && (node.localhostNodePorts ?? true) && loopbackNodePorts;

  const out = emptyBuffers();
  for (const chain of [
    KUBE_SERVICES,
    KUBE_EXTERNAL_SERVICES,
    KUBE_FORWARD,
    KUBE_NODEPORTS,
    KUBE_PROXY_FIREWALL,
  ]) {
    out.filterChains.push(chainLine(chain));
  }
  if (withKubeFirewall) {
    out.filterChains.push(chainLine(KUBE_FIREWALL));
    // Node ports are reachable on 127.0.0.1 (route_localnet); only local processes may use that.
    out.filterRules.push(
      line(
        ...commented(KUBE_FIREWALL, quoted('block incoming localnet connections')),
        '-d',
        '127.0.0.0/8',
        '!',
        '-s',
        '127.0.0.0/8',
        '-m',
        'conntrack',
        '!',
        '--ctstate',
        'RELATED,ESTABLISHED,DNAT',
        '-j',
        'DROP',
      ),
    );
  }
  for (const chain of [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ]) {
    out.natChains.push(chainLine(chain));
  }
  // Unmark before masquerading, so a packet that loops through again is not SNATed twice.
  out.natRules.push(
    line('-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN'),
    line('-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', mark),
    line(
      ...commented(KUBE_POSTROUTING, quoted('kubernetes service traffic requiring SNAT')),
      '-j',
      'MASQUERADE',
      node.randomFully ? ['--random-fully'] : [],
    ),
    line('-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', mark),
  );

  for (const sp of servicePorts) {
    writeCurrentServicePort({ ...ctx, largeClusterMode }, sp, endpoints.get(keyOf(sp)) ?? [], out);
  }

  out.natRules.push(...nodePortsTailCalls(ctx));
  // FORWARD policy may be DROP: let marked (service) traffic and its replies through.
  out.filterRules.push(
    line('-A', KUBE_FORWARD, '-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP'),
    line(
      ...commented(KUBE_FORWARD, quoted('kubernetes forwarding rules')),
      '-m',
      'mark',
      '--mark',
      `${mark}/${mark}`,
      '-j',
      'ACCEPT',
    ),
    line(
      ...commented(KUBE_FORWARD, quoted('kubernetes forwarding conntrack rule')),
      '-m',
      'conntrack',
      '--ctstate',
      'RELATED,ESTABLISHED',
      '-j',
      'ACCEPT',
    ),
  );

  const jumps = currentJumpChains();
  // Without localhost node ports KUBE-FIREWALL holds no rule and is not in the
  // restore data, but kube-proxy still ensures the chain for its jumps.
  const firewallChain = withKubeFirewall ? [] : [chainLine(KUBE_FIREWALL)];
  return assembleRestore(out, {
    filter: [...firewallChain, ...jumpLines(jumps, 'filter')],
    nat: jumpLines(jumps, 'nat'),
  });
}

/** The last rules of nat KUBE-SERVICES: which destinations are node ports (docs §3.9). */
function nodePortsTailCalls(ctx: ProfileContext): string[] {
  const comment = [
    '-m',
    'comment',
    '--comment',
    quoted('kubernetes service nodeports; NOTE: this must be the last rule in this chain'),
  ];
  const localhostNodePorts = ctx.node.localhostNodePorts ?? true;
  const isIPv6 = ctx.family === 'IPv6';
  const cidrs = (ctx.node.nodePortAddresses ?? []).map((c) => parseCIDR(c));
  if (cidrs.length === 0 || cidrs.some((c) => c && isZeroCIDR(c))) {
    const destinations = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
    if (isIPv6) destinations.push('!', '-d', '::1/128');
    if (!localhostNodePorts && !isIPv6) destinations.push('!', '-d', '127.0.0.0/8');
    return [line('-A', KUBE_SERVICES, comment, destinations, '-j', KUBE_NODEPORTS)];
  }
  // The node's interface addresses inside the CIDRs; Go iterates a set, kpviz sorts.
  const local = ['127.0.0.1', '::1', ...ctx.node.nodeIPs].map((ip) => canonicalIP(ip) ?? ip);
  const addresses = [...new Set(local)]
    .filter((ip) => cidrs.some((c) => c && cidrContains(c, ip)))
    .sort();
  return addresses
    .filter((ip) => ipFamilyOf(ip) === ctx.family)
    .filter((ip) => !(isIPv6 && ip === '::1'))
    .filter((ip) => !(!localhostNodePorts && ip.startsWith('127.')))
    .map((ip) => line('-A', KUBE_SERVICES, comment, '-d', ip, '-j', KUBE_NODEPORTS));
}

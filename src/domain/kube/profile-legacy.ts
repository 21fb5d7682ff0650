/**
 * Profile legacy: what kube-proxy v1.9 wrote (docs §9, read from v1.9's
 * syncProxyRules), the generation the seed article shows: KUBE-NODEPORTS
 * holding the masquerade and KUBE-SVC jumps itself, `--set-xmark`, `/32`
 * addresses, 5-decimal probabilities, `ns/svc:` names for unnamed ports,
 * comments on every rule, KUBE-XLB for externalTrafficPolicy Local, REJECTs
 * for Services without endpoints in filter KUBE-SERVICES, and only ready
 * endpoints (the Endpoints object). Later v1.1x releases differ: v1.10 moved
 * the external REJECTs to KUBE-EXTERNAL-SERVICES, later ones skip the nat rules
 * of Services without endpoints, add KUBE-FORWARD's INVALID drop,
 * --nodeport-addresses and (v1.16) --random-fully.
 */
import { jumpLines, legacyJumpChains } from './builtin-jumps.ts';
import {
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_MARK_DROP,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_SERVICES,
} from './chain-names.ts';
import { collectEndpoints } from './endpoints.ts';
import type { NodeSettings } from './node-settings.ts';
import type { NoteLog } from './notes.ts';
import type { KubeObject } from './objects.ts';
import { goHex08, profileContext } from './profile-context.ts';
import { assembleRestore, chainLine, emptyBuffers, line, quoted, commented } from './rule-line.ts';
import { buildServicePorts, keyOf } from './service-ports.ts';
import { writeLegacyServicePort } from './legacy-service-port.ts';

/** Kubelet's --iptables-drop-bit default (15): the mark KUBE-MARK-DROP sets. */
const KUBELET_DROP_BIT = 15;

export function generateLegacy(
  objects: readonly KubeObject[],
  node: NodeSettings,
  log: NoteLog,
): string {
  const ctx = profileContext(node, log);
  if (node.nodePortAddresses?.length)
    log.info('nodePortAddresses: not in this kube-proxy version; ignored');
  if (node.randomFully)
    log.info('--random-fully came in kube-proxy v1.16; this version ignores it');
  const value = node.masqueradeMark ?? goHex08(ctx.markValue);
  const mark = `${value}/${value}`;
  const servicePorts = buildServicePorts(objects, ctx.family, 'trailing-colon', log);
  const endpoints = collectEndpoints(objects, servicePorts, ctx.family, node.nodeName, log);

  const out = emptyBuffers();
  out.filterChains.push(chainLine(KUBE_SERVICES), chainLine(KUBE_FORWARD));
  for (const chain of [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ]) {
    out.natChains.push(chainLine(chain));
  }
  out.natRules.push(
    line(
      ...commented(KUBE_POSTROUTING, quoted('kubernetes service traffic requiring SNAT')),
      '-m',
      'mark',
      '--mark',
      mark,
      '-j',
      'MASQUERADE',
    ),
    line('-A', KUBE_MARK_MASQ, '-j', 'MARK', '--set-xmark', mark),
  );
  const state = { usesMarkDrop: false, declared: new Set<string>() };
  for (const sp of servicePorts) {
    if (sp.internalPolicyLocal) {
      log.info(
        `${sp.nameString}: internalTrafficPolicy came in v1.21; this version ignores it`,
        sp.position,
      );
    }
    if (sp.protocol === 'SCTP') {
      log.warn(`${sp.nameString}: kube-proxy v1.9 had no SCTP support`, sp.position);
    }
    // The Endpoints object of that era listed ready addresses only, sorted by
    // the endpoints controller by IP bytes (LessEndpointAddress), not ip:port.
    const ready = (endpoints.get(keyOf(sp)) ?? [])
      .filter((ep) => ep.ready)
      .sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
    writeLegacyServicePort(ctx, sp, ready, out, state);
  }
  out.natRules.push(
    line(
      ...commented(
        KUBE_SERVICES,
        quoted('kubernetes service nodeports; NOTE: this must be the last rule in this chain'),
      ),
      '-m',
      'addrtype',
      '--dst-type',
      'LOCAL',
      '-j',
      KUBE_NODEPORTS,
    ),
  );
  if (state.usesMarkDrop) {
    // Kubelet owns KUBE-MARK-DROP; it is written here only so the text loads on a bare kernel.
    const drop = goHex08(2 ** KUBELET_DROP_BIT);
    out.natChains.push(chainLine(KUBE_MARK_DROP));
    out.natRules.push(line('-A', KUBE_MARK_DROP, '-j', 'MARK', '--set-xmark', `${drop}/${drop}`));
    // …and kubelet's filter rule that drops what KUBE-MARK-DROP marked, or the
    // mark would stop nothing.
    out.filterChains.push(chainLine(KUBE_FIREWALL));
    out.filterRules.push(
      line(
        ...commented(KUBE_FIREWALL, quoted('kubernetes firewall for dropping marked packets')),
        '-m',
        'mark',
        '--mark',
        `${drop}/${drop}`,
        '-j',
        'DROP',
      ),
    );
    log.info(
      "KUBE-MARK-DROP and KUBE-FIREWALL are kubelet's chains; kpviz adds them (with kubelet's rules) so the rules load and drop",
    );
  }
  // A FORWARD policy of DROP would stop node-port traffic to other nodes' pods.
  out.filterRules.push(
    line(
      ...commented(KUBE_FORWARD, quoted('kubernetes forwarding rules')),
      '-m',
      'mark',
      '--mark',
      mark,
      '-j',
      'ACCEPT',
    ),
  );
  if (node.clusterCIDR !== undefined && ctx.detector) {
    out.filterRules.push(
      line(
        '-A',
        KUBE_FORWARD,
        '-s',
        node.clusterCIDR,
        '-m',
        'comment',
        '--comment',
        quoted('kubernetes forwarding conntrack pod source rule'),
        '-m',
        'conntrack',
        '--ctstate',
        'RELATED,ESTABLISHED',
        '-j',
        'ACCEPT',
      ),
      line(
        ...commented(KUBE_FORWARD, quoted('kubernetes forwarding conntrack pod destination rule')),
        '-d',
        node.clusterCIDR,
        '-m',
        'conntrack',
        '--ctstate',
        'RELATED,ESTABLISHED',
        '-j',
        'ACCEPT',
      ),
    );
  }
  const jumps = legacyJumpChains(state.usesMarkDrop);
  return assembleRestore(out, { filter: jumpLines(jumps, 'filter'), nat: jumpLines(jumps, 'nat') });
}

/**
 * Profile legacy: what kube-proxy v1.8–v1.16 wrote (docs §9, read from v1.9's
 * syncProxyRules): nat-only service plumbing, KUBE-NODEPORTS holding the
 * masquerade and KUBE-SVC jumps itself, `--set-xmark`, `/32` addresses,
 * 5-decimal probabilities, `ns/svc:` names for unnamed ports, KUBE-XLB for
 * externalTrafficPolicy Local, and only ready endpoints (the Endpoints object).
 */
import { jumpLines, legacyJumpChains } from './builtin-jumps.ts';
import {
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
import { assembleRestore, chainLine, emptyBuffers, line, quoted } from './rule-line.ts';
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
      '-A',
      KUBE_POSTROUTING,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes service traffic requiring SNAT'),
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
    // The Endpoints object of that era listed ready addresses only.
    const ready = (endpoints.get(keyOf(sp)) ?? []).filter((ep) => ep.ready);
    writeLegacyServicePort(ctx, sp, ready, out, state);
  }
  out.natRules.push(
    line(
      '-A',
      KUBE_SERVICES,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes service nodeports; NOTE: this must be the last rule in this chain'),
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
    log.info(
      "KUBE-MARK-DROP is kubelet's chain; kpviz adds it (with kubelet's rule) so the rules load",
    );
  }
  // A FORWARD policy of DROP would stop node-port traffic to other nodes' pods.
  out.filterRules.push(
    line(
      '-A',
      KUBE_FORWARD,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes forwarding rules'),
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
        '-A',
        KUBE_FORWARD,
        '-m',
        'comment',
        '--comment',
        quoted('kubernetes forwarding conntrack pod destination rule'),
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
  const jumps = legacyJumpChains();
  return assembleRestore(out, { filter: jumpLines(jumps, 'filter'), nat: jumpLines(jumps, 'nat') });
}

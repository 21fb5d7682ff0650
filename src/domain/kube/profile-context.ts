/**
 * What every profile derives once from NodeSettings: the family, the node's
 * IP, the local-traffic detector (docs §3.3) and the masquerade mark text.
 */
import type { IPFamily } from './ip.ts';
import { ipFamilyOf, parseCIDR } from './ip.ts';
import type { NodeSettings } from './node-settings.ts';
import type { NoteLog } from './notes.ts';

export interface LocalDetector {
  readonly ifLocal: readonly string[];
  readonly ifNotLocal: readonly string[];
}

export interface ProfileContext {
  readonly node: NodeSettings;
  readonly family: IPFamily;
  /** The node's primary IP of the family (LB source-range "allow from node" check). */
  readonly nodeIP: string | undefined;
  /** NewDetectLocalByCIDR(--cluster-cidr); undefined: the no-op detector. */
  readonly detector: LocalDetector | undefined;
  /** 1 << masqueradeBit. */
  readonly markValue: number;
}

export function profileContext(node: NodeSettings, log: NoteLog): ProfileContext {
  const family = node.ipFamily ?? ipFamilyOf(node.nodeIPs[0] ?? '') ?? 'IPv4';
  const nodeIP = node.nodeIPs.find((ip) => ipFamilyOf(ip) === family);
  let detector: LocalDetector | undefined;
  if (node.clusterCIDR !== undefined) {
    const cidr = parseCIDR(node.clusterCIDR);
    if (!cidr)
      log.warn(`clusterCIDR "${node.clusterCIDR}" is not a CIDR; no local-traffic detection`);
    else if (cidr.family !== family)
      log.info(`clusterCIDR ${node.clusterCIDR} is not ${family}; no local-traffic detection`);
    else
      detector = { ifLocal: ['-s', node.clusterCIDR], ifNotLocal: ['!', '-s', node.clusterCIDR] };
  }
  if (!Number.isInteger(node.masqueradeBit) || node.masqueradeBit < 0 || node.masqueradeBit > 31) {
    log.warn(`masqueradeBit ${node.masqueradeBit} is outside 0–31; using 14`);
  }
  const bit =
    Number.isInteger(node.masqueradeBit) && node.masqueradeBit >= 0 && node.masqueradeBit <= 31
      ? node.masqueradeBit
      : 14;
  return { node, family, nodeIP, detector, markValue: 2 ** bit };
}

/** Go's `%#08x`: 8 hex digits zero-padded, then the `0x` prefix (`0x00004000`). */
export const goHex08 = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`;

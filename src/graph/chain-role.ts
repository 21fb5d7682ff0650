/**
 * What kube-proxy's chain names say about a chain. kube-proxy names each
 * per-Service-port chain prefix + a hash of the Service port (and, for
 * KUBE-SEP, of the endpoint), so the prefix is all a name tells; what the
 * hash stands for is read from comments and rules (chain-labels.ts).
 */
import type { ChainRole } from './types.ts';

/** Prefixes of the chains kube-proxy writes once per Service port, with their role. */
const PER_SERVICE: readonly (readonly [string, ChainRole])[] = [
  ['KUBE-SVC-', 'service'],
  ['KUBE-SVL-', 'local'],
  ['KUBE-EXT-', 'external'],
  ['KUBE-FW-', 'firewall'],
  // Before v1.24 KUBE-XLB was the entry for external traffic (what KUBE-EXT is now),
  // sending it to local endpoints only.
  ['KUBE-XLB-', 'external'],
  ['KUBE-SEP-', 'endpoint'],
];

/**
 * The per-Service prefix a chain's name begins with, with its role. Every one
 * begins `KUBE-`, so one test turns most other names away.
 */
export function perServicePrefix(name: string): readonly [string, ChainRole] | undefined {
  if (!name.startsWith('KUBE-')) return undefined;
  for (const prefix of PER_SERVICE) if (name.startsWith(prefix[0])) return prefix;
  return undefined;
}

const FIXED: ReadonlyMap<string, ChainRole> = new Map<string, ChainRole>([
  ['KUBE-SERVICES', 'services'],
  ['KUBE-NODEPORTS', 'nodeports'],
  ['KUBE-MARK-MASQ', 'mark'],
  // kubelet's; kube-proxy jumps to it from KUBE-XLB and KUBE-FW before v1.24.
  ['KUBE-MARK-DROP', 'mark'],
  ['KUBE-POSTROUTING', 'postrouting'],
  ['KUBE-FORWARD', 'forward'],
  ['KUBE-PROXY-FIREWALL', 'firewall'],
  ['KUBE-FIREWALL', 'firewall'],
]);

/**
 * The role of a chain, from kube-proxy's names; 'filter' for kube-proxy's and
 * kubelet's other chains (KUBE-EXTERNAL-SERVICES, the canaries), 'other' for
 * chains of anyone else.
 *
 * @example
 *   chainRole('KUBE-SEP-MMWJ6M2J72TU3J64'); // 'endpoint'
 *   chainRole('DOCKER'); // 'other'
 */
export function chainRole(name: string): ChainRole {
  const fixed = FIXED.get(name);
  if (fixed) return fixed;
  const perService = perServicePrefix(name);
  if (perService) return perService[1];
  return name.startsWith('KUBE-') ? 'filter' : 'other';
}

/**
 * Whether kube-proxy writes the chain once per Service port or endpoint: the
 * chains a big cluster has tens of thousands of.
 *
 * @example
 *   isPerServiceChain('KUBE-SVC-I64SNEMOLCWHJHS3'); // true
 *   isPerServiceChain('KUBE-SERVICES'); // false
 */
export function isPerServiceChain(name: string): boolean {
  return perServicePrefix(name) !== undefined;
}

/**
 * The Service-port hash a chain's name ends in. KUBE-SVC, KUBE-SVL, KUBE-EXT,
 * KUBE-FW and KUBE-XLB of one Service port share it (kube-proxy hashes the
 * same `namespace/name:port` + protocol for each); KUBE-SEP hashes the
 * endpoint too, so it has none.
 *
 * @example
 *   servicePortHash('KUBE-EXT-GNZBNJ2PO5MGZ6GT'); // 'GNZBNJ2PO5MGZ6GT'
 *   servicePortHash('KUBE-SEP-RS4RBKLTHTF2IUXJ'); // undefined
 */
export function servicePortHash(name: string): string | undefined {
  // No prefix begins another, so the one a name begins with is the only one to try.
  const perService = perServicePrefix(name);
  return perService && perService[1] !== 'endpoint' ? name.slice(perService[0].length) : undefined;
}

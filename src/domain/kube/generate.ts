/**
 * Services + EndpointSlices + node settings → the iptables-restore text
 * kube-proxy (iptables mode) writes, for the kube-proxy version the node's
 * profile names. See docs/kube-proxy-rules.md.
 */
import type { GenerationNote } from './notes.ts';
import { NoteLog } from './notes.ts';
import type { NodeSettings } from './node-settings.ts';
import type { KubeObject } from './objects.ts';
import { generateCurrent } from './profile-current.ts';
import { generateLegacy } from './profile-legacy.ts';

export interface GeneratedRules {
  /**
   * The iptables-restore input kube-proxy writes (*filter … COMMIT, *nat …
   * COMMIT), with the jump rules kube-proxy installs into the built-in chains
   * (nat PREROUTING/OUTPUT → KUBE-SERVICES, POSTROUTING → KUBE-POSTROUTING,
   * the filter jumps) written as -A lines in the order they end up, so that
   * the text loads into a bare kernel and works.
   */
  readonly restore: string;
  /** Things in the input kube-proxy skips or cannot use, each naming the object (and its position when known). */
  readonly notes: readonly GenerationNote[];
}

/**
 * @example
 * const { restore } = generateRules(SEED_OBJECTS, SEED_NODE);
 * // restore starts "*filter\n:KUBE-SERVICES - [0:0]\n…"
 */
export function generateRules(objects: readonly KubeObject[], node: NodeSettings): GeneratedRules {
  const log = new NoteLog();
  const restore =
    node.profile === 'legacy'
      ? generateLegacy(objects, node, log)
      : generateCurrent(objects, node, log);
  return { restore, notes: log.notes };
}

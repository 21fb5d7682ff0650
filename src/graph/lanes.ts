/**
 * Lanes: horizontal bands of the chain area. The first holds the chains of
 * no Service (KUBE-SERVICES, KUBE-MARK-MASQ, DOCKER…); then each Service
 * port has its own, so its KUBE-EXT, KUBE-SVC and KUBE-SEP chains line up
 * left to right and its jump edges run across, not up and down the page.
 */
import { TABLE_NAMES } from '../domain/model/names.ts';
import { compareText, naturalCompare } from './compare.ts';
import type { ChainNode, ChainRole } from './types.ts';

export interface Lane {
  /** '' for the chains of no Service, else the Service's key. */
  readonly key: string;
  readonly nodes: readonly ChainNode[];
}

const ROLE_ORDER: readonly ChainRole[] = [
  'services',
  'nodeports',
  'firewall',
  'external',
  'service',
  'local',
  'endpoint',
  'mark',
  'postrouting',
  'forward',
  'filter',
  'other',
];

const tableRank = (table: string): number => {
  const i = (TABLE_NAMES as readonly string[]).indexOf(table);
  return i < 0 ? TABLE_NAMES.length : i;
};

/**
 * The order of nodes in a column of a lane: by table, role, label, then name,
 * all properties of the chain itself, so where a chain lands never depends
 * on the order the dump lists chains or rules in.
 */
export function compareChains(a: ChainNode, b: ChainNode): number {
  return (
    tableRank(a.table) - tableRank(b.table) ||
    ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
    naturalCompare(a.label ?? '', b.label ?? '') ||
    compareText(a.chain, b.chain) ||
    compareText(a.table, b.table)
  );
}

/** A lane's name for sorting: the Service's label (not an endpoint's), else its key. */
function laneTitle(lane: Lane): string {
  const named = lane.nodes.find((n) => n.role !== 'endpoint' && n.label !== undefined);
  return named?.label ?? lane.key;
}

/**
 * The chain nodes in lanes: the lane of no Service first, then the Services
 * by label.
 *
 * @example
 *   lanes(chainNodes).map((l) => l.key); // ['', 'ns1/svc1:p80', 'ns2/svc2:p80', …]
 */
export function lanes(nodes: readonly ChainNode[]): Lane[] {
  const byKey = new Map<string, ChainNode[]>();
  for (const node of nodes) {
    const key = node.serviceKey ?? '';
    const list = byKey.get(key);
    if (list) list.push(node);
    else byKey.set(key, [node]);
  }
  const out = [...byKey].map(([key, list]) => ({ key, nodes: list.sort(compareChains) }));
  return out.sort(
    (a, b) =>
      Number(a.key !== '') - Number(b.key !== '') ||
      naturalCompare(laneTitle(a), laneTitle(b)) ||
      compareText(a.key, b.key),
  );
}

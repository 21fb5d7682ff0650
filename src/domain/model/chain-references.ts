import type { Table } from './ruleset.ts';

/**
 * How many rules of a table jump or go to each of its chains: the
 * "(N references)" iptables -L prints. The kernel keeps this count to refuse
 * deleting a chain something still points at.
 *
 * @example
 *   countReferences(natTable).get('KUBE-SERVICES'); // 2
 */
export function countReferences(table: Table): ReadonlyMap<string, number> {
  const counts = new Map<string, number>(table.chains.map((chain) => [chain.name, 0]));
  for (const chain of table.chains) {
    for (const rule of chain.rules) {
      const target = rule.target?.name;
      const count = target === undefined ? undefined : counts.get(target);
      if (target !== undefined && count !== undefined) counts.set(target, count + 1);
    }
  }
  return counts;
}

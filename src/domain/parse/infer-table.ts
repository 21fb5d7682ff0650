import type { TableName } from '../model/names.ts';
import { BUILTIN_CHAINS } from '../model/names.ts';

/** Targets that exist in one table only, so that their presence names it. */
const TABLE_OF_TARGET: ReadonlyMap<string, TableName> = new Map(
  Object.entries({
    DNAT: 'nat',
    SNAT: 'nat',
    MASQUERADE: 'nat',
    REDIRECT: 'nat',
    NETMAP: 'nat',
    CT: 'raw',
    NOTRACK: 'raw',
    TPROXY: 'mangle',
    CHECKSUM: 'mangle',
    TOS: 'mangle',
    DSCP: 'mangle',
    TTL: 'mangle',
  }) as [string, TableName][],
);

/** When the evidence fits several tables equally, the one a node is likeliest to list. */
const PREFERENCE: readonly TableName[] = ['filter', 'nat', 'raw', 'mangle', 'security'];

/**
 * A listing or `-S` output does not name its table. Each table registers its
 * own set of hooks, so the built-in chains present narrow it down, and a
 * table-specific target (DNAT, CT, …) settles the rest. Undefined when the
 * evidence fits no table.
 */
export function inferTable(
  builtins: ReadonlySet<string>,
  targets: ReadonlySet<string>,
): TableName | undefined {
  const candidates = PREFERENCE.filter((table) =>
    [...builtins].every((chain) => (BUILTIN_CHAINS[table] as readonly string[]).includes(chain)),
  );
  for (const target of targets) {
    const table = TABLE_OF_TARGET.get(target);
    if (table && candidates.includes(table)) return table;
  }
  const exact = candidates.find((table) => BUILTIN_CHAINS[table].length === builtins.size);
  return exact ?? candidates[0];
}

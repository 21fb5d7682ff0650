import type { TableName } from './names.ts';
import { BUILTIN_CHAINS, chainName } from './names.ts';
import type { Chain, Ruleset, Table } from './ruleset.ts';

/**
 * The order iptables-save prints tables in with the nf_tables backend (the
 * default since iptables 1.8), whatever order they were restored in.
 */
const SAVE_TABLE_ORDER: readonly TableName[] = ['mangle', 'security', 'raw', 'filter', 'nat'];

/**
 * The ruleset as the kernel holds it after `iptables-restore` (without
 * `--counters`), in the shape `iptables-save` prints it: tables in the
 * backend's order, every built-in chain present (policy ACCEPT unless set),
 * user chains sorted by byte value, counters zero, no comment lines. A later
 * block of the same table replaces an earlier one, as a restore does; a block
 * that declares no chain creates nothing.
 */
export function asLoadedByKernel(ruleset: Ruleset): Ruleset {
  const byName = new Map<TableName, Table>();
  for (const table of ruleset.tables) {
    if (table.chains.length > 0) byName.set(table.name, table);
  }
  const tables = SAVE_TABLE_ORDER.flatMap((name) => {
    const table = byName.get(name);
    return table ? [loadTable(table)] : [];
  });
  return { tables };
}

function loadTable(table: Table): Table {
  const builtins: Chain[] = BUILTIN_CHAINS[table.name].map((hook) => {
    const given = table.chains.find((c) => c.name === hook);
    return {
      name: chainName(hook),
      policy: given?.policy ?? 'ACCEPT',
      rules: given ? zeroed(given) : [],
    };
  });
  const builtinNames = new Set<string>(BUILTIN_CHAINS[table.name]);
  const users: Chain[] = table.chains
    .filter((c) => !builtinNames.has(c.name))
    // strcmp order: JavaScript compares UTF-16 code units, the same as bytes for ASCII names.
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => ({ name: c.name, rules: zeroed(c) }));
  return { name: table.name, chains: [...builtins, ...users] };
}

function zeroed(chain: Chain): Chain['rules'] {
  return chain.rules.map((rule) => {
    if (!rule.counters) return rule;
    const { counters: _counters, ...rest } = rule;
    return rest;
  });
}

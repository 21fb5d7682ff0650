import type { TableName } from '../model/names.ts';
import { BUILTIN_CHAINS } from '../model/names.ts';
import type { ProblemLog } from './problems.ts';

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

/**
 * kube-proxy chains that only its nat table has (KUBE-SERVICES and
 * KUBE-NODEPORTS exist in filter too, so they tell nothing).
 */
const NAT_ONLY_CHAIN = /^KUBE-(SVC|SEP|EXT|FW|XLB|SVL)-|^KUBE-(MARK-MASQ|POSTROUTING)$/;

/** When the evidence fits several tables equally, the one a node is likeliest to list. */
const PREFERENCE: readonly TableName[] = ['filter', 'nat', 'raw', 'mangle', 'security'];

/** What a listing or `-S` output shows of its table. */
export interface TableEvidence {
  /** Built-in chains present (each table registers its own set of hooks). */
  readonly builtins: ReadonlySet<string>;
  /** Targets of its rules. */
  readonly targets: ReadonlySet<string>;
  /** User chains present. */
  readonly chains: ReadonlySet<string>;
}

/**
 * A listing or `-S` output does not name its table. The built-in chains
 * present narrow it down; a table-specific target (DNAT, CT, …) or a chain
 * only kube-proxy's nat table has settles the rest. Undefined when nothing
 * tells.
 */
export function inferTable({ builtins, targets, chains }: TableEvidence): TableName | undefined {
  const candidates = PREFERENCE.filter((table) =>
    [...builtins].every((chain) => (BUILTIN_CHAINS[table] as readonly string[]).includes(chain)),
  );
  for (const target of targets) {
    const table = TABLE_OF_TARGET.get(target);
    if (table && candidates.includes(table)) return table;
  }
  const natChain = [...chains, ...targets].some((name) => NAT_ONLY_CHAIN.test(name));
  if (natChain && candidates.includes('nat')) return 'nat';
  if (builtins.size === 0) return undefined;
  const exact = candidates.find((table) => BUILTIN_CHAINS[table].length === builtins.size);
  return exact ?? candidates[0];
}

/** The inferred table, or filter with a warning at `line` that says the guess was blind. */
export function tableOrFilter(evidence: TableEvidence, log: ProblemLog, line: number): TableName {
  const inferred = inferTable(evidence);
  if (inferred) return inferred;
  log.warning(
    line,
    1,
    'the table is not named and nothing here tells it; read as filter (name it with --table, or paste the command line with -t)',
  );
  return 'filter';
}

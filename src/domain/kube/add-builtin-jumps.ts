/**
 * kube-proxy writes its chains with iptables-restore, but the jumps into them
 * from the built-in chains (PREROUTING → KUBE-SERVICES …) with `iptables -I`
 * (builtin-jumps.ts). Its restore input, as its unit tests print it, has no
 * such jump: a packet traced through it alone never reaches KUBE-SERVICES. A
 * node holds both; these functions tell when a dump lacks the jumps and add
 * them as kube-proxy would.
 */
import type { Chain, Rule, Ruleset, Table } from '../model/ruleset.ts';
import { BUILTIN_CHAINS, chainName, isBuiltinChain } from '../model/names.ts';
import { parseDump } from '../parse/parse-dump.ts';
import type { JumpChain } from './builtin-jumps.ts';
import { currentJumpChains, jumpLines, legacyJumpChains } from './builtin-jumps.ts';
import { KUBE_EXTERNAL_SERVICES, KUBE_PROXY_FIREWALL } from './chain-names.ts';

type JumpTable = JumpChain['table'];

const JUMP_TABLES: readonly JumpTable[] = ['filter', 'nat'];

/** The jumps kube-proxy would add to `table`: those whose target the table declares. */
function jumpsFor(table: Table, jumps: readonly JumpChain[]): JumpChain[] {
  const declared = new Set(table.chains.map((c) => c.name as string));
  return jumps.filter((j) => j.table === table.name && declared.has(j.dstChain));
}

/** Whether any built-in chain of the table holds a rule: then its jumps are there, or chosen away. */
const hasBuiltinRules = (table: Table) =>
  table.chains.some((c) => isBuiltinChain(table.name, c.name) && c.rules.length > 0);

/**
 * kube-proxy before v1.11 (the "legacy" profile) had no KUBE-EXTERNAL-SERVICES or
 * KUBE-PROXY-FIREWALL in filter, and jumped to KUBE-SERVICES from INPUT and OUTPUT.
 */
function looksLegacy(ruleset: Ruleset): boolean {
  const filter = ruleset.tables.find((t) => t.name === 'filter');
  if (!filter) return false;
  const names = new Set(filter.chains.map((c) => c.name as string));
  return (
    names.has('KUBE-SERVICES') &&
    !names.has(KUBE_EXTERNAL_SERVICES) &&
    !names.has(KUBE_PROXY_FIREWALL)
  );
}

/**
 * The tables (filter, nat) that declare kube-proxy's chains but have no rule
 * in any built-in chain: kube-proxy's restore input rather than a node's rules.
 *
 * @example
 *   tablesLackingJumps(parseDump(unitTestDump).ruleset); // ['filter', 'nat']
 */
export function tablesLackingJumps(ruleset: Ruleset): JumpTable[] {
  const jumps = [...currentJumpChains(), ...legacyJumpChains()];
  return ruleset.tables
    .filter((t): t is Table & { name: JumpTable } =>
      (JUMP_TABLES as readonly string[]).includes(t.name),
    )
    .filter((t) => !hasBuiltinRules(t) && jumpsFor(t, jumps).length > 0)
    .map((t) => t.name);
}

/** The jump rules, parsed from the lines kube-proxy's `iptables -I` calls leave. */
function jumpRules(lines: readonly string[], table: JumpTable): Map<string, Rule[]> {
  const { ruleset } = parseDump(`*${table}\n${lines.join('\n')}\nCOMMIT\n`, { format: 'save' });
  const byChain = new Map<string, Rule[]>();
  for (const chain of ruleset.tables[0]?.chains ?? []) {
    // No line of the user's text: kpviz added these.
    byChain.set(
      chain.name,
      chain.rules.map(({ origin: _origin, ...rule }) => rule),
    );
  }
  return byChain;
}

/**
 * The ruleset with kube-proxy's jumps from the built-in chains added to each
 * table that lacks them (see tablesLackingJumps), in the order kube-proxy's
 * inserts leave them; built-in chains the dump never declared are added with
 * policy ACCEPT. `legacy` picks v1.9's jumps; by default it is told from the rules.
 *
 * @example
 *   const { ruleset, added } = withBuiltinJumps(parseDump(unitTestDump).ruleset);
 */
export function withBuiltinJumps(
  ruleset: Ruleset,
  legacy = looksLegacy(ruleset),
): { ruleset: Ruleset; added: number } {
  const jumps = legacy ? legacyJumpChains() : currentJumpChains();
  const lacking = new Set<string>(tablesLackingJumps(ruleset));
  let added = 0;
  const tables = ruleset.tables.map((table): Table => {
    if (!lacking.has(table.name)) return table;
    const name = table.name as JumpTable;
    const rules = jumpRules(jumpLines(jumpsFor(table, jumps), name), name);
    const builtins: Chain[] = BUILTIN_CHAINS[table.name].map((hook) => {
      const own = table.chains.find((c) => c.name === hook);
      const extra = rules.get(hook) ?? [];
      added += extra.length;
      return own
        ? { ...own, rules: [...own.rules, ...extra] }
        : { name: chainName(hook), policy: 'ACCEPT', rules: extra };
    });
    const others = table.chains.filter((c) => !isBuiltinChain(table.name, c.name));
    return { ...table, chains: [...builtins, ...others] };
  });
  return { ruleset: { ...ruleset, tables }, added };
}

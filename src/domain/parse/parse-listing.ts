import type { Progress } from './parse-dump.ts';
import type { TableName } from '../model/names.ts';
import type { Rule, Ruleset, SourceRef, Table } from '../model/ruleset.ts';
import { tableOrFilter } from './infer-table.ts';
import { Interner } from './interner.ts';
import type { ListedChain, ListedTable } from './listing-blocks.ts';
import { isHook, outlineListing } from './listing-blocks.ts';
import type { Layout } from './listing-columns.ts';
import { guessLayout, NOT_A_RULE_LINE } from './listing-columns.ts';
import { readListingRule } from './listing-rule.ts';
import { LineScanner } from './listing-scanner.ts';
import type { ProblemLog } from './problems.ts';
import { TableBuilder } from './table-builder.ts';

/**
 * Reads `iptables [-t T] -n -L [-v] [-x] [--line-numbers]` output, one
 * table's listing or several one after another, into the model the
 * iptables-save parser produces. A listing does not name its table: a
 * pasted command line's `-t` names it, else `table`, else it is told from
 * the built-in chains and table-specific targets. Never throws; every line
 * it cannot read is a problem at that line, and the rest is still read.
 *
 * @example
 * parseListing('Chain KUBE-MARK-MASQ (3 references)\n' +
 *   'target prot opt source destination\n' +
 *   'MARK all -- 0.0.0.0/0 0.0.0.0/0 MARK or 0x4000\n', log, 'nat');
 * // → nat table, chain KUBE-MARK-MASQ: -j MARK --set-xmark 0x4000/0x4000
 */
export function parseListing(
  text: string,
  log: ProblemLog,
  table?: TableName,
  progress?: Progress,
): Ruleset {
  const outline = outlineListing(text, log);
  const tables: Table[] = [];
  let abbreviated = outline.abbreviated;
  const interner = new Interner();
  for (const listed of outline.tables) {
    // A chain's rules are read as a block: report where each chain starts.
    const read = listed.chains.map((chain) => {
      progress?.(chain.origin.line - 1, outline.lines);
      return readRules(chain, log, interner);
    });
    const rules = read.map((chain) => chain.rules);
    if (read.some((chain) => chain.withoutInterfaces)) {
      // -i/-o are printed only with -v: without them `-A INPUT -i lo -j ACCEPT`
      // reads as accepting every packet.
      log.warning(
        listed.origin.line,
        1,
        'this listing has no in/out columns (list with -v): rules that test an interface (-i lo, -o eth0) read here as matching every interface',
      );
    }
    for (const chainRules of rules) {
      for (const { abbreviated: at, origin } of chainRules) {
        if (at && (!abbreviated || origin.line < abbreviated.line))
          abbreviated = { line: origin.line, column: at.column };
      }
    }
    const name = listed.table ?? table ?? guessTable(listed, rules, log);
    if (tables.some((t) => t.name === name)) {
      log.warning(listed.origin.line, 1, `table ${name} is listed twice; kept as two tables`);
    }
    const builder = new TableBuilder(name, listed.origin, log);
    listed.chains.forEach((chain, i) => {
      builder.declareChain(chain.name, chain.origin, chain.column, chain.policy, chain.counters);
      for (const { rule, origin } of rules[i] ?? []) builder.addRule(chain.name, rule, origin, 1);
    });
    tables.push(builder.build());
  }
  if (abbreviated) {
    log.warning(
      abbreviated.line,
      abbreviated.column,
      'iptables -L -v rounds large counters (12K, 3M); kpviz multiplied them out. List with -x for exact counters',
    );
  }
  return { tables };
}

interface ReadRule {
  readonly rule: Rule;
  readonly origin: SourceRef;
  readonly abbreviated?: { readonly column: number };
}

interface ReadChain {
  readonly rules: ReadRule[];
  /** Some rule line was read from a listing made without -v, which hides -i and -o. */
  readonly withoutInterfaces: boolean;
}

function readRules(chain: ListedChain, log: ProblemLog, interner: Interner): ReadChain {
  const read: ReadRule[] = [];
  let withoutInterfaces = false;
  let warned = false;
  for (const origin of chain.rules) {
    try {
      let layout: Layout | undefined = chain.layout;
      if (!layout) {
        layout = guessLayout(new LineScanner(origin.raw));
        if (layout && !warned) {
          warned = true;
          log.warning(
            origin.line,
            1,
            `no column header ("target prot opt source destination") under chain ${chain.name}; columns told from the rule lines`,
          );
        }
      }
      if (!layout) {
        log.error(origin.line, 1, NOT_A_RULE_LINE);
        continue;
      }
      if (!layout.via) withoutInterfaces = true;
      const result = readListingRule(origin.raw, layout, origin.line, log, interner);
      if (result) read.push({ ...result, origin });
    } catch (error) {
      // A bug in a reader must cost one line, not the whole listing.
      log.error(
        origin.line,
        1,
        `kpviz could not read this line: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { rules: read, withoutInterfaces };
}

/** The table from the built-in chains, targets and kube-proxy chains present. */
function guessTable(listed: ListedTable, rules: readonly ReadRule[][], log: ProblemLog): TableName {
  const builtins = new Set(listed.chains.filter((c) => isHook(c.name)).map((c) => c.name));
  const chains = new Set(listed.chains.filter((c) => !isHook(c.name)).map((c) => c.name));
  const targets = new Set<string>();
  for (const chainRules of rules) {
    for (const { rule } of chainRules) if (rule.target) targets.add(rule.target.name);
  }
  return tableOrFilter({ builtins, targets, chains }, log, listed.origin.line);
}

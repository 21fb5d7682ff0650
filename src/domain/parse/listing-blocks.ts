import type { Hook, TableName } from '../model/names.ts';
import { BUILTIN_CHAINS, isTableName } from '../model/names.ts';
import type { Counters, SourceRef } from '../model/ruleset.ts';
import type { Layout } from './listing-columns.ts';
import { parseCount, readColumnHeader } from './listing-columns.ts';
import { splitLines } from './lines.ts';
import type { ProblemLog } from './problems.ts';

/** A `Chain NAME (…)` block of a listing and its rule lines, not yet read. */
export interface ListedChain {
  readonly name: string;
  readonly column: number;
  readonly origin: SourceRef;
  readonly policy?: 'ACCEPT' | 'DROP';
  readonly counters?: Counters;
  /** The column header under the chain line, when there was one. */
  layout?: Layout;
  readonly rules: SourceRef[];
}

/** One table's listing: the chains of one `iptables [-t T] -nL` run. */
export interface ListedTable {
  /** From a pasted command line (`# iptables -t nat -nL`). */
  readonly table?: TableName;
  readonly origin: SourceRef;
  readonly chains: ListedChain[];
}

export interface ListingOutline {
  readonly tables: ListedTable[];
  /** How many lines the text has. */
  lines: number;
  /** Where a counter was first printed abbreviated (`12K`): -x prints exact ones. */
  abbreviated?: { line: number; column: number };
}

/**
 * The hooks in the order every table lists its built-in chains: mangle
 * registers all five, and each other table lists a subset in the same order.
 */
const HOOK_ORDER: readonly Hook[] = BUILTIN_CHAINS.mangle;

/** A built-in chain's name in some table. */
export const isHook = (name: string): boolean => (HOOK_ORDER as readonly string[]).includes(name);
const ELISION = /^(\.{2,}|…+)$/;
/** `# iptables -t nat -nL`, `$ sudo iptables -nvL`, `[root@node ~]# iptables …`. */
const COMMAND =
  /^(?:(?:\[[^\]]*\]|[^\s#$%>[])*[#$%>]\s*)?(?:sudo\s+)?(?:\S*\/)?ip6?tables(?:-legacy|-nft)?(?:\s+(.*))?$/;
const CHAIN = /^Chain\s+(\S+)(?:\s+\((.*)\))?$/;
const POLICY = /^policy (ACCEPT|DROP)(?: (\S+) packets, (\S+) bytes)?$/;
const REFERENCES = /^([0-9]+ references?|ERROR obtaining refs)$/;

/**
 * First pass over a listing: its lines sorted into tables and chains. iptables
 * lists built-in chains in hook order before user chains, so a new table
 * starts where a chain name repeats, a built-in chain comes out of hook order
 * or after user chains, or a pasted command line names the next listing.
 */
export function outlineListing(text: string, log: ProblemLog): ListingOutline {
  const outline: ListingOutline = { tables: [], lines: 0 };
  let table: ListedTable | undefined;
  let chain: ListedChain | undefined;
  let lastHook = -1;
  let userChains = false;
  let names = new Set<string>();
  let command: { table?: TableName; origin: SourceRef } | undefined;
  // Rule lines outside any chain are reported once per run of them; those under an
  // unreadable chain line are covered by that line's error.
  let reportOrphans = true;

  const lines = splitLines(text);
  outline.lines = lines.length;
  lines.forEach((raw, index) => {
    const origin: SourceRef = { line: index + 1, raw };
    const trimmed = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (trimmed === '') return;
    // The length bound keeps the regex's backtracking cheap on a pathological line.
    const commandLine =
      trimmed.length < 500 && trimmed.includes('tables') ? COMMAND.exec(trimmed) : null;
    if (commandLine) {
      command = { origin, ...tableOfCommand(commandLine[1] ?? '', origin, raw, log) };
      table = undefined;
      chain = undefined;
      reportOrphans = true;
      return;
    }
    if (trimmed.startsWith('#')) return;
    if (ELISION.test(trimmed)) {
      log.warning(
        origin.line,
        indent + 1,
        'elided lines ("...") skipped: the listing is incomplete here',
      );
      return;
    }
    if (/^Chain\s/.test(trimmed)) {
      const header = readChainLine(trimmed, origin, indent, log);
      chain = undefined;
      reportOrphans = header !== undefined;
      if (!header) return;
      const hook = HOOK_ORDER.indexOf(header.name as Hook);
      const newTable = names.has(header.name) || (hook >= 0 && (userChains || hook <= lastHook));
      if (!table || newTable) {
        table = {
          ...(command?.table ? { table: command.table } : {}),
          origin: command?.origin ?? origin,
          chains: [],
        };
        outline.tables.push(table);
        command = undefined;
        lastHook = -1;
        userChains = false;
        names = new Set();
      }
      if (hook >= 0) lastHook = hook;
      else userChains = true;
      names.add(header.name);
      chain = { ...header, rules: [] };
      table.chains.push(chain);
      if (header.abbreviated)
        outline.abbreviated ??= { line: origin.line, column: header.abbreviated };
      return;
    }
    const layout = readColumnHeader(trimmed);
    if (layout) {
      if (chain) chain.layout = layout;
      return;
    }
    if (chain) chain.rules.push(origin);
    else if (reportOrphans) {
      reportOrphans = false;
      log.error(
        origin.line,
        indent + 1,
        'this line is not part of a chain: a listing starts with "Chain NAME (policy …)"',
      );
    }
  });
  return outline;
}

/** The `-t`/`--table` of a pasted command line; iptables' default table is filter. */
function tableOfCommand(
  args: string,
  origin: SourceRef,
  raw: string,
  log: ProblemLog,
): { table?: TableName } {
  const words = args.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    let value: string | undefined;
    if (word === '--table') value = words[i + 1];
    else if (word.startsWith('--table=')) value = word.slice('--table='.length);
    else if (/^-[a-zA-Z]*t/.test(word)) value = word.slice(word.indexOf('t') + 1) || words[i + 1];
    else continue;
    if (value && isTableName(value)) return { table: value };
    const column = value ? raw.indexOf(value, raw.indexOf(word)) + 1 : raw.indexOf(word) + 1;
    log.error(
      origin.line,
      Math.max(1, column),
      `"${value ?? ''}" is not an iptables table (raw, mangle, nat, filter, security)`,
    );
    return {};
  }
  return { table: 'filter' };
}

interface ChainLine {
  readonly name: string;
  readonly column: number;
  readonly origin: SourceRef;
  readonly policy?: 'ACCEPT' | 'DROP';
  readonly counters?: Counters;
  /** Column of a counter printed abbreviated. */
  readonly abbreviated?: number;
}

/** `Chain NAME (policy ACCEPT)`, `(policy DROP 12 packets, 3456 bytes)`, `(2 references)`. */
function readChainLine(
  trimmed: string,
  origin: SourceRef,
  indent: number,
  log: ProblemLog,
): ChainLine | undefined {
  const m = CHAIN.exec(trimmed);
  if (!m) {
    log.error(
      origin.line,
      indent + 1,
      'a chain line reads "Chain NAME (policy ACCEPT)" or "Chain NAME (2 references)"',
    );
    return undefined;
  }
  const name = m[1] as string;
  const column = origin.raw.indexOf(name, indent + 5) + 1;
  const inner = m[2];
  const detailColumn = origin.raw.indexOf('(', column) + 2;
  const chain = { name, column, origin };
  if (inner === undefined || REFERENCES.test(inner)) return chain;
  const policy = POLICY.exec(inner);
  if (!policy) {
    log.error(
      origin.line,
      detailColumn,
      `"(${inner})" is neither "(policy ACCEPT|DROP …)" nor "(N references)"`,
    );
    return chain;
  }
  const withPolicy = { ...chain, policy: policy[1] as 'ACCEPT' | 'DROP' };
  if (policy[2] === undefined) return withPolicy;
  const packets = parseCount(policy[2]);
  const bytes = parseCount(policy[3] ?? '');
  if (!packets || !bytes) {
    log.error(origin.line, detailColumn, `"(${inner})": the chain's counters are not counts`);
    return withPolicy;
  }
  const counters = { packets: packets.value, bytes: bytes.value };
  const abbreviated = packets.abbreviated || bytes.abbreviated ? detailColumn : undefined;
  return { ...withPolicy, counters, ...(abbreviated ? { abbreviated } : {}) };
}

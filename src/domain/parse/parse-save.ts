import { isTableName } from '../model/names.ts';
import type { Counters, Ruleset, SourceRef, Table } from '../model/ruleset.ts';
import { Interner } from './interner.ts';
import { PROGRESS_EVERY, splitLines, splitWords } from './lines.ts';
import type { Progress } from './parse-dump.ts';
import type { ProblemLog } from './problems.ts';
import { parseRuleArgs, reviseRule } from './rule-args.ts';
import { parseCounters } from './rule-fields.ts';
import { applyCommand } from './rule-commands.ts';
import { TableBuilder } from './table-builder.ts';
import { tokenize } from './tokenize.ts';

const COUNTERS = /^\[([0-9]+):([0-9]+)\]$/;

/**
 * Reads iptables-save output or iptables-restore input: `*table` … `COMMIT`
 * blocks of `:CHAIN POLICY [p:b]` declarations and `[p:b] -A CHAIN …` rules
 * (plus the -N/-X/-F/-P/-I commands restore files may carry). Keeps going past
 * bad lines so that every problem is reported at once.
 */
export function parseSave(text: string, log: ProblemLog, progress?: Progress): Ruleset {
  const tables: Table[] = [];
  let current: TableBuilder | undefined;
  let pendingComments: string[] = [];
  const interner = new Interner();
  const lines = splitLines(text);

  for (let index = 0; index < lines.length; index++) {
    if (progress && index % PROGRESS_EVERY === 0) progress(index, lines.length);
    const raw = lines[index] as string;
    const origin: SourceRef = { line: index + 1, raw };
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      if (!current) pendingComments.push(raw);
      continue;
    }
    const column = raw.length - raw.trimStart().length + 1;
    if (trimmed.startsWith('*')) {
      if (current) {
        log.error(
          current.origin?.line ?? origin.line,
          1,
          `table ${current.name} has no COMMIT line`,
        );
        tables.push(current.build());
      }
      const name = trimmed.slice(1);
      if (!isTableName(name)) {
        log.error(
          origin.line,
          column + 1,
          `"${name}" is not an iptables table (raw, mangle, nat, filter, security)`,
        );
        current = undefined;
        continue;
      }
      current = new TableBuilder(name, origin, log);
      interner.table = current;
      attachComments(tables, current, pendingComments);
      pendingComments = [];
      continue;
    }
    if (trimmed === 'COMMIT') {
      if (!current) log.error(origin.line, column, 'COMMIT outside a table');
      else tables.push(current.build());
      current = undefined;
      continue;
    }
    if (!current) {
      log.error(
        origin.line,
        column,
        'this line is outside a table: start one with *filter, *nat, …',
      );
      continue;
    }
    if (trimmed.startsWith(':')) {
      declareChainLine(current, trimmed, origin, column, log);
      continue;
    }
    readRuleLine(current, raw, origin, log, interner);
  }
  if (current) {
    log.error(lines.length, 1, `table ${current.name} has no COMMIT line`);
    tables.push(current.build());
  }
  if (pendingComments.length > 0 && tables.length > 0) {
    const last = tables[tables.length - 1] as Table;
    tables[tables.length - 1] = { ...last, trailer: [...(last.trailer ?? []), ...pendingComments] };
  }
  return { tables };
}

/**
 * A `#` line before `*table` belongs to that table's preamble unless it
 * follows a COMMIT, where iptables-save writes `# Completed on …`.
 */
function attachComments(tables: Table[], next: TableBuilder, comments: readonly string[]): void {
  const last = tables[tables.length - 1];
  const completed = last ? comments.findIndex((c) => !c.trimStart().startsWith('# Completed')) : 0;
  const split = completed < 0 ? comments.length : completed;
  if (last && split > 0) {
    tables[tables.length - 1] = {
      ...last,
      trailer: [...(last.trailer ?? []), ...comments.slice(0, split)],
    };
  }
  next.preamble = comments.slice(split);
}

/** `[packets:bytes]`, as iptables-save writes counters, when the text is that. */
function bracketCounters(text: string): Counters | undefined {
  // What nearly every chain line ends in, told without the expression.
  if (text === '[0:0]') return parseCounters('0', '0');
  const m = COUNTERS.exec(text);
  return m ? parseCounters(m[1] as string, m[2] as string) : undefined;
}

function declareChainLine(
  table: TableBuilder,
  trimmed: string,
  origin: SourceRef,
  column: number,
  log: ProblemLog,
): void {
  const [nameWithColon = '', policy, counters, extra] = splitWords(trimmed);
  const name = nameWithColon.slice(1);
  if (!name) {
    log.error(origin.line, column, 'a chain line needs a name: ":NAME POLICY [packets:bytes]"');
    return;
  }
  if (extra !== undefined)
    log.error(origin.line, column, `unexpected "${extra}" after the chain's counters`);
  let parsedCounters: Counters | undefined;
  if (counters !== undefined) {
    parsedCounters = bracketCounters(counters);
    if (!parsedCounters)
      log.error(origin.line, column, `"${counters}" is not a counter pair [packets:bytes]`);
  }
  if (policy === undefined || policy === '-') {
    table.declareChain(name, origin, column, undefined, parsedCounters);
  } else if (policy === 'ACCEPT' || policy === 'DROP') {
    table.declareChain(name, origin, column, policy, parsedCounters);
  } else {
    log.error(
      origin.line,
      column,
      `"${policy}" is not a policy: a built-in chain's is ACCEPT or DROP, a user chain's "-"`,
    );
    table.declareChain(name, origin, column, undefined, parsedCounters);
  }
}

function readRuleLine(
  table: TableBuilder,
  raw: string,
  origin: SourceRef,
  log: ProblemLog,
  interner: Interner,
): void {
  const { tokens, unclosedQuote } = tokenize(raw);
  if (unclosedQuote !== undefined) {
    log.error(origin.line, unclosedQuote, 'this double quote is never closed');
    return;
  }
  const first = tokens[0];
  const counters = first?.text.startsWith('[') ? bracketCounters(first.text) : undefined;
  const start = counters ? 1 : 0;
  applyCommand(
    table,
    tokens,
    origin,
    log,
    (words, from) => {
      const rule = parseRuleArgs(words, origin.line, log, origin, interner, from);
      return counters && !rule.counters ? reviseRule(rule, { counters }) : rule;
    },
    start,
  );
}

import { isTableName } from '../model/names.ts';
import type { Chain, Counters, Rule, Ruleset, SourceRef, Table } from '../model/ruleset.ts';
import { Interner } from './interner.ts';
import { PROGRESS_EVERY, splitWords, TextLines } from './lines.ts';
import type { Progress } from './parse-dump.ts';
import type { ProblemLog } from './problems.ts';
import { readPlainRule } from './plain-rule.ts';
import { parseRuleArgs, reviseRule } from './rule-args.ts';
import { parseCounters } from './rule-fields.ts';
import { applyCommand } from './rule-commands.ts';
import { DeferredLines, TableBuilder } from './table-builder.ts';
import type { Token } from './tokenize.ts';
import { tokenize } from './tokenize.ts';

const COUNTERS = /^\[([0-9]+):([0-9]+)\]$/;
/** `[0:0]`, the counters nearly every chain line has. */
const ZERO_COUNTERS = parseCounters('0', '0');

/**
 * Reads iptables-save output or iptables-restore input: `*table` … `COMMIT`
 * blocks of `:CHAIN POLICY [p:b]` declarations and `[p:b] -A CHAIN …` rules
 * (plus the -N/-X/-F/-P/-I commands restore files may carry). Keeps going past
 * bad lines so that every problem is reported at once.
 */
export function parseSave(text: string, log: ProblemLog, progress?: Progress): Ruleset {
  return readSave(text, log, progress, false).ruleset;
}

/**
 * parseSave, with each chain's rules read when first wanted (see TableBuilder.build): a
 * table's chains, their order and their policies now, and the lines of each chain's rules,
 * each told apart by its first words. What a dump's 10,000 Services need at first (the
 * entry chains, the chains that draw) is then read in well under half the time of the whole.
 * The problems of a chain's rules are logged when it is read; `rest` reads the chains
 * nobody has asked for yet; `lines`, how many lines the text has (as countLines counts them),
 * told as it was read. A restore file's -I, -D, -F, -X, -N and -P change what an earlier line
 * did, so a text with one is read whole, as parseSave does.
 */
export function parseSaveDeferred(
  text: string,
  log: ProblemLog,
  progress?: Progress,
): { ruleset: Ruleset; rest?: DeferredChains; lines?: number } {
  const logged = log.problems.length;
  const read = readSave(text, log, progress, true);
  if (read) return read;
  log.truncate(logged);
  return { ruleset: parseSave(text, log, progress) };
}

/** The chains of a ruleset whose rules are not read yet (see parseSaveDeferred). */
export interface DeferredChains {
  /** Reads chains in the dump's order until `deadline` (performance.now()); true once all are. */
  readSome(deadline: number): boolean;
  /** Whether a rule line not read yet starts with counters (`[packets:bytes] -A …`). */
  readonly counted: boolean;
}

/**
 * Tells a save text's plain appends in place (see nameAt): where the next backslash,
 * tab, carriage return and double quote stand, each searched for again only once a line
 * has passed it, so that a line is looked at without a string made of it.
 */
class PlainAppends {
  private backslash = -1;
  private tab = -1;
  private cr = -1;
  private quote = -1;

  constructor(private readonly text: string) {}

  /** The first `char` at or after `from` (the text's length when none), `last` its last answer. */
  private next(char: string, last: number, from: number): number {
    if (last >= from) return last;
    const at = this.text.indexOf(char, from);
    return at < 0 ? this.text.length : at;
  }

  /**
   * Where the chain's name starts in the line from `start` to `end` when it is a plain
   * append: `-A ` after optional counters, and words tokenize would tell by splitting at
   * spaces (no other blank, no backslash, every quote closed, none in the chain's name);
   * else -1.
   */
  nameAt(start: number, end: number): number {
    const { text } = this;
    const at = appendNameAt(text, start, end);
    if (at < 0) return -1;
    this.backslash = this.next('\\', this.backslash, start);
    this.tab = this.next('\t', this.tab, start);
    this.cr = this.next('\r', this.cr, start);
    if (this.backslash < end || this.tab < end || this.cr < end) return -1;
    let quotes = 0;
    let first = -1;
    for (let q = (this.quote = this.next('"', this.quote, at)); q < end;) {
      if (first < 0) first = q;
      quotes++;
      q = this.quote = this.next('"', q, q + 1);
    }
    if (quotes % 2 !== 0) return -1;
    const space = text.indexOf(' ', at);
    return first < 0 || (space >= 0 && space < first) ? at : -1;
  }
}

/**
 * The chain a line appends to, from its words: undefined (and a problem) for a quote left
 * open, which makes no rule; 'other' for a command other than -A.
 */
function appendedChainOf(
  raw: string,
  origin: SourceRef,
  log: ProblemLog,
): { name: string; column: number; counted: boolean } | 'other' | undefined {
  const words = wordsOf(raw, origin, log);
  if (!words) return undefined;
  const counted = words.counters !== undefined;
  const command = words.tokens[counted ? 1 : 0]?.text;
  const chain = words.tokens[counted ? 2 : 1];
  if ((command !== '-A' && command !== '--append') || !chain) return 'other';
  return { name: chain.text, column: chain.column, counted };
}

/**
 * parseSave's reading; with `defer`, parseSaveDeferred's, undefined when a line asks for
 * the text to be read whole.
 */
function readSave(
  text: string,
  log: ProblemLog,
  progress: Progress | undefined,
  defer: false,
): { ruleset: Ruleset; lines: number };
function readSave(
  text: string,
  log: ProblemLog,
  progress: Progress | undefined,
  defer: true,
): { ruleset: Ruleset; rest: DeferredChains; lines: number } | undefined;
function readSave(
  text: string,
  log: ProblemLog,
  progress: Progress | undefined,
  defer: boolean,
): { ruleset: Ruleset; rest?: DeferredChains; lines: number } | undefined {
  const tables: Table[] = [];
  let current: TableBuilder | undefined;
  let pendingComments: string[] = [];
  const interner = new Interner();
  const lines = new TextLines(text);
  const total = lines.count;
  const appends = defer ? new PlainAppends(text) : undefined;
  const deferred = defer ? new DeferredLines(total) : undefined;
  const lineOf = (index: number): string => lines.line(index);
  let counted = false;
  // The deferred chains' lines, read as parseSave reads a rule line.
  const readDeferred =
    (table: TableBuilder, next: Int32Array) =>
    (firstLine: number): Rule[] => {
      interner.table = table;
      const rules: Rule[] = [];
      for (let index = firstLine; index >= 0; index = next[index] as number) {
        const raw = lines.line(index);
        const rule = readAppendedRule(raw, { line: index + 1, raw }, log, interner);
        if (rule) rules.push(rule);
      }
      return rules;
    };
  // The chains whose rules are still lines, in the dump's order (see rest below).
  const waiting: Chain[] = [];
  const build = (table: TableBuilder): Table =>
    table.build(deferred && readDeferred(table, deferred.next), waiting);

  for (let index = 0; index < total; index++) {
    if (progress && index % PROGRESS_EVERY === 0) progress(index, total);
    if (appends && current) {
      // Nearly every line of a big dump: its chain told in place from its first words.
      const start = lines.start(index);
      const end = lines.end(index);
      const at = appends.nameAt(start, end);
      if (at >= 0) {
        if (text.charCodeAt(start) === 91 /* [ */) counted = true;
        // No name after `-A ` (two spaces, say): told from the line's words below.
        if (current.deferInPlace(text, start, at, end, index, lineOf)) continue;
      } else if (plainDeclaration(text, start, end)) {
        // `:NAME - [0:0]`, as a dump declares each of its 50,000 user chains (see declareChainLine).
        const origin = { line: index + 1, raw: lines.line(index) };
        current.declareChain(text.slice(start + 1, end - 8), origin, 1, undefined, ZERO_COUNTERS);
        continue;
      }
    }
    const raw = lines.line(index);
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
        tables.push(build(current));
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
      current = new TableBuilder(name, origin, log, deferred);
      interner.table = current;
      attachComments(tables, current, pendingComments);
      pendingComments = [];
      continue;
    }
    if (trimmed === 'COMMIT') {
      if (!current) log.error(origin.line, column, 'COMMIT outside a table');
      else tables.push(build(current));
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
    if (defer) {
      const appended = appendedChainOf(raw, origin, log);
      if (appended === 'other') return undefined;
      if (appended) current.deferRule(appended.name, index, appended.column, lineOf);
      if (appended?.counted) counted = true;
      continue;
    }
    readRuleLine(current, raw, origin, log, interner);
  }
  if (current) {
    log.error(total, 1, `table ${current.name} has no COMMIT line`);
    tables.push(build(current));
  }
  if (pendingComments.length > 0 && tables.length > 0) {
    const last = tables[tables.length - 1] as Table;
    tables[tables.length - 1] = { ...last, trailer: [...(last.trailer ?? []), ...pendingComments] };
  }
  if (!defer) return { ruleset: { tables }, lines: total };
  let next = 0;
  const rest: DeferredChains = {
    counted,
    readSome(deadline) {
      for (; next < waiting.length; next++) {
        if (performance.now() >= deadline) return false;
        void (waiting[next] as Chain).rules;
      }
      return true;
    },
  };
  return { ruleset: { tables }, rest, lines: total };
}

/**
 * Whether the line of `text` from `start` to `end` is `:NAME - [0:0]` with a name of printable
 * ASCII and no space, which declareChainLine declares as it is: told in place.
 */
function plainDeclaration(text: string, start: number, end: number): boolean {
  const tail = end - 8;
  if (tail <= start + 1 || text.charCodeAt(start) !== 58 /* : */) return false;
  if (!text.startsWith(' - [0:0]', tail)) return false;
  for (let at = start + 1; at < tail; at++) {
    const c = text.charCodeAt(at);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
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
  // `:NAME - [0:0]`, as a dump declares each of its 50,000 user chains: no words to split.
  if (trimmed.endsWith(' - [0:0]') && trimmed.indexOf(' ') === trimmed.length - 8) {
    const plain = trimmed.slice(1, -8);
    if (plain !== '' && !/\s/.test(plain)) {
      table.declareChain(plain, origin, column, undefined, ZERO_COUNTERS);
      return;
    }
  }
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

/** A rule line's words and the counters it starts with, or undefined (and a problem) for an open quote. */
function wordsOf(
  raw: string,
  origin: SourceRef,
  log: ProblemLog,
): { tokens: readonly Token[]; counters: Counters | undefined } | undefined {
  const { tokens, unclosedQuote } = tokenize(raw);
  if (unclosedQuote !== undefined) {
    log.error(origin.line, unclosedQuote, 'this double quote is never closed');
    return undefined;
  }
  const first = tokens[0];
  const counters = first?.text.startsWith('[') ? bracketCounters(first.text) : undefined;
  return { tokens, counters };
}

/** The rule after a line's `-A CHAIN` (with the line's counters if it has none of its own). */
function ruleAt(
  tokens: readonly Token[],
  from: number,
  counters: Counters | undefined,
  origin: SourceRef,
  log: ProblemLog,
  interner: Interner,
): Rule {
  const rule = parseRuleArgs(tokens, origin.line, log, origin, interner, from);
  return counters && !rule.counters ? reviseRule(rule, { counters }) : rule;
}

function readRuleLine(
  table: TableBuilder,
  raw: string,
  origin: SourceRef,
  log: ProblemLog,
  interner: Interner,
): void {
  const plain = readPlainAppend(raw, origin, log, interner);
  if (plain) {
    const { nameStart, nameEnd } = plain.append;
    table.addRule(raw.slice(nameStart, nameEnd), plain.rule, origin, nameStart + 1);
    return;
  }
  const words = wordsOf(raw, origin, log);
  if (!words) return;
  const { tokens, counters } = words;
  applyCommand(
    table,
    tokens,
    origin,
    log,
    (list, from) => ruleAt(list, from, counters, origin, log, interner),
    counters ? 1 : 0,
  );
}

/** A line deferred as an append to its chain, read as readRuleLine reads it. */
function readAppendedRule(
  raw: string,
  origin: SourceRef,
  log: ProblemLog,
  interner: Interner,
): Rule | undefined {
  const plain = readPlainAppend(raw, origin, log, interner);
  if (plain) return plain.rule;
  const words = wordsOf(raw, origin, log);
  if (!words) return undefined;
  return ruleAt(words.tokens, (words.counters ? 1 : 0) + 2, words.counters, origin, log, interner);
}

/** Where a plain append's chain name stands and its rule's words start, and its counters. */
interface PlainAppend {
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly counters: Counters | undefined;
}

/**
 * Where the chain's name starts in the line of `text` from `start` to `end` when the line
 * starts `-A ` or `[packets:bytes] -A `; else -1.
 */
function appendNameAt(text: string, start: number, end: number): number {
  let at = start;
  if (text.charCodeAt(start) === 91 /* [ */) {
    // Two counts of at most 20 digits each, looked for no further.
    let close = start + 1;
    const last = Math.min(end, start + 44);
    while (close < last && text.charCodeAt(close) !== 93 /* ] */) close++;
    if (close + 1 >= end || text.charCodeAt(close + 1) !== 32) return -1;
    if (!bracketCounters(text.slice(start, close + 1))) return -1;
    at = close + 2;
  }
  return at + 3 <= end && text.startsWith('-A ', at) ? at + 3 : -1;
}

/**
 * A line in the shape nearly every line of a dump has, `[p:b] -A CHAIN …` or `-A CHAIN …`,
 * its chain a plain word: where its parts stand; undefined for any other line.
 */
function plainAppend(raw: string): PlainAppend | undefined {
  const nameStart = appendNameAt(raw, 0, raw.length);
  if (nameStart < 0) return undefined;
  // The counters in front of `-A `, read again only when there are some.
  const counters = nameStart > 3 ? bracketCounters(raw.slice(0, nameStart - 4)) : undefined;
  const space = raw.indexOf(' ', nameStart);
  const nameEnd = space < 0 ? raw.length : space;
  // An empty name (two spaces) or one in quotes is tokenize's to read.
  if (nameEnd === nameStart || raw.lastIndexOf('"', nameEnd) >= nameStart - 3) return undefined;
  return { nameStart, nameEnd, counters };
}

/**
 * A plain append (see plainAppend) read by readPlainRule, with the line's counters; undefined
 * for any other line, which the general reading takes.
 */
function readPlainAppend(
  raw: string,
  origin: SourceRef,
  log: ProblemLog,
  interner: Interner,
): { rule: Rule; append: PlainAppend } | undefined {
  const append = plainAppend(raw);
  const rule = append && readPlainRule(raw, append.nameEnd + 1, origin, log, interner);
  if (!append || !rule) return undefined;
  return { rule: append.counters ? reviseRule(rule, { counters: append.counters }) : rule, append };
}

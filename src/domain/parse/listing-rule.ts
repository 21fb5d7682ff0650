import { moduleName } from '../model/names.ts';
import type { Match, Option, Rule } from '../model/ruleset.ts';
import type { Layout } from './listing-columns.ts';
import { readRuleColumns } from './listing-columns.ts';
import { readMatch } from './listing-matches.ts';
import type { Word } from './listing-scanner.ts';
import { ArgsBuilder, LineScanner } from './listing-scanner.ts';
import { readTargetOptions, startsTargetText } from './listing-targets.ts';
import type { ProblemLog } from './problems.ts';
import type { Interner } from './interner.ts';
import { parseRuleArgs, reviseRule } from './rule-args.ts';

export interface ListingRule {
  readonly rule: Rule;
  /** A counter iptables printed abbreviated (`12K`), when there was one. */
  readonly abbreviated?: Word;
}

/** iptables -L marks a goto (`-g`) with `[goto]`; it cannot be told from a jump otherwise. */
const GOTO = '[goto]';

/**
 * What listing text kpviz cannot read is kept as: a match of this module, or
 * a target option of this name, holding the text verbatim as its argument.
 * No module or option is called `?`, so it is never taken for a real one.
 */
export const UNREAD = '?';

/** Unreadable text among the matches, and how many readable matches came before it. */
interface Unread {
  readonly text: Word;
  readonly index: number;
}

/**
 * Reads one rule line of a listing: the fixed columns, then the matches'
 * text in rule order, then the target's options. The line is turned into
 * the iptables arguments it stands for and read by parseRuleArgs, so that a
 * listing gets exactly the normalisation iptables-save input gets. Text no
 * reader understands is kept verbatim (see UNREAD) and warned about.
 */
export function readListingRule(
  raw: string,
  layout: Layout,
  line: number,
  log: ProblemLog,
  interner: Interner,
): ListingRule | undefined {
  const s = new LineScanner(raw);
  const out = new ArgsBuilder();
  const columns = readRuleColumns(s, layout, line, log, out);
  if (!columns) return undefined;
  const target = columns.target;
  const matches = readMatches(s, out, target);
  let goto = matches.goto;
  const jump = out.tokens.length;
  if (target) {
    out.word('-j', target.column);
    out.value(target.text, target.column);
    readTargetOptions(target.text, s, out);
  }
  goto ??= s.accept(GOTO);
  let rest = s.rest();
  if (rest?.text.endsWith(` ${GOTO}`)) {
    goto ??= { ...rest, column: rest.column + rest.text.length - GOTO.length };
    const text = rest.text.slice(0, -GOTO.length).trimEnd();
    rest = text ? { ...rest, text } : undefined;
  }
  if (goto) {
    if (target) out.tokens[jump] = { text: '-g', column: target.column, quoted: false };
    else log.error(line, goto.column, '[goto] on a rule with no target');
  }
  report(line, log, out, matches.unread, rest, target);
  if (columns.counters) {
    // As `-c P B`, like iptables-save's, so that the rule parseRuleArgs builds is kept as it is.
    const at = columns.abbreviated?.column ?? 1;
    out.tokens.unshift(
      { text: '-c', column: at, quoted: false },
      { text: String(columns.counters.packets), column: at, quoted: false },
      { text: String(columns.counters.bytes), column: at, quoted: false },
    );
  }
  const parsed = parseRuleArgs(out.tokens, line, log, undefined, interner);
  const rule = withUnread(parsed, matches.unread, rest);
  return columns.abbreviated ? { rule, abbreviated: columns.abbreviated } : { rule };
}

/**
 * Reads the matches up to where the target's text starts (or the line
 * ends), taking `[goto]` wherever iptables put it and setting aside what no
 * reader understands.
 */
function readMatches(
  s: LineScanner,
  out: ArgsBuilder,
  target: Word | undefined,
): { goto?: Word; unread: Unread[] } {
  let goto: Word | undefined;
  const unread: Unread[] = [];
  for (;;) {
    const gotoWord = s.accept(GOTO);
    if (gotoWord) goto ??= gotoWord;
    else if (!readMatch(s, out)) {
      if (!s.peek() || (target && startsTargetText(target.text, s))) break;
      unread.push({ text: unreadable(s, target), index: matchCount(out) });
    }
  }
  return goto ? { goto, unread } : { unread };
}

/** Warnings about what the listing leaves out and what kpviz could not read, at their columns. */
function report(
  line: number,
  log: ProblemLog,
  out: ArgsBuilder,
  unread: readonly Unread[],
  rest: Word | undefined,
  target: Word | undefined,
): void {
  for (const { column, message } of out.notes) log.warning(line, column, message);
  for (const { text } of unread) {
    log.warning(
      line,
      text.column,
      `kpviz cannot read "${shorten(text)}"; kept as an unknown match`,
    );
  }
  // Only the target's text is left at the end: the matches took everything before it.
  if (rest) {
    log.warning(
      line,
      rest.column,
      `kpviz cannot read "${shorten(rest)}" of target ${target?.text ?? ''}; kept as an unknown option of it`,
    );
  }
}

/**
 * Takes unreadable text: from the scanner's word up to where a match kpviz
 * reads, the target's own text or `[goto]` starts, or the line ends.
 */
function unreadable(s: LineScanner, target: Word | undefined): Word {
  const first = s.next() as Word;
  let end = first.end;
  const scratch = new ArgsBuilder();
  for (let word = s.peek(); word && word.text !== GOTO; word = s.peek()) {
    const at = s.position;
    if (readMatch(s, scratch)) {
      s.rewind(at);
      break;
    }
    if (target && startsTargetText(target.text, s)) break;
    s.next();
    end = word.end;
  }
  return { text: s.raw.slice(first.column - 1, end), column: first.column, end };
}

/** Matches written so far: one `-m` each. */
const matchCount = (out: ArgsBuilder): number =>
  out.tokens.filter((t) => t.text === '-m' && !t.quoted).length;

const shorten = (word: Word): string =>
  word.text.length > 40 ? `${word.text.slice(0, 40)}…` : word.text;

const unreadOption = (text: string): Option => ({
  name: UNREAD,
  negated: false,
  args: [text],
  unknown: true,
});

/** Text no reader understood, as a match of its own so that nothing is dropped. */
const unreadMatch = (text: string): Match => ({
  module: moduleName(UNREAD),
  options: [unreadOption(text)],
  unknown: true,
});

/** The rule with the unreadable text put back: matches in their place, target text on the target. */
function withUnread(rule: Rule, unread: readonly Unread[], rest: Word | undefined): Rule {
  const onTarget = rest && rule.target;
  if (unread.length === 0 && !onTarget) return rule;
  const matches = [...rule.matches];
  for (let i = unread.length - 1; i >= 0; i--) {
    const { text, index } = unread[i] as Unread;
    matches.splice(index, 0, unreadMatch(text.text));
  }
  if (rest && !rule.target) matches.push(unreadMatch(rest.text));
  return reviseRule(rule, {
    matches,
    ...(onTarget
      ? { target: { ...onTarget, options: [...onTarget.options, unreadOption(rest.text)] } }
      : {}),
  });
}

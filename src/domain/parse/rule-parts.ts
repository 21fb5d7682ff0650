import type { ExtensionSpec } from '../model/ext/spec.ts';
import { findOptionSpec, inPrintOrder } from '../model/ext/spec.ts';
import { moduleName } from '../model/names.ts';
import type { Match, Option, Target } from '../model/ruleset.ts';
import type { Interner } from './interner.ts';
import type { ProblemLog } from './problems.ts';
import { BASIC_OPTIONS } from './rule-fields.ts';
import type { Token } from './tokenize.ts';

export interface Part {
  readonly name: string;
  readonly spec: ExtensionSpec | undefined;
  /** Options read so far (after `done`'s, when there is one). */
  options: Option[];
  /** The finished match or target when its words were read in one go (or found in the cache). */
  done?: Match | Target;
}

export interface MatchPart extends Part {
  readonly kind: 'match';
  /** Where `-m NAME` (or, for an implicit match, its first option) stands. */
  readonly column: number;
  /** Its place among the rule's matches. */
  readonly index: number;
}

export interface TargetPart extends Part {
  readonly kind: 'jump' | 'goto';
}

/** A shared empty list, so that the many rules and matches without entries allocate none. */
export const EMPTY: readonly never[] = Object.freeze([]);

/**
 * A copy of a list the model keeps (a rule's matches, an option's arguments),
 * exactly as long as its items. Short ones, nearly all of them, are made by
 * array literals: V8 sees that what a literal makes always survives and then
 * allocates it straight into the old generation, so a dump's 100,000s of
 * lists are not copied by every young-generation collection, as the results
 * of `slice` and `map` are.
 */
export function kept<T>(items: readonly T[]): T[] {
  switch (items.length) {
    case 1:
      return [items[0] as T];
    case 2:
      return [items[0] as T, items[1] as T];
    case 3:
      return [items[0] as T, items[1] as T, items[2] as T];
    case 4:
      return [items[0] as T, items[1] as T, items[2] as T, items[3] as T];
    default:
      return items.slice();
  }
}

export const isArgument = (token: Token | undefined): token is Token =>
  token !== undefined && (token.quoted || token.text !== '!');

export const isWord = (token: Token | undefined): token is Token =>
  token !== undefined && (token.quoted || (!token.text.startsWith('-') && token.text !== '!'));

export function readOption(
  part: Part,
  token: Token,
  tokens: readonly Token[],
  at: number,
  negated: boolean,
  line: number,
  log: ProblemLog,
): number {
  let i = at;
  const name = token.text.slice(2);
  const spec = part.spec && findOptionSpec(part.spec, name);
  // Old iptables accepted "--dport ! 80"; today's wants "! --dport 80". A
  // flag takes no value, so a "!" after it negates the next option instead.
  if ((!spec || spec.arity > 0) && tokens[i + 1]?.text === '!' && !tokens[i + 1]?.quoted) {
    log.warning(
      line,
      (tokens[i + 1] as Token).column,
      `write "! ${token.text}", not "${token.text} !"`,
    );
    negated = true;
    i++;
  }
  const args: string[] = [];
  if (spec) {
    // Like getopt, a known option takes its arguments whatever they look like
    // (`--comment -` is a comment of "-").
    while (args.length < spec.arity && isArgument(tokens[i + 1]))
      args.push((tokens[++i] as Token).text);
  } else {
    while (isWord(tokens[i + 1])) args.push((tokens[++i] as Token).text);
  }
  if (spec && args.length < spec.arity) {
    log.error(
      line,
      token.column,
      `${token.text} needs ${spec.arity === 1 ? 'a value' : `${spec.arity} values`}`,
    );
  }
  // kube-proxy's test dumps carry unquoted multi-word comments, which
  // iptables-restore itself refuses: take the words in, and say so.
  if (spec?.text && isWord(tokens[i + 1])) {
    const first = tokens[i + 1] as Token;
    while (isWord(tokens[i + 1])) args[0] = `${args[0] ?? ''} ${(tokens[++i] as Token).text}`;
    log.warning(
      line,
      first.column,
      `unquoted words in ${token.text}; iptables-restore needs them in double quotes`,
    );
  }
  if (!spec) {
    const what = part.spec
      ? `${part.name} has no option ${token.text}`
      : `${token.text} of unknown "${part.name}"`;
    if (part.spec) log.warning(line, token.column, `${what}; kept as written`);
    part.options.push({ name, negated, args: kept(args), unknown: true });
    return i;
  }
  const note = spec.note && args[0] !== undefined ? spec.note(args[0]) : undefined;
  if (note) log.warning(line, tokens[i]?.column ?? token.column, note);
  if (spec.value) {
    for (let a = 0; a < args.length; a++) {
      const canonical = spec.value(args[a] as string);
      if (canonical !== undefined) args[a] = canonical;
      else {
        const column = tokens[i - args.length + 1 + a]?.column ?? token.column;
        log.error(line, column, `"${args[a] ?? ''}" is not a valid value for ${token.text}`);
      }
    }
  }
  if (
    hasOption(part.options, spec.name) ||
    (part.done && hasOption(part.done.options, spec.name))
  ) {
    // iptables refuses a second --dport, --mark, … in one match or target.
    log.error(
      line,
      token.column,
      `${token.text} is given twice in one ${part.name}; iptables refuses that`,
    );
  }
  part.options.push({ name: spec.name, negated, args: kept(args) });
  return i;
}

function hasOption(options: readonly Option[], name: string): boolean {
  for (const o of options) if (o.name === name) return true;
  return false;
}

export function finishMatch(part: MatchPart): Match {
  if (part.done && part.options.length === 0) return part.done as Match;
  const options = canonicalOptions(part);
  return part.spec
    ? { module: moduleName(part.name), options }
    : { module: moduleName(part.name), options, unknown: true };
}

export function finishTarget(part: TargetPart): Target {
  if (part.done && part.options.length === 0) return part.done as Target;
  return { kind: part.kind, name: part.name, options: canonicalOptions(part) };
}

function canonicalOptions(part: Part): readonly Option[] {
  const options = part.done ? [...part.done.options, ...part.options] : part.options;
  if (options.length === 0 && !part.spec?.canonicalise) return EMPTY;
  const canonical = part.spec?.canonicalise ? part.spec.canonicalise(options) : options;
  const ordered = part.spec ? inPrintOrder(part.spec, canonical) : canonical;
  if (ordered.length === 0) return EMPTY;
  return ordered === part.options ? kept(ordered) : ordered;
}

/** Words that start a new part of a rule even though they are spelled as long options. */
export const RULE_LEVEL: ReadonlySet<string> = new Set([
  ...BASIC_OPTIONS.keys(),
  '--match',
  '--jump',
  '--goto',
  '--fragment',
  '--set-counters',
]);

/**
 * Where the words of a match or target that starts at `from` end: its
 * `--options`, their values and their `!`, up to the next `-m`, `-j`, `-s`, …
 */
function segmentEnd(tokens: readonly Token[], from: number): number {
  let j = from;
  for (; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t.quoted) continue;
    const next = tokens[j + 1];
    const word = t.text === '!' ? (next === undefined || next.quoted ? '' : next.text) : t.text;
    if (word.startsWith('--') ? RULE_LEVEL.has(word) : word.startsWith('-')) break;
  }
  return j;
}

/**
 * Reads the words of one match or target (from `from` to the segment's end)
 * when all of them are options its extension knows, and finishes it at once.
 * A dump repeats the same words thousands of times (`-m tcp --dport 80`,
 * `-j KUBE-MARK-MASQ`), so a finished part is cached by its words and shared.
 * Anything unusual (an unknown option, a stray word) is left to the general
 * loop. Returns the index after the words it took. `missed`: the segment's key, which the
 * caller has looked up in vain.
 */
export function readSegment(
  part: MatchPart | TargetPart,
  tokens: readonly Token[],
  from: number,
  line: number,
  log: ProblemLog,
  interner: Interner,
  raw: string | undefined,
  missed?: string,
): number {
  const spec = part.spec;
  const end = segmentEnd(tokens, from);
  if (part.kind !== 'match' && !spec && end === from) {
    // A bare jump to a chain (`-j KUBE-SEP-…`, most of a kube-proxy dump's
    // targets, each chain's name its own): the chain's one target when the table
    // has declared it (TableBuilder.jumpTo), else one small object, cheaper to
    // make than to look up among 100,000 cached parts.
    part.done = interner.table?.jumpTo(part.kind, part.name) ?? finishTarget(part);
    return end;
  }
  // Words that were read cleanly before need no checking again.
  const key = missed ?? segmentKey(part, tokens, from, end, raw);
  const cached = missed === undefined ? interner.part(key) : undefined;
  if (cached) {
    part.done = cached;
    return end;
  }
  for (let j = from; j < end; j++) {
    const t = tokens[j] as Token;
    // A jump to a chain (no extension) takes no options; an extension must know each one.
    if (!t.quoted && t.text.startsWith('--') && (!spec || !findOptionSpec(spec, t.text.slice(2)))) {
      return from;
    }
  }
  const before = log.problems.length;
  let negated = false;
  let last = end;
  for (let j = from; j < last; j++) {
    const t = tokens[j] as Token;
    if (t.text === '!' && !t.quoted && !negated) {
      negated = true;
      continue;
    }
    if (t.quoted || !t.text.startsWith('--')) {
      // Not an option where one belongs: let the general loop read and report it.
      part.options = [];
      return from;
    }
    j = readOption(part, t, tokens, j, negated, line, log);
    // Like getopt, an option takes its value even when it looks like an option (`--comment -`).
    if (j >= last) last = j + 1;
    negated = false;
  }
  if (negated) {
    part.options = [];
    return from;
  }
  part.done = part.kind === 'match' ? finishMatch(part) : finishTarget(part);
  part.options = [];
  // Only a clean reading of exactly the key's words is shared; one with problems is
  // reported on each of its lines.
  if (log.problems.length === before && last === end) interner.remember(key, part.done);
  return last;
}

/**
 * The words of a segment as a cache key. When the tokens come from `raw`, the
 * line itself from `-m`/`-j` to the segment's end is the key: a slice of the
 * line, not a new string. Otherwise (tokens made up by the listing reader) the
 * words are joined.
 */
function segmentKey(
  part: MatchPart | TargetPart,
  tokens: readonly Token[],
  from: number,
  end: number,
  raw: string | undefined,
): string {
  const command = tokens[from - 2];
  if (raw !== undefined && command && raw.startsWith(command.text, command.column - 1)) {
    const stop = tokens[end]?.column ?? raw.length + 1;
    return raw.slice(command.column - 1, stop - 1);
  }
  let key = `${part.kind}\u0000${part.name}`;
  for (let j = from; j < end; j++) {
    const t = tokens[j] as Token;
    key += `\u0000${t.quoted ? '"' : ''}${t.text}`;
  }
  return key;
}

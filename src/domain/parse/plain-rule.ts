import { matchSpec } from '../model/ext/matches.ts';
import { targetSpec } from '../model/ext/targets.ts';
import { moduleName } from '../model/names.ts';
import type { Match, Rule, SourceRef, Target } from '../model/ruleset.ts';
import type { Interner } from './interner.ts';
import type { ProblemLog } from './problems.ts';
import type { Mutable } from './rule-args.ts';
import { placeTarget } from './rule-args.ts';
import type { BasicKey } from './rule-fields.ts';
import { basicField, BASIC_OPTIONS, checkProtocol, checkTargetPorts } from './rule-fields.ts';
import type { MatchPart, TargetPart } from './rule-parts.ts';
import { EMPTY, kept, readSegment, RULE_LEVEL } from './rule-parts.ts';
import type { Token } from './tokenize.ts';

/** The basic options a save dump writes, by their one letter (`-s` → source). */
const SHORT_BASIC: ReadonlyMap<string, BasicKey> = new Map(
  [...BASIC_OPTIONS].flatMap(([word, key]): [string, BasicKey][] =>
    word.length === 2 ? [[word.charAt(1), key]] : [],
  ),
);

/**
 * The protocols nearly every `-p` names, taken as these strings rather than cut from the
 * line: their hashes are known, so looking their fields up costs nothing.
 */
const PROTOCOLS = ['tcp', 'udp', 'sctp'];

/** The long words that end a match's or target's options (see segmentEnd). */
const LONG_RULE_LEVEL = [...RULE_LEVEL].filter((word) => word.startsWith('--'));

/**
 * The words of the line being read: for word k, where it starts and ends in the line
 * (a quoted word's text, without its quotes) and whether it was quoted. Grown as needed,
 * shared by every line (a reading is synchronous).
 */
let starts = new Int32Array(64);
let ends = new Int32Array(64);
let quoted = new Uint8Array(64);
/** Where each of the rule's matches' `-m` stands, for the protocol check. */
const matchColumns: number[] = [];

/** `old`'s items at the start of `made`, a longer array of its kind. */
function grown<T extends Int32Array | Uint8Array>(old: T, made: T): T {
  made.set(old);
  return made;
}

/**
 * Splits `raw` from `from` into words the way tokenize would when the line is plain:
 * single spaces between words, a quoted word a whole word with no quote or backslash
 * inside. Returns how many words, or -1 for anything else (tokenize then reads it).
 */
function splitPlain(raw: string, from: number): number {
  const length = raw.length;
  let count = 0;
  let at = from;
  // The next quote from `at` on, searched for again only once passed.
  let quote = -1;
  while (at < length) {
    if (count === starts.length) {
      starts = grown(starts, new Int32Array(count * 2));
      ends = grown(ends, new Int32Array(count * 2));
      quoted = grown(quoted, new Uint8Array(count * 2));
    }
    let end: number;
    if (raw.charCodeAt(at) === 34 /* " */) {
      const close = raw.indexOf('"', at + 1);
      if (close < 0) return -1;
      starts[count] = at + 1;
      ends[count] = close;
      quoted[count] = 1;
      end = close + 1;
      if (end < length && raw.charCodeAt(end) !== 32) return -1;
    } else {
      end = raw.indexOf(' ', at);
      if (end < 0) end = length;
      if (end === at) return -1;
      if (quote < at) {
        quote = raw.indexOf('"', at);
        if (quote < 0) quote = length;
      }
      if (quote < end) return -1;
      starts[count] = at;
      ends[count] = end;
      quoted[count] = 0;
    }
    count++;
    // One space, and a word after it.
    if (end < length && (end + 1 === length || raw.charCodeAt(end + 1) === 32)) return -1;
    at = end + 1;
  }
  return count;
}

/** Word k is unquoted and reads `text`. */
function wordIs(raw: string, k: number, text: string): boolean {
  const start = starts[k] as number;
  return (
    quoted[k] === 0 && (ends[k] as number) - start === text.length && raw.startsWith(text, start)
  );
}

/** Word k, unquoted, starts with a dash: an option, or the start of the rule's next part. */
const dashed = (raw: string, k: number): boolean =>
  quoted[k] === 0 && raw.charCodeAt(starts[k] as number) === 45; /* - */

/** Word k would end a match's or target's options (rule-parts' segmentEnd). */
function endsSegment(raw: string, k: number, count: number): boolean {
  let w = k;
  if (wordIs(raw, k, '!')) {
    if (k + 1 >= count) return false;
    w = k + 1;
  }
  if (!dashed(raw, w)) return false;
  if (raw.charCodeAt((starts[w] as number) + 1) !== 45) return true;
  for (const word of LONG_RULE_LEVEL) if (wordIs(raw, w, word)) return true;
  return false;
}

/** Word k as tokenize makes it. */
const tokenAt = (raw: string, k: number): Token => ({
  text: raw.slice(starts[k], ends[k]),
  column: (starts[k] as number) + 1 - (quoted[k] as number),
  quoted: quoted[k] === 1,
});

/**
 * A rule in the shape iptables-save and kube-proxy write nearly every one (`-d 10.0.0.1/32
 * -p tcp -m comment --comment "ns/svc:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-…`),
 * read from `raw`'s words from `from` on (those after `-A CHAIN`) without tokenizing the
 * line: the same rule parseRuleArgs makes of them, or undefined when the line is not that
 * plain (other blanks, a backslash, a long basic option, counters given with -c, an
 * option no match owns, a problem of any kind), which parseRuleArgs then reads. The
 * matches and targets are shared through the interner as parseRuleArgs shares them.
 */
export function readPlainRule(
  raw: string,
  from: number,
  origin: SourceRef,
  log: ProblemLog,
  interner: Interner,
): Rule | undefined {
  if (raw.includes('\\') || raw.includes('\t') || raw.includes('\r')) return undefined;
  const count = splitPlain(raw, from);
  if (count < 0) return undefined;
  const logged = log.problems.length;
  const rule = read(raw, count, origin, log, interner);
  if (log.problems.length === logged) return rule;
  log.truncate(logged);
  return undefined;
}

function read(
  raw: string,
  count: number,
  origin: SourceRef,
  log: ProblemLog,
  interner: Interner,
): Rule | undefined {
  const { line } = origin;
  const rule: Mutable<Rule> = { matches: EMPTY, origin };
  const matches: Match[] = [];
  let target: Target | undefined;
  let targetAt = 1;
  let negated = false;
  for (let k = 0; k < count;) {
    if (quoted[k] === 1 || !dashed(raw, k)) {
      if (negated || !wordIs(raw, k, '!')) return undefined;
      negated = true;
      k++;
      continue;
    }
    const start = starts[k] as number;
    const basic =
      (ends[k] as number) - start === 2 ? SHORT_BASIC.get(raw.charAt(start + 1)) : undefined;
    if (basic) {
      const v = k + 1;
      if (v >= count || quoted[v] === 1 || dashed(raw, v) || wordIs(raw, v, '!')) return undefined;
      const value =
        (basic === 'protocol' ? PROTOCOLS.find((p) => wordIs(raw, v, p)) : undefined) ??
        raw.slice(starts[v], ends[v]);
      let field = interner.knownField(basic, negated, value);
      if (field === undefined) {
        const token = { text: value, column: (starts[v] as number) + 1, quoted: false };
        const logged = log.problems.length;
        field = basicField(basic, token, negated, line, log) ?? null;
        // A value with a problem is reported on each line that has it.
        if (log.problems.length !== logged) return undefined;
        interner.rememberField(basic, negated, value, field);
      }
      if (field) rule[basic] = field;
      negated = false;
      k += 2;
      continue;
    }
    if (negated) return undefined;
    const jump = wordIs(raw, k, '-j');
    const match = !jump && wordIs(raw, k, '-m');
    if (!jump && !match && !wordIs(raw, k, '-g')) return undefined;
    const n = k + 1;
    // A match after the target takes its options otherwise; one target to a rule.
    if (n >= count || quoted[n] === 1 || dashed(raw, n) || wordIs(raw, n, '!') || target)
      return undefined;
    let end = n + 1;
    while (end < count && !endsSegment(raw, end, count)) end++;
    const bare = !match && end === n + 1 ? raw.slice(starts[n], ends[n]) : undefined;
    if (bare !== undefined && !targetSpec(bare)) {
      // A bare jump to a chain, as readSegment makes it: the table's one target for it.
      const kind = jump ? 'jump' : 'goto';
      target = interner.table?.jumpTo(kind, bare) ?? { kind, name: bare, options: EMPTY };
    } else {
      // readSegment's key: the line from the command to the next part.
      const key = raw.slice(start, end < count ? starts[end] : raw.length);
      const cached = interner.part(key);
      const done = cached ?? made(raw, k, end, count, line, log, interner, match, key);
      if (!done) return undefined;
      if (match) {
        matchColumns[matches.length] = start + 1;
        matches.push(done as Match);
      } else target = done as Target;
    }
    if (!match) targetAt = (starts[n] as number) + 1;
    k = end;
  }
  if (negated) return undefined;
  for (let m = 0; m < matches.length; m++) {
    const name = (matches[m] as Match).module;
    checkProtocol({ name, column: matchColumns[m] as number }, rule.protocol, line, log);
  }
  if (matches.length > 0) rule.matches = kept(matches);
  if (target) {
    rule.target = target;
    placeTarget(rule, origin.raw, targetAt);
    checkTargetPorts(rule, targetAt, line, log);
  }
  return rule;
}

/**
 * The match (or target) whose command is word k and whose options run to word `end`, read
 * by readSegment as parseRuleArgs would when the interner has none under `key`; undefined
 * when readSegment cannot read it whole.
 */
function made(
  raw: string,
  k: number,
  end: number,
  count: number,
  line: number,
  log: ProblemLog,
  interner: Interner,
  match: boolean,
  key: string,
): Match | Target | undefined {
  const name = raw.slice(starts[k + 1], ends[k + 1]);
  let part: MatchPart | TargetPart;
  if (match) {
    const spec = matchSpec(name);
    if (!spec) return undefined;
    part = { kind: 'match', name, spec, options: [], done: undefined, column: 0, index: 0 };
  } else {
    const kind = wordIs(raw, k, '-j') ? 'jump' : 'goto';
    part = { kind, name, spec: targetSpec(name), options: [], done: undefined };
  }
  const single = match && end === k + 4 ? singleOption(raw, k + 2, part as MatchPart) : undefined;
  if (single) {
    interner.remember(key, single);
    return single;
  }
  // The command, its name, its options and the words segmentEnd looks at after them.
  const tokens: Token[] = [];
  for (let w = k; w <= end + 1 && w < count; w++) tokens.push(tokenAt(raw, w));
  if (readSegment(part, tokens, 2, line, log, interner, raw, key) !== end - k) return undefined;
  return part.done;
}

/**
 * A match of one option and its value, words k and k + 1 (`-m comment --comment "ns/svc:http
 * cluster IP"`, a dump's commonest match and nearly always its first time, one for each
 * Service): made as readSegment and finishMatch make it, without their general reading.
 * Undefined unless the option is one the module knows by that very name, takes one value,
 * and needs no note and no rewriting of the match's options.
 */
function singleOption(raw: string, k: number, part: MatchPart): Match | undefined {
  const { spec } = part;
  // A value that looks like an option (`--comment --x`) is left to readSegment, which reads
  // such a segment otherwise.
  if (
    !spec ||
    spec.canonicalise ||
    !dashed(raw, k) ||
    dashed(raw, k + 1) ||
    wordIs(raw, k + 1, '!')
  )
    return undefined;
  const start = starts[k] as number;
  const length = (ends[k] as number) - start - 2;
  if (raw.charCodeAt(start + 1) !== 45 /* - */) return undefined;
  const option = spec.options.find(
    (o) => o.name.length === length && raw.startsWith(o.name, start + 2),
  );
  if (!option || option.arity !== 1 || option.note) return undefined;
  const written = raw.slice(starts[k + 1], ends[k + 1]);
  const value = option.value ? option.value(written) : written;
  if (value === undefined) return undefined;
  return {
    module: moduleName(part.name),
    options: [{ name: option.name, negated: false, args: [value] }],
  };
}

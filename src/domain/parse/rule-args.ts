import { matchSpec, PROTOCOL_MODULES } from '../model/ext/matches.ts';
import type { ExtensionSpec } from '../model/ext/spec.ts';
import { findOptionSpec } from '../model/ext/spec.ts';
import { targetSpec } from '../model/ext/targets.ts';
import type { Rule, SourceRef } from '../model/ruleset.ts';
import { Interner } from './interner.ts';
import type { ProblemLog } from './problems.ts';
import {
  basicField,
  BASIC_OPTIONS,
  checkProtocol,
  checkTargetPorts,
  parseCounters,
} from './rule-fields.ts';
import type { MatchPart, Part, TargetPart } from './rule-parts.ts';
import {
  EMPTY,
  finishMatch,
  finishTarget,
  isWord,
  kept,
  readOption,
  readSegment,
} from './rule-parts.ts';
import type { Token } from './tokenize.ts';

/** `T` with its fields writable, for a rule put together field by field. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads a rule's words after `-A CHAIN` (or a whole `-S` line's) into the
 * model: basic options, matches with their options attributed the way iptables
 * does, the target, and counters. Values are normalised to what the kernel
 * stores; every problem points at its column. The words are `tokens` from
 * `from` on, so that a line's words need no copy without their command.
 */
export function parseRuleArgs(
  tokens: readonly Token[],
  line: number,
  log: ProblemLog,
  origin?: SourceRef,
  interner: Interner = new Interner(),
  from = 0,
): Rule {
  const rule: Mutable<Rule> = origin ? { matches: EMPTY, origin } : { matches: EMPTY };
  const matches: MatchPart[] = [];
  /** The latest match of each module, made only once an option must find its owner. */
  let latest: Map<ExtensionSpec, MatchPart> | undefined;
  let target: TargetPart | undefined;
  let targetAt = 1;
  let negation: Token | undefined;

  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === '!' && !token.quoted) {
      if (negation) log.error(line, token.column, 'two "!" in a row');
      negation = token;
      continue;
    }
    const negated = negation !== undefined;
    const bang = negation;
    negation = undefined;
    const basic = token.quoted ? undefined : BASIC_OPTIONS.get(token.text);
    if (basic) {
      const value = valueAfter(tokens, i, line, log);
      if (!value) continue;
      i++;
      let field = interner.knownField(basic, negated, value.text);
      if (field === undefined) {
        const before = log.problems.length;
        field = basicField(basic, value, negated, line, log) ?? null;
        if (log.problems.length === before)
          interner.rememberField(basic, negated, value.text, field);
      }
      if (field) rule[basic] = field;
      continue;
    }
    switch (token.quoted ? '' : token.text) {
      case '-f':
      case '--fragment':
        rule.fragment = { negated, value: true };
        continue;
      case '-m':
      case '--match': {
        if (bang) log.error(line, bang.column, '"!" cannot negate -m; put it before an option');
        const name = valueAfter(tokens, i, line, log);
        if (!name) continue;
        i++;
        const spec = matchSpec(name.text);
        if (!spec) {
          log.warning(
            line,
            name.column,
            `kpviz does not know the match module "${name.text}"; kept as written`,
          );
        }
        const part = addMatch(matches, latest, name.text, spec, token.column);
        // No target yet, so every option this module knows is its own: read them in one go.
        if (spec && !target)
          i = readSegment(part, tokens, i + 1, line, log, interner, origin?.raw) - 1;
        continue;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        if (bang) log.error(line, bang.column, `"!" cannot negate ${token.text}`);
        const name = valueAfter(tokens, i, line, log);
        if (!name) continue;
        i++;
        if (target) {
          log.error(line, token.column, 'a rule has one target; this is the second');
          continue;
        }
        const kind = token.text === '-g' || token.text === '--goto' ? 'goto' : 'jump';
        target = {
          kind,
          name: name.text,
          spec: targetSpec(name.text),
          options: [],
          done: undefined,
        };
        targetAt = name.column;
        placeTarget(rule, origin?.raw, targetAt, name.text);
        i = readSegment(target, tokens, i + 1, line, log, interner, origin?.raw) - 1;
        continue;
      }
      case '-c':
      case '--set-counters': {
        const packets = tokens[i + 1];
        const bytes = tokens[i + 2];
        const counters = packets && bytes ? parseCounters(packets.text, bytes.text) : undefined;
        if (counters) {
          rule.counters = counters;
          i += 2;
        } else log.error(line, token.column, '-c needs two counts: packets and bytes');
        continue;
      }
      default:
        break;
    }
    if (token.quoted || !token.text.startsWith('--')) {
      log.error(line, token.column, `unexpected "${token.text}"`);
      continue;
    }
    const name = token.text.slice(2);
    latest ??= latestOfEach(matches);
    const owner = ownerOf(name, matches, latest, target, rule.protocol?.value);
    if (!owner) {
      log.error(line, token.column, `option ${token.text} belongs to no match or target before it`);
      while (isWord(tokens[i + 1])) i++;
      continue;
    }
    if (owner === 'implicit') {
      const proto = rule.protocol?.value ?? '';
      addMatch(matches, latest, proto, matchSpec(proto), token.column);
    }
    const part = owner === 'implicit' ? (matches[matches.length - 1] as MatchPart) : owner;
    i = readOption(part, token, tokens, i, negated, line, log);
  }
  if (negation) log.error(line, negation.column, '"!" with nothing after it');
  for (const match of matches) checkProtocol(match, rule.protocol, line, log);

  if (matches.length > 0) rule.matches = kept(matches.map((m) => finishMatch(m)));
  if (target) {
    rule.target = finishTarget(target);
    checkTargetPorts(rule, targetAt, line, log);
  }
  return rule;
}

/**
 * Where a parsed rule's target name stands, for problems found once the table
 * is known, when its line does not tell (see lineColumn): almost every line
 * does, and an entry for each of 100,000 rules would cost the garbage
 * collector dearly.
 */
const TARGET_COLUMNS = new WeakMap<Rule, number>();

/**
 * Notes that `rule`'s target name (`name`, else the target's) stands at `column` of its line
 * `raw`, where the line alone would not tell (see lineColumn).
 */
export function placeTarget(
  rule: Rule,
  raw: string | undefined,
  column: number,
  name: string = rule.target?.name ?? '',
): void {
  if (lineColumn(raw, name) !== column) TARGET_COLUMNS.set(rule, column);
}

/**
 * The column where NAME first follows a blank in the line (1 when it never
 * does, 2 without a line): the target's column unless something before it
 * reads the same. Looks for the name and checks the blank before it, so that
 * no ` NAME` string is built per rule.
 */
function lineColumn(raw: string | undefined, name: string): number {
  if (raw === undefined) return 2;
  let at = raw.indexOf(name, 1);
  while (at > 0 && raw.charCodeAt(at - 1) !== 0x20)
    at = at < raw.length ? raw.indexOf(name, at + 1) : -1;
  return Math.max(1, (at > 0 ? at - 1 : -1) + 2);
}

/** The column of the rule's target name in its line. */
export function targetColumn(rule: Rule): number {
  return TARGET_COLUMNS.get(rule) ?? lineColumn(rule.origin?.raw, rule.target?.name ?? '');
}

/**
 * A parsed rule with some of its parts replaced (counters given in front of
 * the line, text the listing reader puts back), keeping what the parser knows
 * of where its target stands.
 */
export function reviseRule(rule: Rule, changes: Partial<Rule>): Rule {
  const copy: Rule = { ...rule, ...changes };
  const column = targetColumn(rule);
  if (rule.target && copy.target && targetColumn(copy) !== column) TARGET_COLUMNS.set(copy, column);
  return copy;
}

/** The value word after an option such as -s or -m, or a reported problem. */
function valueAfter(
  tokens: readonly Token[],
  i: number,
  line: number,
  log: ProblemLog,
): Token | undefined {
  const value = tokens[i + 1];
  if (isWord(value)) return value;
  const option = tokens[i] as Token;
  log.error(line, option.column, `${option.text} needs a value`);
  return undefined;
}

/**
 * Which part an option belongs to, as iptables decides: the target when it
 * knows the option, else the latest match whose module knows it, else an
 * implicit match of the rule's protocol, else the latest part (an unknown
 * module takes every option). `latest` holds the latest match of each module,
 * so a rule with thousands of matches costs no more per option than the
 * number of distinct modules.
 */
function ownerOf(
  name: string,
  matches: readonly MatchPart[],
  latest: ReadonlyMap<ExtensionSpec, MatchPart>,
  target: TargetPart | undefined,
  protocol: string | undefined,
): Part | 'implicit' | undefined {
  if (target && (!target.spec || findOptionSpec(target.spec, name))) return target;
  let owner: MatchPart | undefined;
  for (const [spec, part] of latest) {
    if (findOptionSpec(spec, name) && (!owner || part.index > owner.index)) {
      owner = part;
    }
  }
  if (owner) return owner;
  if (protocol && PROTOCOL_MODULES.includes(protocol)) {
    const spec = matchSpec(protocol);
    if (spec && findOptionSpec(spec, name)) return 'implicit';
  }
  return target ?? matches[matches.length - 1];
}

/** The latest match of each module among the rule's matches so far. */
function latestOfEach(matches: readonly MatchPart[]): Map<ExtensionSpec, MatchPart> {
  const latest = new Map<ExtensionSpec, MatchPart>();
  for (const part of matches) if (part.spec) latest.set(part.spec, part);
  return latest;
}

/** A new match of the rule, remembered as the latest of its module once that is kept. */
function addMatch(
  matches: MatchPart[],
  latest: Map<ExtensionSpec, MatchPart> | undefined,
  name: string,
  spec: ExtensionSpec | undefined,
  column: number,
): MatchPart {
  const part: MatchPart = {
    kind: 'match',
    name,
    spec,
    options: [],
    done: undefined,
    column,
    index: matches.length,
  };
  matches.push(part);
  if (spec) latest?.set(spec, part);
  return part;
}

import { canonicalProtocol } from '../model/ext/protocols.ts';
import { matchSpec, PROTOCOL_MODULES } from '../model/ext/matches.ts';
import type { ExtensionSpec } from '../model/ext/spec.ts';
import { findOptionSpec, inPrintOrder } from '../model/ext/spec.ts';
import { targetSpec } from '../model/ext/targets.ts';
import { canonicalCidr } from '../model/ext/values.ts';
import { moduleName } from '../model/names.ts';
import type {
  Counters,
  Match,
  Negatable,
  Option,
  Rule,
  SourceRef,
  Target,
} from '../model/ruleset.ts';
import { Interner } from './interner.ts';
import type { ProblemLog } from './problems.ts';
import type { Token } from './tokenize.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Part {
  readonly name: string;
  readonly spec: ExtensionSpec | undefined;
  /** Options read so far (after `done`'s, when there is one). */
  options: Option[];
  /** The finished match or target when its words were read in one go (or found in the cache). */
  done?: Match | Target;
}

interface MatchPart extends Part {
  readonly kind: 'match';
  /** Where `-m NAME` (or, for an implicit match, its first option) stands. */
  readonly column: number;
  /** Its place among the rule's matches. */
  readonly index: number;
}

interface TargetPart extends Part {
  readonly kind: 'jump' | 'goto';
}

type BasicKey = 'source' | 'destination' | 'inInterface' | 'outInterface' | 'protocol';

const BASIC_OPTIONS: ReadonlyMap<string, BasicKey> = new Map(
  Object.entries({
    '-s': 'source',
    '--source': 'source',
    '--src': 'source',
    '-d': 'destination',
    '--destination': 'destination',
    '--dst': 'destination',
    '-i': 'inInterface',
    '--in-interface': 'inInterface',
    '-o': 'outInterface',
    '--out-interface': 'outInterface',
    '-p': 'protocol',
    '--protocol': 'protocol',
  }) as [string, BasicKey][],
);

const isArgument = (token: Token | undefined): token is Token =>
  token !== undefined && (token.quoted || token.text !== '!');

const isWord = (token: Token | undefined): token is Token =>
  token !== undefined && (token.quoted || (!token.text.startsWith('-') && token.text !== '!'));

/**
 * Reads a rule's words after `-A CHAIN` (or a whole `-S` line's) into the
 * model: basic options, matches with their options attributed the way iptables
 * does, the target, and counters. Values are normalised to what the kernel
 * stores; every problem points at its column.
 */
export function parseRuleArgs(
  tokens: readonly Token[],
  line: number,
  log: ProblemLog,
  origin?: SourceRef,
  interner: Interner = new Interner(),
): Rule {
  const rule: Mutable<Rule> = origin ? { matches: EMPTY, origin } : { matches: EMPTY };
  const matches: MatchPart[] = [];
  const latest = new Map<ExtensionSpec, MatchPart>();
  let target: TargetPart | undefined;
  let negation: Token | undefined;

  for (let i = 0; i < tokens.length; i++) {
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
      const key = `${basic}${negated ? '!' : ' '}${value.text}`;
      let field = interner.knownField(key);
      if (field === undefined) {
        const before = log.problems.length;
        field = basicField(basic, value, negated, line, log) ?? null;
        if (log.problems.length === before) interner.rememberField(key, field);
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
        const part: MatchPart = {
          kind: 'match',
          name: name.text,
          spec,
          options: [],
          column: token.column,
          index: matches.length,
        };
        matches.push(part);
        if (spec) latest.set(spec, part);
        // No target yet, so every option this module knows is its own: read them in one go.
        if (spec && !target) i = readSegment(part, tokens, i + 1, line, log, interner) - 1;
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
        target = { kind, name: name.text, spec: targetSpec(name.text), options: [] };
        TARGET_COLUMNS.set(rule, name.column);
        i = readSegment(target, tokens, i + 1, line, log, interner) - 1;
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
    const owner = ownerOf(name, matches, latest, target, rule.protocol?.value);
    if (!owner) {
      log.error(line, token.column, `option ${token.text} belongs to no match or target before it`);
      while (isWord(tokens[i + 1])) i++;
      continue;
    }
    if (owner === 'implicit') {
      const proto = rule.protocol?.value ?? '';
      const spec = matchSpec(proto);
      const part: MatchPart = {
        kind: 'match',
        name: proto,
        spec,
        options: [],
        column: token.column,
        index: matches.length,
      };
      matches.push(part);
      if (spec) latest.set(spec, part);
    }
    const part = owner === 'implicit' ? (matches[matches.length - 1] as MatchPart) : owner;
    i = readOption(part, token, tokens, i, negated, line, log);
  }
  if (negation) log.error(line, negation.column, '"!" with nothing after it');
  for (const match of matches) checkProtocol(match, rule.protocol, line, log);

  if (matches.length > 0) rule.matches = matches.map((m) => finishMatch(m));
  if (target) rule.target = finishTarget(target);
  return rule;
}

/** Where each parsed rule's target name stands, for problems found once the table is known. */
const TARGET_COLUMNS = new WeakMap<Rule, number>();

/** The column of the rule's target name in its line, when the rule was parsed from one. */
export function targetColumn(rule: Rule): number | undefined {
  return TARGET_COLUMNS.get(rule);
}

/** The rule with counters given outside its words (`[p:b] -A …`), keeping what is known of it. */
export function withCounters(rule: Rule, counters: Counters): Rule {
  const copy: Rule = { ...rule, counters };
  const column = TARGET_COLUMNS.get(rule);
  if (column !== undefined) TARGET_COLUMNS.set(copy, column);
  return copy;
}

/** A shared empty list, so that the many rules and matches without entries allocate none. */
const EMPTY: readonly never[] = Object.freeze([]);

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

function readOption(
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
    part.options.push({ name, negated, args, unknown: true });
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
    part.options.some((o) => o.name === spec.name) ||
    part.done?.options.some((o) => o.name === spec.name)
  ) {
    // iptables refuses a second --dport, --mark, … in one match or target.
    log.error(
      line,
      token.column,
      `${token.text} is given twice in one ${part.name}; iptables refuses that`,
    );
  }
  part.options.push({ name: spec.name, negated, args });
  return i;
}

function finishMatch(part: MatchPart): Match {
  if (part.done && part.options.length === 0) return part.done as Match;
  const options = canonicalOptions(part);
  return part.spec
    ? { module: moduleName(part.name), options }
    : { module: moduleName(part.name), options, unknown: true };
}

function finishTarget(part: TargetPart): Target {
  if (part.done && part.options.length === 0) return part.done as Target;
  return { kind: part.kind, name: part.name, options: canonicalOptions(part) };
}

function canonicalOptions(part: Part): readonly Option[] {
  const options = part.done ? [...part.done.options, ...part.options] : part.options;
  if (options.length === 0 && !part.spec?.canonicalise) return EMPTY;
  const canonical = part.spec?.canonicalise ? part.spec.canonicalise(options) : options;
  const ordered = part.spec ? inPrintOrder(part.spec, canonical) : canonical;
  return ordered.length === 0 ? EMPTY : ordered;
}

/** Words that start a new part of a rule even though they are spelled as long options. */
const RULE_LEVEL = new Set([
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
 * loop. Returns the index after the words it took.
 */
function readSegment(
  part: MatchPart | TargetPart,
  tokens: readonly Token[],
  from: number,
  line: number,
  log: ProblemLog,
  interner: Interner,
): number {
  const spec = part.spec;
  const end = segmentEnd(tokens, from);
  let key = `${part.kind}\u0000${part.name}`;
  for (let j = from; j < end; j++) {
    const t = tokens[j] as Token;
    key += `\u0000${t.quoted ? '"' : ''}${t.text}`;
    // A jump to a chain (no extension) takes no options; an extension must know each one.
    if (!t.quoted && t.text.startsWith('--') && (!spec || !findOptionSpec(spec, t.text.slice(2)))) {
      return from;
    }
  }
  const cached = interner.part(key);
  if (cached) {
    part.done = cached;
    return end;
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

function basicField(
  key: BasicKey,
  value: Token,
  negated: boolean,
  line: number,
  log: ProblemLog,
): Negatable | undefined {
  let text: string | undefined = value.text;
  if (key === 'source' || key === 'destination') {
    // A malformed value is kept as written (and reported), never dropped:
    // dropping it would widen the rule to match every address.
    text = canonicalCidr(value.text);
    if (text === undefined) {
      log.error(line, value.column, `"${value.text}" is not an IP address or CIDR`);
      text = value.text;
    }
    // A /0 matches every address: the kernel keeps no test for it.
    if ((text === '0.0.0.0/0' || text === '::/0') && !negated) return undefined;
  } else if ((key === 'inInterface' || key === 'outInterface') && text === '+' && !negated) {
    // "+" matches every interface name: the kernel keeps no test for it.
    return undefined;
  } else if (key === 'protocol') {
    text = canonicalProtocol(value.text);
    if (text === undefined) {
      log.error(line, value.column, `"${value.text}" is not a protocol name or number`);
      text = value.text;
    }
    if (text === 'all' && !negated) return undefined;
  }
  return { negated, value: text };
}

export function parseCounters(packets: string, bytes: string): Counters | undefined {
  if (!/^[0-9]+$/.test(packets) || !/^[0-9]+$/.test(bytes)) return undefined;
  return { packets: BigInt(packets), bytes: BigInt(bytes) };
}

/**
 * Protocol matches the kernel only loads for their own protocol, given with
 * `-p` and not negated (x_tables refuses "-p udp -m tcp"; multiport checks
 * for a protocol with ports).
 */
const NEEDS_PROTOCOL: ReadonlyMap<string, readonly string[]> = new Map([
  ['tcp', ['tcp']],
  ['udp', ['udp']],
  ['udplite', ['udplite']],
  ['sctp', ['sctp']],
  ['icmp', ['icmp']],
  ['esp', ['esp']],
  ['ah', ['ah']],
  ['multiport', ['tcp', 'udp', 'udplite', 'dccp', 'sctp']],
]);

function checkProtocol(
  match: MatchPart,
  protocol: Negatable | undefined,
  line: number,
  log: ProblemLog,
): void {
  const allowed = NEEDS_PROTOCOL.get(match.name);
  if (!allowed || (protocol && !protocol.negated && allowed.includes(protocol.value))) return;
  const wanted = `-p ${allowed.slice(0, -1).join(', ')}${allowed.length > 1 ? ' or ' : ''}${allowed[allowed.length - 1] ?? ''}`;
  log.error(
    line,
    match.column,
    `-m ${match.name} only works with ${wanted}; the kernel refuses this rule`,
  );
}

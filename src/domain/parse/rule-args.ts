import { canonicalProtocol } from '../model/ext/protocols.ts';
import { matchSpec, PROTOCOL_MODULES } from '../model/ext/matches.ts';
import type { ExtensionSpec } from '../model/ext/spec.ts';
import { findOptionSpec, inPrintOrder } from '../model/ext/spec.ts';
import { targetSpec } from '../model/ext/targets.ts';
import { canonicalCidr } from '../model/ext/values.ts';
import { moduleName } from '../model/names.ts';
import type { Counters, Match, Negatable, Option, Rule, Target } from '../model/ruleset.ts';
import type { ProblemLog } from './problems.ts';
import type { Token } from './tokenize.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Part {
  readonly name: string;
  readonly spec: ExtensionSpec | undefined;
  readonly options: Option[];
}

interface MatchPart extends Part {
  readonly kind: 'match';
}

interface TargetPart extends Part {
  readonly kind: 'jump' | 'goto';
}

/** Options that tolerate kube-proxy's unquoted multi-word values (iptables-restore itself would not). */
const FREE_TEXT_OPTIONS = new Set(['comment', 'log-prefix', 'nflog-prefix']);

type BasicKey = 'source' | 'destination' | 'inInterface' | 'outInterface' | 'protocol';

const BASIC_OPTIONS: Readonly<Record<string, BasicKey>> = {
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
};

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
export function parseRuleArgs(tokens: readonly Token[], line: number, log: ProblemLog): Rule {
  const rule: Mutable<Rule> = { matches: [] };
  const matches: MatchPart[] = [];
  let target: TargetPart | undefined;
  let negation: Token | undefined;
  let i = 0;

  const takeNegation = (): boolean => {
    const negated = negation !== undefined;
    negation = undefined;
    return negated;
  };
  const next = (option: Token): Token | undefined => {
    const value = tokens[i + 1];
    if (!isWord(value)) {
      log.error(line, option.column, `${option.text} needs a value`);
      return undefined;
    }
    i++;
    return value;
  };

  for (; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === '!' && !token.quoted) {
      if (negation) log.error(line, token.column, 'two "!" in a row');
      negation = token;
      continue;
    }
    const basic = token.quoted ? undefined : BASIC_OPTIONS[token.text];
    if (basic) {
      const negated = takeNegation();
      const value = next(token);
      if (value) setBasic(rule, basic, value, negated, line, log);
      continue;
    }
    switch (token.quoted ? '' : token.text) {
      case '-f':
      case '--fragment':
        rule.fragment = { negated: takeNegation(), value: true };
        continue;
      case '-m':
      case '--match': {
        if (takeNegation())
          log.error(line, token.column, '"!" cannot negate -m; put it before an option');
        const name = next(token);
        if (!name) continue;
        const spec = matchSpec(name.text);
        if (!spec)
          log.warning(
            line,
            name.column,
            `kpviz does not know the match module "${name.text}"; kept as written`,
          );
        matches.push({ kind: 'match', name: name.text, spec, options: [] });
        continue;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        if (takeNegation()) log.error(line, token.column, `"!" cannot negate ${token.text}`);
        const name = next(token);
        if (!name) continue;
        if (target) {
          log.error(line, token.column, 'a rule has one target; this is the second');
          continue;
        }
        const kind = token.text === '-g' || token.text === '--goto' ? 'goto' : 'jump';
        target = { kind, name: name.text, spec: targetSpec(name.text), options: [] };
        continue;
      }
      case '-c':
      case '--set-counters': {
        const packets = next(token);
        const bytes = packets && next(token);
        const counters = packets && bytes ? parseCounters(packets.text, bytes.text) : undefined;
        if (counters) rule.counters = counters;
        else log.error(line, token.column, '-c needs two counts: packets and bytes');
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
    const owner = ownerOf(name, matches, target, rule.protocol?.value);
    if (!owner) {
      log.error(line, token.column, `option ${token.text} belongs to no match or target before it`);
      while (isWord(tokens[i + 1])) i++;
      continue;
    }
    if (owner === 'implicit') {
      const proto = rule.protocol?.value ?? '';
      matches.push({ kind: 'match', name: proto, spec: matchSpec(proto), options: [] });
    }
    const part = owner === 'implicit' ? (matches[matches.length - 1] as MatchPart) : owner;
    i = readOption(part, token, tokens, i, takeNegation(), line, log);
  }
  if (negation) log.error(line, negation.column, '"!" with nothing after it');

  rule.matches = matches.map(finishMatch);
  if (target) rule.target = finishTarget(target);
  return rule;
}

/** Which part an option belongs to: the target, the latest match that knows it, or an implicit protocol match. */
function ownerOf(
  name: string,
  matches: readonly MatchPart[],
  target: TargetPart | undefined,
  protocol: string | undefined,
): Part | 'implicit' | undefined {
  if (target && (!target.spec || findOptionSpec(target.spec, name))) return target;
  for (let m = matches.length - 1; m >= 0; m--) {
    const match = matches[m] as MatchPart;
    if (match.spec && findOptionSpec(match.spec, name)) return match;
  }
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
  // Old iptables accepted "--dport ! 80"; today's wants "! --dport 80".
  if (tokens[i + 1]?.text === '!' && !tokens[i + 1]?.quoted) {
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
  if (spec && FREE_TEXT_OPTIONS.has(spec.name) && isWord(tokens[i + 1])) {
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
  part.options.push({ name: spec.name, negated, args });
  return i;
}

function finishMatch(part: MatchPart): Match {
  const options = part.spec ? canonicalOptions(part.spec, part.options) : part.options;
  return {
    module: moduleName(part.name),
    options,
    ...(part.spec ? {} : { unknown: true as const }),
  };
}

function finishTarget(part: TargetPart): Target {
  const options = part.spec ? canonicalOptions(part.spec, part.options) : part.options;
  return { kind: part.kind, name: part.name, options };
}

function canonicalOptions(spec: ExtensionSpec, options: readonly Option[]): readonly Option[] {
  const canonical = spec.canonicalise ? spec.canonicalise(options) : options;
  return inPrintOrder(spec, canonical);
}

function setBasic(
  rule: Mutable<Rule>,
  key: BasicKey,
  value: Token,
  negated: boolean,
  line: number,
  log: ProblemLog,
): void {
  let text: string | undefined = value.text;
  if (key === 'source' || key === 'destination') {
    // A malformed value is kept as written (and reported), never dropped:
    // dropping it would widen the rule to match every address.
    text = canonicalCidr(value.text);
    if (text === undefined) {
      log.error(line, value.column, `"${value.text}" is not an IP address or CIDR`);
      text = value.text;
    }
    // 0.0.0.0/0 matches every address: the kernel keeps no test for it.
    if (text === '0.0.0.0/0' && !negated) return;
  } else if ((key === 'inInterface' || key === 'outInterface') && text === '+' && !negated) {
    // "+" matches every interface name: the kernel keeps no test for it.
    return;
  } else if (key === 'protocol') {
    text = canonicalProtocol(value.text);
    if (text === undefined) {
      log.error(line, value.column, `"${value.text}" is not a protocol name or number`);
      text = value.text;
    }
    if (text === 'all' && !negated) return;
  }
  const field: Negatable = { negated, value: text };
  rule[key] = field;
}

export function parseCounters(packets: string, bytes: string): Counters | undefined {
  if (!/^[0-9]+$/.test(packets) || !/^[0-9]+$/.test(bytes)) return undefined;
  return { packets: BigInt(packets), bytes: BigInt(bytes) };
}

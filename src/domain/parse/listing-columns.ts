import type { Counters } from '../model/ruleset.ts';
import type { ProblemLog } from './problems.ts';
import type { ArgsBuilder, LineScanner, Word } from './listing-scanner.ts';
import { splitBang } from './listing-scanner.ts';

/** Which optional columns a listing has: `--line-numbers`, and -v's counters and interfaces. */
export interface Layout {
  readonly num: boolean;
  readonly counters: boolean;
  readonly via: boolean;
}

/**
 * The column header iptables prints under each `Chain` line:
 * `[num] [pkts bytes] target prot opt [in out] source destination`.
 */
export function readColumnHeader(trimmed: string): Layout | undefined {
  const words = trimmed.split(/\s+/);
  if (!['num', 'pkts', 'target'].includes(words[0] ?? '')) return undefined;
  if (!words.includes('prot') || !words.includes('source') || !words.includes('destination'))
    return undefined;
  return { num: words[0] === 'num', counters: words.includes('pkts'), via: words.includes('in') };
}

/** What a line under a chain that has no opt column is told. */
export const NOT_A_RULE_LINE =
  'not a rule line: no opt column (--, -f or !f) after target and prot';

/** The opt column is always `--`, `-f` or `!f` (fragment flag and its negation). */
const isOpt = (word: Word | undefined): boolean =>
  word !== undefined && /^[-!][-f]$/.test(word.text);

const COUNT = /^([0-9]+)([KMGT]?)$/;
const UNIT: Readonly<Record<string, bigint>> = {
  '': 1n,
  K: 1000n,
  M: 1000000n,
  G: 1000000000n,
  T: 1000000000000n,
};

/**
 * A counter as -v prints it: exact with -x, else abbreviated above 99999
 * (`12K`, rounded). Abbreviated ones are multiplied out: the best there is.
 */
export function parseCount(text: string): { value: bigint; abbreviated: boolean } | undefined {
  const m = COUNT.exec(text);
  if (!m) return undefined;
  const unit = m[2] ?? '';
  return { value: BigInt(m[1] ?? '0') * (UNIT[unit] ?? 1n), abbreviated: unit !== '' };
}

const ADDRESS = /^!?([0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9.]+)?|anywhere)$/;

/**
 * Tells the layout from a rule line when no column header came before it:
 * the opt column is found first, and what stands before and after it decides.
 */
export function guessLayout(s: LineScanner): Layout | undefined {
  const start = s.position;
  const words: Word[] = [];
  for (let w = s.next(); w && words.length < 8; w = s.next()) words.push(w);
  s.rewind(start);
  const opt = words.findIndex((w, i) => i > 0 && isOpt(w));
  if (opt < 0) return undefined;
  const before = opt - 1;
  const targetWord = words[before - 1];
  const hasTarget = before >= 1 && before - 1 <= 3 && !COUNT.test(targetWord?.text ?? '');
  const lead = hasTarget ? before - 1 : before;
  if (lead > 3) return undefined;
  return {
    num: lead % 2 === 1,
    counters: lead >= 2,
    via: !ADDRESS.test(words[opt + 1]?.text ?? ''),
  };
}

export interface RuleColumns {
  readonly target?: Word;
  readonly counters?: Counters;
  /** The first counter printed abbreviated (`12K`), for the -x warning. */
  readonly abbreviated?: Word;
}

/**
 * Reads the fixed columns of a rule line, writing the basic iptables
 * arguments they stand for (`! -p tcp`, `-f`, `-i eth0`, `-s 10.0.0.1`).
 * The target column is empty for a rule without one: the opt column, one
 * word earlier than usual, shows it. Leaves the scanner after destination.
 */
export function readRuleColumns(
  s: LineScanner,
  layout: Layout,
  line: number,
  log: ProblemLog,
  out: ArgsBuilder,
): RuleColumns | undefined {
  const lead: Word[] = [];
  for (let i = (layout.num ? 1 : 0) + (layout.counters ? 2 : 0); i > 0; i--) {
    const word = s.next();
    if (word) lead.push(word);
  }
  const first = s.next();
  const second = s.next();
  const afterSecond = s.position;
  const third = s.next();
  let target: Word | undefined;
  let prot: Word | undefined;
  let opt: Word;
  if (third && isOpt(third)) {
    [target, prot, opt] = [first, second, third];
  } else if (second && isOpt(second)) {
    [prot, opt] = [first, second];
    s.rewind(afterSecond);
  } else {
    const at = first?.column ?? s.raw.length - s.raw.trimStart().length + 1;
    log.error(line, at, NOT_A_RULE_LINE);
    return undefined;
  }
  const columns = ['in', 'out', 'source', 'destination'].slice(layout.via ? 0 : 2);
  const values = columns.map(() => s.next());
  const missing = values.findIndex((v) => v === undefined);
  if (missing >= 0) {
    log.error(
      line,
      Math.max(1, s.raw.trimEnd().length),
      `this rule line ends before its ${columns[missing] ?? ''} column`,
    );
    return undefined;
  }
  const [inIface, outIface] = layout.via ? values : [];
  const [source, destination] = layout.via ? values.slice(2) : values;
  basic(out, '-p', prot, ['all', '0']);
  if (opt.text[1] === 'f') {
    if (opt.text[0] === '!') out.word('!', opt.column);
    out.word('-f', opt.column);
  }
  basic(out, '-i', inIface, ['*', 'any']);
  basic(out, '-o', outIface, ['*', 'any']);
  basic(out, '-s', source, ['0.0.0.0/0', 'anywhere']);
  basic(out, '-d', destination, ['0.0.0.0/0', 'anywhere']);
  return { ...(target ? { target } : {}), ...readCounters(lead, layout, line, log) };
}

/** `!tcp`, `!eth0`, `!10.0.0.0/8`: iptables prints the `!` stuck to the value. */
function basic(
  out: ArgsBuilder,
  flag: string,
  word: Word | undefined,
  any: readonly string[],
): void {
  if (!word) return;
  const { negated, value } = splitBang(word);
  if (!negated && any.includes(value.text)) return;
  if (negated) out.word('!', word.column);
  out.word(flag, word.column);
  out.value(value.text === 'anywhere' ? '0.0.0.0/0' : value.text, value.column);
}

function readCounters(
  lead: readonly Word[],
  layout: Layout,
  line: number,
  log: ProblemLog,
): { counters?: Counters; abbreviated?: Word } {
  if (!layout.counters) return {};
  const [packetsWord, bytesWord] = layout.num ? lead.slice(1) : lead;
  const packets = packetsWord && parseCount(packetsWord.text);
  const bytes = bytesWord && parseCount(bytesWord.text);
  if (!packets || !bytes) {
    const bad = !packets ? packetsWord : bytesWord;
    log.error(line, bad?.column ?? 1, `"${bad?.text ?? ''}" is not a packet or byte count`);
    return {};
  }
  const abbreviated = packets.abbreviated ? packetsWord : bytes.abbreviated ? bytesWord : undefined;
  return {
    counters: { packets: packets.value, bytes: bytes.value },
    ...(abbreviated ? { abbreviated } : {}),
  };
}

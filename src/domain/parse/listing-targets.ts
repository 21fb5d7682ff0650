import { targetSpec } from '../model/ext/targets.ts';
import { readConnmark, readDscp, readMark, readTos, readTtl } from './listing-field-targets.ts';
import type { LineScanner, Word } from './listing-scanner.ts';
import { ArgsBuilder, lookup } from './listing-scanner.ts';

/**
 * Reads a target extension's options from the text iptables -L prints after
 * the matches, writing `--option …` arguments. Stops at the first word it
 * does not know and leaves it on the scanner.
 */
export type TargetReader = (s: LineScanner, out: ArgsBuilder) => void;

/** What each word of a target's text stands for: a flag, or an option taking the next word. */
interface WordTable {
  readonly flags?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, string>>;
}

/** A target whose print is a run of `flag` and `keyword value` words. */
const words =
  (table: WordTable): TargetReader =>
  (s, out) => {
    for (let word = s.peek(); word; word = s.peek()) {
      const flag = lookup(table.flags, word.text);
      const valued = lookup(table.values, word.text);
      if (flag) {
        s.next();
        out.option(flag, word);
      } else if (valued) {
        s.next();
        const value = s.quotedOrWord();
        out.option(valued, word, value ? [value] : []);
      } else return;
    }
  };

/** DNAT/SNAT/NETMAP print `to:RANGE` (several for old multi-range rules) and the flags. */
const readNat =
  (option: string): TargetReader =>
  (s, out) => {
    for (let word = s.peek(); word; word = s.peek()) {
      if (word.text.startsWith('to:')) {
        out.option(option, word, [{ ...word, text: word.text.slice(3), column: word.column + 3 }]);
      } else if (['random', 'random-fully', 'persistent'].includes(word.text)) {
        out.option(word.text, word);
      } else return;
      s.next();
    }
  };

/** MASQUERADE `masq ports: 1024-65535`, REDIRECT `redir ports 8080`, then the random flags. */
const readPorts =
  (first: string, second: string): TargetReader =>
  (s, out) => {
    if (s.peek()?.text === first && s.peekSecond()?.text === second) {
      const word = s.next() as Word;
      s.next();
      const value = s.next();
      out.option('to-ports', word, value ? [value] : []);
    }
    words({ flags: { random: 'random', 'random-fully': 'random-fully' } })(s, out);
  };

/** libxt_LOG's flag bits (xt_LOG.h); 0x10 was NFLOG's and is unused. */
const LOG_FLAG_BITS: readonly [number, string][] = [
  [0x01, 'log-tcp-sequence'],
  [0x02, 'log-tcp-options'],
  [0x04, 'log-ip-options'],
  [0x08, 'log-uid'],
  [0x20, 'log-macdecode'],
];

/**
 * The names libxt_LOG prints without -n, syslog's (glibc's prioritynames,
 * first of each level: `err`, `warn`), with the other spellings syslog
 * accepts, by level.
 */
const LOG_LEVELS: Readonly<Record<string, string>> = {
  emerg: '0',
  panic: '0',
  alert: '1',
  crit: '2',
  err: '3',
  error: '3',
  warn: '4',
  warning: '4',
  notice: '5',
  info: '6',
  debug: '7',
};

/**
 * libxt_LOG: `flags N level L` with -n, else `level NAME` (or `UNKNOWN level
 * N`) and flag words; then `prefix "…"`, printed last and without escapes.
 */
const readLog: TargetReader = (s, out) => {
  for (let word = s.peek(); word; word = s.peek()) {
    if (word.text === 'flags') {
      s.next();
      const value = s.next();
      const bits = value && /^[0-9]+$/.test(value.text) ? Number(value.text) : 0;
      for (const [bit, name] of LOG_FLAG_BITS) if (bits & bit) out.option(name, word);
    } else if (word.text === 'level' || word.text === 'UNKNOWN') {
      s.next();
      if (word.text === 'UNKNOWN') s.accept('level');
      const value = s.next();
      const level = value && lookup(LOG_LEVELS, value.text);
      out.option('log-level', word, value ? [level ? { ...value, text: level } : value] : []);
    } else if (word.text === 'prefix') {
      s.next();
      const value = s.quotedToLastQuote();
      out.option('log-prefix', word, value ? [value] : []);
    } else if (
      ['tcp-sequence', 'tcp-options', 'ip-options', 'uid', 'macdecode'].includes(word.text)
    ) {
      s.next();
      out.option(`log-${word.text}`, word);
    } else return;
  }
};

/** libxt_TPROXY: `redirect IP:PORT mark V/M`. */
const readTproxy: TargetReader = (s, out) => {
  const redirect = s.accept('redirect');
  const to = redirect && s.next();
  if (redirect && to) {
    const colon = to.text.lastIndexOf(':');
    out.option('on-port', redirect, [
      { ...to, text: to.text.slice(colon + 1), column: to.column + colon + 1 },
    ]);
    out.option('on-ip', redirect, [{ ...to, text: to.text.slice(0, Math.max(0, colon)) }]);
  }
  const mark = s.accept('mark');
  const value = mark && s.next();
  if (mark && value) out.option('tproxy-mark', mark, [value]);
};

/** libxt_SET: `add-set NAME src,dst`, `del-set NAME dst`, `exist`, `timeout N`. */
const readSetTarget: TargetReader = (s, out) => {
  for (let word = s.peek(); word; word = s.peek()) {
    if (word.text === 'add-set' || word.text === 'del-set') {
      s.next();
      const name = s.next();
      const flags = s.next();
      out.option(word.text, word, [name ?? '', flags ?? '']);
    } else if (word.text === 'exist') {
      s.next();
      out.option('exist', word);
    } else if (word.text === 'timeout') {
      s.next();
      const value = s.next();
      out.option('timeout', word, value ? [value] : []);
    } else return;
  }
};

/** Target readers by target name. Targets with no options (TRACE, NOTRACK, verdicts) need none. */
const READERS: Readonly<Record<string, TargetReader>> = {
  MARK: readMark,
  CONNMARK: readConnmark,
  DNAT: readNat('to-destination'),
  SNAT: readNat('to-source'),
  NETMAP: readNat('to'),
  MASQUERADE: readPorts('masq', 'ports:'),
  REDIRECT: readPorts('redir', 'ports'),
  REJECT: words({ values: { 'reject-with': 'reject-with' } }),
  LOG: readLog,
  NFLOG: words({
    values: {
      'nflog-prefix': 'nflog-prefix',
      'nflog-group': 'nflog-group',
      'nflog-range': 'nflog-range',
      'nflog-size': 'nflog-size',
      'nflog-threshold': 'nflog-threshold',
    },
  }),
  CT: words({
    flags: { notrack: 'notrack' },
    values: {
      helper: 'helper',
      ctevents: 'ctevents',
      expevents: 'expevents',
      'zone-orig': 'zone-orig',
      'zone-reply': 'zone-reply',
      zone: 'zone',
      timeout: 'timeout',
    },
  }),
  TCPMSS: (s, out) => {
    const word = s.peek();
    if (word?.text === 'clamp' && s.peekSecond()?.text === 'to') {
      s.next();
      s.next();
      s.accept('PMTU');
      out.option('clamp-mss-to-pmtu', word);
    } else words({ values: { set: 'set-mss' } })(s, out);
  },
  CHECKSUM: words({ flags: { fill: 'checksum-fill' } }),
  TPROXY: readTproxy,
  SET: readSetTarget,
  CLASSIFY: words({ values: { set: 'set-class' } }),
  DSCP: readDscp,
  TOS: readTos,
  TTL: readTtl,
  // libxt_AUDIT: `AUDIT accept|drop|reject`.
  AUDIT: (s, out) => {
    const type = s.peek();
    if (!type || !['accept', 'drop', 'reject'].includes(type.text)) return;
    s.next();
    out.option('type', type, [type]);
  },
};

const readerOf = (name: string): TargetReader | undefined =>
  Object.hasOwn(READERS, name) ? READERS[name] : undefined;

/**
 * Whether the target's own text starts here: its name echoed (`MARK or
 * 0x4000`, `TOS set …`), or words its reader takes (`to:10.0.0.1:80`). The
 * words of a match kpviz cannot read end where this is true.
 */
export function startsTargetText(name: string, s: LineScanner): boolean {
  if (s.peek()?.text === name) return true;
  const reader = readerOf(name);
  if (!reader) return false;
  const start = s.position;
  reader(s, new ArgsBuilder());
  const moved = s.position > start;
  s.rewind(start);
  return moved;
}

/**
 * Reads the target's options from where the matches end. MARK, LOG, CT and
 * others print their own name first (`MARK or 0x4000`); that echo is skipped.
 */
export function readTargetOptions(name: string, s: LineScanner, out: ArgsBuilder): void {
  const reader = readerOf(name);
  if ((reader || targetSpec(name)) && s.peek()?.text === name) s.next();
  reader?.(s, out);
}

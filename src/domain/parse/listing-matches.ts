import type { ArgsBuilder, LineScanner, Word } from './listing-scanner.ts';
import { negatableValue, splitBang } from './listing-scanner.ts';
import {
  CONNTRACK_KEYWORDS,
  readConntrack,
  readOwner,
  readRecent,
  readSet,
} from './listing-stateful.ts';

/**
 * Reads one match's text after its first word (already taken), writing the
 * `-m MODULE --option …` arguments it stands for. Returns false, having
 * written nothing, when the words are not this match's after all.
 */
export type MatchReader = (s: LineScanner, out: ArgsBuilder, first: Word) => boolean;

/** TCP flag bits as libxt_tcp numbers them (FIN=1 … URG=32), in its print order. */
const TCP_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'];

/** `0x17` (iptables -n) or `FIN,SYN,RST,ACK` (without -n) → the names iptables-save prints. */
function tcpFlagNames(text: string): string {
  if (!/^0x[0-9a-f]{1,2}$/i.test(text)) return text;
  const bits = parseInt(text, 16);
  const names = TCP_FLAGS.filter((_, i) => (bits & (1 << i)) !== 0);
  return names.length > 0 ? names.join(',') : 'NONE';
}

const PORTS = /^(spts?|dpts?):(!?)(.*)$/;

/** libxt_tcp/udp/sctp: the module name, then `spt:` `dpt:` `spts:a:b` `option=` `flags:` (`!` inside). */
const readProtocol =
  (module: string): MatchReader =>
  (s, out, first) => {
    out.match(module, first.column);
    for (let word = s.peek(); word; word = s.peek()) {
      const port = PORTS.exec(word.text);
      const option = module === 'tcp' ? /^option=(!?)(.*)$/.exec(word.text) : null;
      const flags = module === 'tcp' ? /^flags:(!?)([^/]*)\/(.*)$/.exec(word.text) : null;
      if (port) {
        const [, name = '', bang = '', value = ''] = port;
        const valueColumn = word.column + name.length + 1 + bang.length;
        out.option(
          name.startsWith('s') ? 'sport' : 'dport',
          word,
          [{ text: value, column: valueColumn, end: word.end }],
          bang ? { ...word, column: word.column + name.length + 1 } : undefined,
        );
      } else if (option) {
        out.option('tcp-option', word, [option[2] ?? ''], option[1] ? word : undefined);
      } else if (flags) {
        out.option(
          'tcp-flags',
          word,
          [tcpFlagNames(flags[2] ?? ''), tcpFlagNames(flags[3] ?? '')],
          flags[1] ? word : undefined,
        );
      } else break;
      s.next();
    }
    return true;
  };

/**
 * libxt_icmp: `icmp echo-request` / `icmp !echo-request` without -n,
 * `icmptype 8`, `icmptype 3 code 3`, `icmp !type 8` with it. Type 255 is `any`.
 */
const readIcmp: MatchReader = (s, out, first) => {
  let typeWord: Word | undefined;
  let negation: Word | undefined;
  if (first.text === 'icmptype') typeWord = s.next();
  else {
    const word = s.peek();
    if (!word) {
      out.match('icmp', first.column);
      return true;
    }
    const { negated, value } = splitBang(word);
    s.next();
    if (negated) negation = word;
    if (value.text === 'type') typeWord = s.next();
    else {
      out.match('icmp', first.column);
      out.option('icmp-type', word, [value], negation);
      return true;
    }
  }
  out.match('icmp', first.column);
  if (!typeWord) return true;
  let type = typeWord.text === '255' ? 'any' : typeWord.text;
  if (s.peek()?.text === 'code') {
    s.next();
    const code = s.next();
    if (code) type = `${type}/${code.text}`;
  } else if (s.peek()?.text === 'codes') {
    // A code range only comes from a name iptables knows; the type is what -save keeps.
    s.next();
    s.next();
  }
  out.option('icmp-type', typeWord, [{ ...typeWord, text: type }], negation);
  return true;
};

/** libxt_multiport: `multiport dports 80,443`, negated `multiport dports  !80,443`. */
const readMultiport: MatchReader = (s, out, first) => {
  const kind = s.peek();
  if (!kind || !['sports', 'dports', 'ports'].includes(kind.text)) return false;
  s.next();
  const { negation, value } = negatableValue(s);
  out.match('multiport', first.column);
  out.option(kind.text, kind, value ? [value] : [], negation);
  return true;
};

/** libxt_addrtype: `ADDRTYPE match src-type LOCAL dst-type !LOCAL limit-in`. */
const readAddrtype: MatchReader = (s, out, first) => {
  if (!s.accept('match')) return false;
  out.match('addrtype', first.column);
  for (let word = s.peek(); word; word = s.peek()) {
    if (word.text === 'src-type' || word.text === 'dst-type') {
      s.next();
      const { negation, value } = negatableValue(s);
      out.option(word.text, word, value ? [value] : [], negation);
    } else if (word.text === 'limit-in' || word.text === 'limit-out') {
      s.next();
      out.option(word.text === 'limit-in' ? 'limit-iface-in' : 'limit-iface-out', word);
    } else break;
  }
  return true;
};

/**
 * libxt_statistic: `statistic mode random [!] probability P` or `mode nth [!]
 * every N [packet P]`. iptables-save always prints `--packet`, 0 by default.
 */
const readStatistic: MatchReader = (s, out, first) => {
  const mode = s.peek()?.text === 'mode' ? s.peekSecond() : undefined;
  if (!mode || (mode.text !== 'random' && mode.text !== 'nth')) return false;
  s.next();
  s.next();
  out.match('statistic', first.column);
  out.option('mode', mode, [mode]);
  const negation = s.accept('!');
  const key = mode.text === 'random' ? 'probability' : 'every';
  const keyWord = s.accept(key);
  if (!keyWord) return true;
  const value = s.next();
  out.option(key, keyWord, value ? [value] : [], negation);
  if (mode.text === 'nth') {
    const packet = s.accept('packet');
    const packetValue = packet && s.next();
    out.option('packet', packet ?? keyWord, [packetValue ?? '0']);
  }
  return true;
};

/** libxt_mark `mark match [!] V[/M]`; libxt_connmark `connmark match [!]V[/M]`. */
const readMark =
  (module: string): MatchReader =>
  (s, out, first) => {
    if (!s.accept('match')) return false;
    const { negation, value } = negatableValue(s);
    out.match(module, first.column);
    out.option('mark', value ?? first, value ? [value] : [], negation);
    return true;
  };

/** libxt_physdev prints its options in save form: `PHYSDEV match ! --physdev-in eth0 --physdev-is-bridged`. */
const readPhysdev: MatchReader = (s, out, first) => {
  if (!s.accept('match')) return false;
  out.match('physdev', first.column);
  for (let word = s.peek(); word; word = s.peek()) {
    const bang = word.text === '!' ? word : undefined;
    const option = bang ? s.peekSecond() : word;
    if (!option?.text.startsWith('--physdev-')) break;
    if (bang) s.next();
    s.next();
    const name = option.text.slice(2);
    const value = name === 'physdev-in' || name === 'physdev-out' ? s.next() : undefined;
    out.option(name, option, value ? [value] : [], bang);
  }
  return true;
};

/** libxt_iprange: `source IP range [!] A-B destination IP range [!] C-D`. */
const readIprange: MatchReader = (s, out, first) => {
  const isRange = (): boolean => s.peek()?.text === 'IP' && s.peekSecond()?.text === 'range';
  if (!isRange()) return false;
  out.match('iprange', first.column);
  let side: Word | undefined = first;
  while (side) {
    s.next();
    s.next();
    const { negation, value } = negatableValue(s);
    out.option(
      side.text === 'source' ? 'src-range' : 'dst-range',
      side,
      value ? [value] : [],
      negation,
    );
    const nextSide = s.peek();
    if (nextSide?.text !== 'destination') break;
    s.next();
    if (!isRange()) {
      s.rewind(nextSide.column - 1);
      break;
    }
    side = nextSide;
  }
  return true;
};

/** libxt_limit: `limit: avg 3/min burst 5` (newer iptables: `limit: up to 3/min burst 5`). */
const readLimit: MatchReader = (s, out, first) => {
  if (!s.accept('avg') && !(s.accept('up') && s.accept('to'))) return false;
  out.match('limit', first.column);
  const rate = s.next();
  if (rate) out.option('limit', rate, [rate]);
  const burst = s.accept('burst');
  const value = burst && s.next();
  if (burst && value) out.option('limit-burst', burst, [value]);
  return true;
};

/** libxt_pkttype: `PKTTYPE = unicast`, `PKTTYPE != unicast`. */
const readPkttype: MatchReader = (s, out, first) => {
  const op = s.peek();
  if (op?.text !== '=' && op?.text !== '!=') return false;
  s.next();
  const value = s.next();
  out.match('pkttype', first.column);
  out.option('pkt-type', value ?? op, value ? [value] : [], op.text === '!=' ? op : undefined);
  return true;
};

/** libxt_ttl: `TTL match TTL == 5` (`!=`, `<`, `>`). */
const readTtl: MatchReader = (s, out, first) => {
  if (!s.accept('match') || !s.accept('TTL')) return false;
  const op = s.next();
  const value = s.next();
  const name = { '==': 'ttl-eq', '!=': 'ttl-eq', '<': 'ttl-lt', '>': 'ttl-gt' }[op?.text ?? ''];
  if (!op || !value || !name) return false;
  out.match('ttl', first.column);
  out.option(name, op, [value], op.text === '!=' ? op : undefined);
  return true;
};

/** A match printed as its keyword and one value: `MAC [!] addr`, `length [!]0:100`, `nfacct-name  X`, … */
const oneValue =
  (module: string, option: string): MatchReader =>
  (s, out, first) => {
    const bang = s.peek()?.text === '!' ? s.next() : undefined;
    const word = module === 'nfacct' || module === 'helper' ? s.quotedOrWord() : s.next();
    if (!word) return false;
    const { negated, value } = splitBang(word);
    out.match(module, first.column);
    out.option(option, first, [value], bang ?? (negated ? word : undefined));
    return true;
  };

const afterMatch =
  (reader: MatchReader): MatchReader =>
  (s, out, first) =>
    s.accept('match') !== undefined && reader(s, out, first);

/** Match readers by the first word iptables -L prints for the match. */
const READERS: Readonly<Record<string, MatchReader>> = {
  tcp: readProtocol('tcp'),
  udp: readProtocol('udp'),
  udplite: readProtocol('udplite'),
  sctp: readProtocol('sctp'),
  icmp: readIcmp,
  icmptype: readIcmp,
  multiport: readMultiport,
  ADDRTYPE: readAddrtype,
  statistic: readStatistic,
  mark: readMark('mark'),
  connmark: readMark('connmark'),
  'recent:': readRecent,
  'match-set': readSet,
  owner: readOwner,
  state: oneValue('state', 'state'),
  PHYSDEV: readPhysdev,
  source: readIprange,
  destination: readIprange,
  'nfacct-name': oneValue('nfacct', 'nfacct-name'),
  'limit:': readLimit,
  MAC: oneValue('mac', 'mac-source'),
  PKTTYPE: readPkttype,
  length: oneValue('length', 'length'),
  TTL: readTtl,
  helper: afterMatch(oneValue('helper', 'helper')),
  ...Object.fromEntries(CONNTRACK_KEYWORDS.map((k) => [k, readConntrack])),
};

/**
 * Reads the match that starts at the scanner, `!` before it included, when
 * its text is one kpviz knows. Leaves the scanner where it was otherwise.
 */
export function readMatch(s: LineScanner, out: ArgsBuilder): boolean {
  const start = s.position;
  const tokenCount = out.tokens.length;
  const bang = s.peek()?.text === '!' ? s.next() : undefined;
  const comment = bang ? undefined : s.comment();
  if (comment) {
    out.match('comment', comment.column - 3);
    out.option('comment', comment.column - 3, [comment]);
    return true;
  }
  const first = s.next();
  const reader = first && Object.hasOwn(READERS, first.text) ? READERS[first.text] : undefined;
  out.pendingNegation = bang;
  // A `!` that no option took is not something iptables prints: leave it to the caller.
  if (first && reader?.(s, out, first) && s.position > start && !out.pendingNegation) return true;
  out.pendingNegation = undefined;
  out.tokens.length = tokenCount;
  s.rewind(start);
  return false;
}

/**
 * Matches on what a packet carries: its address types and ranges, marks,
 * IP header fields (TTL, TOS, DSCP), link-layer kind and bridge ports, and
 * whether its source address routes back.
 */
import type { MatchReader } from './listing-matches.ts';
import type { Word } from './listing-scanner.ts';
import { lookup, negatableValue, splitBang } from './listing-scanner.ts';

/** libxt_addrtype: `ADDRTYPE match src-type LOCAL dst-type !LOCAL limit-in`. */
export const readAddrtype: MatchReader = (s, out, first) => {
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

/** libxt_iprange: `source IP range [!] A-B destination IP range [!] C-D`. */
export const readIprange: MatchReader = (s, out, first) => {
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

/**
 * `KEYWORD match [!]VALUE`: libxt_mark `mark match [!] V[/M]`, libxt_connmark
 * `connmark match [!]V[/M]`, libxt_dscp `DSCP match [!]0x2e`.
 */
export const matchValue =
  (module: string, option: string): MatchReader =>
  (s, out, first) => {
    if (!s.accept('match')) return false;
    const { negation, value } = negatableValue(s);
    out.match(module, first.column);
    out.option(option, value ?? first, value ? [value] : [], negation);
    return true;
  };

/** libxt_physdev prints its options in save form: `PHYSDEV match ! --physdev-in eth0 --physdev-is-bridged`. */
export const readPhysdev: MatchReader = (s, out, first) => {
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

/** libxt_pkttype: `PKTTYPE = unicast`, `PKTTYPE != unicast`. */
export const readPkttype: MatchReader = (s, out, first) => {
  const op = s.peek();
  if (op?.text !== '=' && op?.text !== '!=') return false;
  s.next();
  const value = s.next();
  out.match('pkttype', first.column);
  out.option('pkt-type', value ?? op, value ? [value] : [], op.text === '!=' ? op : undefined);
  return true;
};

const TTL_OPS = { '==': 'ttl-eq', '!=': 'ttl-eq', '<': 'ttl-lt', '>': 'ttl-gt' };

/** libxt_ttl: `TTL match TTL == 5` (`!=`, `<`, `>`). */
export const readTtl: MatchReader = (s, out, first) => {
  if (!s.accept('match') || !s.accept('TTL')) return false;
  const op = s.next();
  const value = s.next();
  const name = lookup(TTL_OPS, op?.text ?? '');
  if (!op || !value || !name) return false;
  out.match('ttl', first.column);
  out.option(name, op, [value], op.text === '!=' ? op : undefined);
  return true;
};

/**
 * The TOS names iptables prints (tos_values.c) when the mask is 0x3f, the
 * mask `--tos NAME` sets: a name stands for `VALUE/0x3f`.
 */
const TOS_NAMES: Readonly<Record<string, string>> = {
  'Minimize-Delay': '0x10',
  'Maximize-Throughput': '0x08',
  'Maximize-Reliability': '0x04',
  'Minimize-Cost': '0x02',
  'Normal-Service': '0x00',
};

/** A TOS value as printed (`0x10/0xff`, or a name for mask 0x3f) → `VALUE/MASK`. */
export function tosValue(word: Word): Word {
  const value = lookup(TOS_NAMES, word.text);
  return value ? { ...word, text: `${value}/0x3f` } : word;
}

/**
 * libxt_tos: `tos match0x10/0xff`, `tos match!0x08/0x3f` (the value stuck to
 * `match`), or by name without -n: `tos match Minimize-Delay`, `tos match! Maximize-Throughput`.
 */
export const readTos: MatchReader = (s, out, first) => {
  const head = s.peek();
  if (!head?.text.startsWith('match')) return false;
  s.next();
  const stuck = { text: head.text.slice(5), column: head.column + 5, end: head.end };
  const { negated, value } = splitBang(stuck);
  const word = value.text === '' ? s.next() : value;
  if (!word) return false;
  out.match('tos', first.column);
  out.option('tos', word, [tosValue(word)], negated ? stuck : undefined);
  return true;
};

/** libxt_rpfilter: `rpfilter loose validmark accept-local invert`, each a flag. */
export const readRpfilter: MatchReader = (s, out, first) => {
  out.match('rpfilter', first.column);
  for (let word = s.peek(); word; word = s.peek()) {
    if (!['loose', 'validmark', 'accept-local', 'invert'].includes(word.text)) break;
    s.next();
    out.option(word.text, word);
  }
  return true;
};

import { TCP_FLAGS } from '../model/ext/matches.ts';
import type { MatchReader } from './listing-matches.ts';
import type { Word } from './listing-scanner.ts';
import { negatableValue, splitBang } from './listing-scanner.ts';

/**
 * `0x17` (iptables -n) or `FIN,SYN,RST,ACK` (without -n) → the names
 * iptables-save prints. TCP_FLAGS is in bit order: FIN is 0x01, URG 0x20.
 */
function tcpFlagNames(text: string): string {
  if (!/^0x[0-9a-f]{1,2}$/i.test(text)) return text;
  const bits = parseInt(text, 16);
  const names = TCP_FLAGS.filter((_, i) => (bits & (1 << i)) !== 0);
  return names.length > 0 ? names.join(',') : 'NONE';
}

const PORTS = /^(spts?|dpts?):(!?)(.*)$/;

/** libxt_tcp/udp/sctp: the module name, then `spt:` `dpt:` `spts:a:b` `option=` `flags:` (`!` inside). */
export const readProtocol =
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
export const readIcmp: MatchReader = (s, out, first) => {
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
export const readMultiport: MatchReader = (s, out, first) => {
  const kind = s.peek();
  if (!kind || !['sports', 'dports', 'ports'].includes(kind.text)) return false;
  s.next();
  const { negation, value } = negatableValue(s);
  out.match('multiport', first.column);
  out.option(kind.text, kind, value ? [value] : [], negation);
  return true;
};

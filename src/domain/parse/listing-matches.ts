import {
  CONNTRACK_KEYWORDS,
  readConntrack,
  readOwner,
  readRecent,
  readSet,
} from './listing-keyword-matches.ts';
import { readConnlimit, readHashlimit, readLimit, readStatistic } from './listing-limits.ts';
import {
  matchValue,
  readAddrtype,
  readIprange,
  readPhysdev,
  readPkttype,
  readRpfilter,
  readTos,
  readTtl,
} from './listing-packet-matches.ts';
import { readIcmp, readMultiport, readProtocol } from './listing-protocols.ts';
import type { ArgsBuilder, LineScanner, Word } from './listing-scanner.ts';
import { splitBang } from './listing-scanner.ts';

/**
 * Reads one match's text after its first word (already taken), writing the
 * `-m MODULE --option …` arguments it stands for. Returns false, having
 * written nothing, when the words are not this match's after all.
 */
export type MatchReader = (s: LineScanner, out: ArgsBuilder, first: Word) => boolean;

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
  mark: matchValue('mark', 'mark'),
  connmark: matchValue('connmark', 'mark'),
  'recent:': readRecent,
  'match-set': readSet,
  owner: readOwner,
  state: oneValue('state', 'state'),
  PHYSDEV: readPhysdev,
  source: readIprange,
  destination: readIprange,
  'nfacct-name': oneValue('nfacct', 'nfacct-name'),
  // limit prints `limit: avg`, hashlimit `limit: up to` or `limit: above`.
  'limit:': (s, out, first) => readLimit(s, out, first) || readHashlimit(s, out, first),
  '#conn': readConnlimit,
  MAC: oneValue('mac', 'mac-source'),
  PKTTYPE: readPkttype,
  length: oneValue('length', 'length'),
  TTL: readTtl,
  DSCP: matchValue('dscp', 'dscp'),
  tos: readTos,
  rpfilter: readRpfilter,
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
  const noteCount = out.notes.length;
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
  out.notes.length = noteCount;
  s.rewind(start);
  return false;
}

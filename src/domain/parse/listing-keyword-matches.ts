/**
 * Matches that iptables -L prints as a run of keywords, each option with its
 * own `!` before it: conntrack, recent, ipset (set) and owner.
 */
import type { MatchReader } from './listing-matches.ts';
import type { LineScanner, Word } from './listing-scanner.ts';
import { lookup } from './listing-scanner.ts';

/** libxt_conntrack's keywords as iptables -L prints them (save adds `--`). */
export const CONNTRACK_KEYWORDS: readonly string[] = [
  'ctstate',
  'ctproto',
  'ctorigsrc',
  'ctorigdst',
  'ctreplsrc',
  'ctrepldst',
  'ctorigsrcport',
  'ctorigdstport',
  'ctreplsrcport',
  'ctrepldstport',
  'ctstatus',
  'ctexpire',
  'ctdir',
];

/**
 * The next keyword of the same match, with its `!` (`... ! ctstate NEW`),
 * taken only when `accepts` it; the scanner is left alone otherwise.
 */
function nextKeyword(
  s: LineScanner,
  accepts: (text: string) => boolean,
): { keyword: Word; bang?: Word } | undefined {
  const word = s.peek();
  const bang = word?.text === '!' ? word : undefined;
  const keyword = bang ? s.peekSecond() : word;
  if (!keyword || !accepts(keyword.text)) return undefined;
  if (bang) s.next();
  s.next();
  return bang ? { keyword, bang } : { keyword };
}

/**
 * libxt_conntrack prints each option as `[!] ctKEYWORD VALUE`. A listing
 * cannot tell one conntrack match with two options from two matches; one
 * match is read until a keyword repeats.
 */
export const readConntrack: MatchReader = (s, out, first) => {
  out.match('conntrack', first.column);
  const seen = new Set<string>();
  let item: { keyword: Word; bang?: Word } | undefined = { keyword: first };
  while (item) {
    seen.add(item.keyword.text);
    const value = s.next();
    out.option(item.keyword.text, item.keyword, value ? [value] : [], item.bang);
    item = nextKeyword(s, (text) => CONNTRACK_KEYWORDS.includes(text) && !seen.has(text));
  }
  return true;
};

const RECENT_FLAGS: Readonly<Record<string, string>> = {
  SET: 'set',
  CHECK: 'rcheck',
  UPDATE: 'update',
  REMOVE: 'remove',
  reap: 'reap',
  'TTL-Match': 'rttl',
};
const RECENT_VALUES: Readonly<Record<string, string>> = {
  'seconds:': 'seconds',
  'hit_count:': 'hitcount',
  'name:': 'name',
  'mask:': 'mask',
};

/**
 * libxt_recent: `[!] recent: CHECK seconds: 10800 reap hit_count: 2 TTL-Match
 * name: X side: source mask: 255.255.255.255`; the `!` negates the mode.
 */
export const readRecent: MatchReader = (s, out, first) => {
  out.match('recent', first.column);
  for (let word = s.peek(); word; word = s.peek()) {
    const flag = lookup(RECENT_FLAGS, word.text);
    const valued = lookup(RECENT_VALUES, word.text);
    if (flag) {
      s.next();
      out.option(flag, word);
    } else if (valued) {
      s.next();
      const value = s.next();
      out.option(valued, word, value ? [value] : []);
    } else if (word.text === 'side:') {
      s.next();
      const side = s.next();
      out.option(side?.text === 'dest' ? 'rdest' : 'rsource', side ?? word);
    } else break;
  }
  return true;
};

const SET_COUNTERS = ['packets-eq', 'packets-lt', 'packets-gt', 'bytes-eq', 'bytes-lt', 'bytes-gt'];
const SET_FLAGS = ['return-nomatch', 'update-counters', 'update-subcounters'];

/** libxt_set: `[!] match-set NAME src,dst [return-nomatch] [! update-counters] [! packets-eq N]`. */
export const readSet: MatchReader = (s, out, first) => {
  const name = s.next();
  const flags = s.next();
  if (!name || !flags) return false;
  out.match('set', first.column);
  out.option('match-set', first, [name, flags]);
  for (;;) {
    const item = nextKeyword(s, (text) => SET_FLAGS.includes(text) || SET_COUNTERS.includes(text));
    if (!item) break;
    const value = SET_COUNTERS.includes(item.keyword.text) ? s.next() : undefined;
    out.option(item.keyword.text, item.keyword, value ? [value] : [], item.bang);
  }
  return true;
};

/** libxt_owner: `[!] owner UID match 0`, `owner GID match 0`, `owner socket exists`, one after another. */
export const readOwner: MatchReader = (s, out, first) => {
  let bang: Word | undefined;
  let emitted = false;
  for (;;) {
    const what = s.peek();
    if (what?.text === 'socket' && s.peekSecond()?.text === 'exists') {
      s.next();
      s.next();
      if (!emitted) out.match('owner', first.column);
      out.option('socket-exists', what, [], bang);
    } else if ((what?.text === 'UID' || what?.text === 'GID') && s.peekSecond()?.text === 'match') {
      s.next();
      s.next();
      const value = s.next();
      if (!emitted) out.match('owner', first.column);
      out.option(what.text === 'UID' ? 'uid-owner' : 'gid-owner', what, value ? [value] : [], bang);
    } else {
      return emitted;
    }
    emitted = true;
    const next = nextKeyword(s, (text) => text === 'owner');
    if (!next) return true;
    bang = next.bang;
  }
};

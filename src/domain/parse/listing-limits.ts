import type { MatchReader } from './listing-matches.ts';
import { lookup } from './listing-scanner.ts';

/** libxt_limit: `limit: avg 3/min burst 5`. (`limit: up to`/`above` is hashlimit's.) */
export const readLimit: MatchReader = (s, out, first) => {
  if (!s.accept('avg')) return false;
  out.match('limit', first.column);
  const rate = s.next();
  if (rate) out.option('limit', rate, [rate]);
  const burst = s.accept('burst');
  const value = burst && s.next();
  if (burst && value) out.option('limit-burst', burst, [value]);
  return true;
};

/** hashlimit's keywords after the rate, in its print order, and the option each stands for. */
const HASHLIMIT_VALUES: Readonly<Record<string, string>> = {
  burst: 'hashlimit-burst',
  mode: 'hashlimit-mode',
  'htable-size': 'hashlimit-htable-size',
  'htable-max': 'hashlimit-htable-max',
  'htable-gcinterval': 'hashlimit-htable-gcinterval',
  'htable-expire': 'hashlimit-htable-expire',
  srcmask: 'hashlimit-srcmask',
  dstmask: 'hashlimit-dstmask',
  'rate-interval': 'hashlimit-rate-interval',
};

/**
 * libxt_hashlimit: `limit: up to 10/sec burst 20 mode srcip-dstport
 * htable-size 1024 … srcmask 24 dstmask 16 rate-match`, `limit: above …`.
 * The mode is printed with `-` where iptables-save prints `,`. The table's
 * name (`--hashlimit-name`) is not printed at all.
 */
export const readHashlimit: MatchReader = (s, out, first) => {
  const kind = s.accept('above') ?? (s.peekSecond()?.text === 'to' ? s.accept('up') : undefined);
  if (!kind) return false;
  if (kind.text === 'up') s.next();
  const rate = s.next();
  if (!rate) return false;
  out.match('hashlimit', first.column);
  out.option(kind.text === 'up' ? 'hashlimit-upto' : 'hashlimit-above', rate, [rate]);
  for (let word = s.peek(); word; word = s.peek()) {
    const option = lookup(HASHLIMIT_VALUES, word.text);
    if (word.text === 'rate-match') {
      s.next();
      out.option('hashlimit-rate-match', word);
    } else if (option) {
      s.next();
      const value = s.next();
      const text = value && option === 'hashlimit-mode' ? value.text.replace(/-/g, ',') : undefined;
      out.option(option, word, value ? [text !== undefined ? { ...value, text } : value] : []);
    } else break;
  }
  out.note(
    first.column,
    "iptables -L does not print a hashlimit's --hashlimit-name, which iptables-restore requires; iptables-save shows it",
  );
  return true;
};

/**
 * libxt_connlimit: `#conn src/32 > 10` for --connlimit-above, `<=` for
 * --connlimit-upto (and for `! --connlimit-above`, which the kernel keeps the same way).
 */
export const readConnlimit: MatchReader = (s, out, first) => {
  const side = s.peek();
  const group = side && /^(src|dst)\/([0-9]+)$/.exec(side.text);
  const op = s.peekSecond();
  if (!side || !group || (op?.text !== '>' && op?.text !== '<=')) return false;
  s.next();
  s.next();
  const limit = s.next();
  if (!limit) return false;
  out.match('connlimit', first.column);
  out.option(op.text === '>' ? 'connlimit-above' : 'connlimit-upto', op, [limit]);
  const mask = group[2] ?? '';
  out.option('connlimit-mask', side, [{ text: mask, column: side.column + 4, end: side.end }]);
  out.option(group[1] === 'dst' ? 'connlimit-daddr' : 'connlimit-saddr', side);
  return true;
};

/**
 * libxt_statistic: `statistic mode random [!] probability P` or `mode nth [!]
 * every N [packet P]`. iptables-save always prints `--packet`, 0 by default.
 */
export const readStatistic: MatchReader = (s, out, first) => {
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

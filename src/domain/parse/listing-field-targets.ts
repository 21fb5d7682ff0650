/**
 * Targets that rewrite one field of the packet or its connection: MARK,
 * CONNMARK, TOS, DSCP and TTL. Each prints its own name first, then how it
 * changes the field.
 */
import { tosValue } from './listing-packet-matches.ts';
import type { Word } from './listing-scanner.ts';
import { lookup } from './listing-scanner.ts';
import type { TargetReader } from './listing-targets.ts';

/** `op VALUE` where each op word stands for one option. */
const opValue =
  (ops: Readonly<Record<string, string>>): TargetReader =>
  (s, out) => {
    const op = s.peek();
    const name = op && lookup(ops, op.text);
    if (!op || !name) return;
    s.next();
    const value = s.next();
    out.option(name, op, value ? [value] : []);
  };

/**
 * libxt_MARK prints `or V`, `and V`, `xor V`, `set V`, `xset V/M` from the
 * (value, mask) the kernel keeps; the matching option gives back that pair.
 */
export const readMark: TargetReader = opValue({
  set: 'set-mark',
  xset: 'set-xmark',
  and: 'and-mark',
  or: 'or-mark',
  xor: 'xor-mark',
});

/** `~0xff` in CONNMARK's print is decoration: the mask printed is the one kept. */
const untilde = (word: Word): Word =>
  word.text.startsWith('~') ? { ...word, text: word.text.slice(1), column: word.column + 1 } : word;

/** libxt_CONNMARK: the MARK forms, `save`/`restore` with `mask M` or `nfmask N ctmask ~C` (either order). */
export const readConnmark: TargetReader = (s, out) => {
  const mode = s.peek();
  if (mode?.text !== 'save' && mode?.text !== 'restore') {
    readMark(s, out);
    return;
  }
  s.next();
  out.option(`${mode.text}-mark`, mode);
  for (let word = s.peek(); word; word = s.peek()) {
    if (!['mask', 'nfmask', 'ctmask'].includes(word.text)) return;
    s.next();
    const value = s.next();
    out.option(word.text, word, value ? [untilde(value)] : []);
  }
};

const andOrXor = opValue({ and: 'and-tos', or: 'or-tos', xor: 'xor-tos' });

/**
 * libxt_TOS: `TOS set 0x10/0xff` with -n; without it a name for mask 0x3f,
 * stuck to `set` (`TOS setMinimize-Delay`), and `and`/`or`/`xor V` for the
 * (value, mask) pairs those options make.
 */
export const readTos: TargetReader = (s, out) => {
  const word = s.peek();
  if (!word?.text.startsWith('set')) {
    andOrXor(s, out);
    return;
  }
  if (word.text !== 'set' && !/^set[A-Z]/.test(word.text)) return;
  s.next();
  const value =
    word.text === 'set' ? s.next() : { ...word, text: word.text.slice(3), column: word.column + 3 };
  out.option('set-tos', word, value ? [tosValue(value)] : []);
};

/** libxt_DSCP: `DSCP set 0x2e` (a --set-dscp-class is kept as its value). */
export const readDscp: TargetReader = opValue({ set: 'set-dscp' });

const TTL_OPS = { set: 'ttl-set', increment: 'ttl-inc', decrement: 'ttl-dec' };

/** libipt_TTL: `TTL set to 64`, `TTL increment by 1`, `TTL decrement by 1`. */
export const readTtl: TargetReader = (s, out) => {
  const how = s.peek();
  const name = lookup(TTL_OPS, how?.text ?? '');
  const joiner = how?.text === 'set' ? 'to' : 'by';
  if (!how || !name || s.peekSecond()?.text !== joiner) return;
  s.next();
  s.next();
  const value = s.next();
  out.option(name, how, value ? [value] : []);
};

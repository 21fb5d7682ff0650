import type { Option } from '../ruleset.ts';
import type { OptionSpec } from './spec.ts';
import { one, opt } from './spec.ts';
import { hex, parseMarkMask, parseU32 } from './values.ts';

export const markOptions = (): OptionSpec[] => [
  one('set-xmark'),
  one('set-mark'),
  one('and-mark'),
  one('or-mark'),
  one('xor-mark'),
];

const xmark = (mark: number, mask: number): string => `${hex(mark >>> 0)}/${hex(mask >>> 0)}`;

/**
 * MARK and CONNMARK store every form as (value, mask) and iptables-save prints
 * `--set-xmark value/mask`: `--or-mark 0x4000` is value 0x4000, mask 0x4000.
 */
function toSetXmark(option: Option): Option | undefined {
  const arg = option.args[0] ?? '';
  switch (option.name) {
    case 'set-xmark': {
      const m = parseMarkMask(arg);
      return m && opt('set-xmark', [xmark(m.mark, m.mask)]);
    }
    case 'set-mark': {
      const m = parseMarkMask(arg);
      return m && opt('set-xmark', [xmark(m.mark, m.mark | m.mask)]);
    }
    case 'and-mark': {
      const v = parseU32(arg);
      return v === undefined ? undefined : opt('set-xmark', [xmark(0, ~v)]);
    }
    case 'or-mark': {
      const v = parseU32(arg);
      return v === undefined ? undefined : opt('set-xmark', [xmark(v, v)]);
    }
    case 'xor-mark': {
      const v = parseU32(arg);
      return v === undefined ? undefined : opt('set-xmark', [xmark(v, 0)]);
    }
    default:
      return option;
  }
}

export const markCanonical = (options: readonly Option[]): readonly Option[] =>
  options.map((o) => toSetXmark(o) ?? o);

/** CONNMARK --save-mark/--restore-mark print both masks; `--mask m` sets both. */
export function connmarkCanonical(options: readonly Option[]): readonly Option[] {
  const mode = options.find((o) => o.name === 'save-mark' || o.name === 'restore-mark');
  if (!mode) return markCanonical(options);
  const mask = options.find((o) => o.name === 'mask')?.args[0];
  const nf = options.find((o) => o.name === 'nfmask')?.args[0] ?? mask;
  const ct = options.find((o) => o.name === 'ctmask')?.args[0] ?? mask;
  const asHex = (text: string | undefined): string => hex(parseU32(text ?? '') ?? 0xffffffff);
  return [opt(mode.name), opt('nfmask', [asHex(nf)]), opt('ctmask', [asHex(ct)])];
}

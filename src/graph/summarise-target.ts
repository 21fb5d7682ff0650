/**
 * A target's options in short form, beside its name: `DNAT to
 * 10.244.1.5:8080`, `MARK or 0x4000`, `MASQUERADE random-fully`.
 */
import { hex, parseMarkMask, parseU32 } from '../domain/model/ext/values.ts';
import type { Option, Target } from '../domain/model/ruleset.ts';
import { argOf, shellWord, shortOption, verbatim } from './summary-format.ts';

/** MARK's options as the kernel holds them: the bits to keep zeroed (mask) and the value XORed in. */
function markPair(options: readonly Option[]): { mark: number; mask: number } | undefined {
  const option = options[0];
  const arg = option?.args[0];
  if (!option || arg === undefined || options.length !== 1) return undefined;
  const value = parseU32(arg);
  switch (option.name) {
    case 'set-xmark':
      return parseMarkMask(arg);
    case 'set-mark': {
      // libxt_MARK: --set-mark v/m clears m and sets v, held as mask m|v.
      const pair = parseMarkMask(arg);
      return pair && { mark: pair.mark, mask: (pair.mask | pair.mark) >>> 0 };
    }
    case 'or-mark':
      return value === undefined ? undefined : { mark: value, mask: value };
    case 'and-mark':
      return value === undefined ? undefined : { mark: 0, mask: ~value >>> 0 };
    case 'xor-mark':
      return value === undefined ? undefined : { mark: value, mask: 0 };
    default:
      return undefined;
  }
}

/** How `iptables -L` names a MARK (libxt_MARK's mark_tg_print): `or 0x4000` for kube-proxy's. */
function mark(options: readonly Option[]): string {
  const pair = markPair(options);
  if (!pair) return options.map(verbatim).join(' ');
  const { mark: value, mask } = pair;
  if (value === 0) return `and ${hex(~mask >>> 0)}`;
  if (value === mask) return `or ${hex(value)}`;
  if (mask === 0) return `xor ${hex(value)}`;
  if (mask === 0xffffffff) return `set ${hex(value)}`;
  return `xset ${hex(value)}/${hex(mask)}`;
}

/** What each option of the NAT, REJECT and LOG targets reads as. */
const SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['to-destination', 'to'],
  ['to-source', 'to'],
  ['to-ports', 'ports'],
  ['reject-with', 'with'],
  ['log-prefix', 'prefix'],
  ['log-level', 'level'],
]);

function option(o: Option): string {
  if (o.unknown) return verbatim(o);
  const name = SHORT_NAMES.get(o.name);
  if (name === undefined) return shortOption(o, '');
  return `${name} ${o.args.map(shellWord).join(' ')}`;
}

/**
 * The target's options in short form, or undefined when it has none.
 *
 * @example
 *   summariseTarget({ kind: 'jump', name: 'MARK', options: [{ name: 'set-xmark', negated: false, args: ['0x4000/0x4000'] }] });
 *   // 'or 0x4000'
 */
export function summariseTarget(target: Target): string | undefined {
  if (target.options.length === 0) return undefined;
  if (target.name === 'MARK') return mark(target.options);
  if (target.name === 'LOG' && argOf(target.options, 'log-prefix') !== undefined) {
    // The prefix is what people look for in a LOG rule; quote it so its spaces read.
    return target.options
      .map((o) => (o.name === 'log-prefix' ? `prefix "${o.args[0] ?? ''}"` : option(o)))
      .join(' ');
  }
  return target.options.map(option).join(' ');
}

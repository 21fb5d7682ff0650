import type { Option } from '../ruleset.ts';
import type { ExtensionSpec, OptionSpec } from './spec.ts';
import { flag, one, opt, text, two } from './spec.ts';
import { hex, parseMarkMask, parseU32 } from './values.ts';

const markOptions = (): OptionSpec[] => [
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

const markCanonical = (options: readonly Option[]): readonly Option[] =>
  options.map((o) => toSetXmark(o) ?? o);

/** CONNMARK --save-mark/--restore-mark print both masks; `--mask m` sets both. */
function connmarkCanonical(options: readonly Option[]): readonly Option[] {
  const mode = options.find((o) => o.name === 'save-mark' || o.name === 'restore-mark');
  if (!mode) return markCanonical(options);
  const mask = options.find((o) => o.name === 'mask')?.args[0];
  const nf = options.find((o) => o.name === 'nfmask')?.args[0] ?? mask;
  const ct = options.find((o) => o.name === 'ctmask')?.args[0] ?? mask;
  const asHex = (text: string | undefined): string => hex(parseU32(text ?? '') ?? 0xffffffff);
  return [opt(mode.name), opt('nfmask', [asHex(nf)]), opt('ctmask', [asHex(ct)])];
}

const REJECT_ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'tcp-rst': 'tcp-reset',
    'net-unreach': 'icmp-net-unreachable',
    'host-unreach': 'icmp-host-unreachable',
    'port-unreach': 'icmp-port-unreachable',
    'proto-unreach': 'icmp-proto-unreachable',
    'net-prohib': 'icmp-net-prohibited',
    'host-prohib': 'icmp-host-prohibited',
    'admin-prohib': 'icmp-admin-prohibited',
  }),
);
const REJECT_KINDS = [
  'icmp-net-unreachable',
  'icmp-host-unreachable',
  'icmp-port-unreachable',
  'icmp-proto-unreachable',
  'icmp-net-prohibited',
  'icmp-host-prohibited',
  'icmp-admin-prohibited',
  'tcp-reset',
];

const LOG_LEVELS = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];
/** syslog's "warning", the level LOG uses when none is given; iptables-save leaves it out. */
const LOG_DEFAULT_LEVEL = '4';

/** The kernel's LOG prefix holds 29 characters and a NUL; iptables cuts longer ones. */
const LOG_PREFIX_MAX = 29;

function logPrefixNote(text: string): string | undefined {
  return text.length > LOG_PREFIX_MAX
    ? `the kernel keeps only the first ${LOG_PREFIX_MAX} characters of a log prefix: "${text.slice(0, LOG_PREFIX_MAX)}"`
    : undefined;
}

function logLevel(text: string): string | undefined {
  const index = LOG_LEVELS.indexOf(text.toLowerCase());
  if (index >= 0) return String(index);
  return /^[0-7]$/.test(text) ? text : undefined;
}

/** Every target extension kpviz understands (chains and verdicts are not extensions). */
export const TARGET_SPECS: readonly ExtensionSpec[] = [
  {
    name: 'REJECT',
    options: [
      one('reject-with', (t) => {
        const kind = REJECT_ALIASES.get(t) ?? t;
        return REJECT_KINDS.includes(kind) ? kind : undefined;
      }),
    ],
    // The kernel always stores a kind; iptables-save prints the default too.
    canonicalise: (options) =>
      options.some((o) => o.name === 'reject-with')
        ? options
        : [...options, opt('reject-with', ['icmp-port-unreachable'])],
  },
  {
    name: 'DNAT',
    options: [{ ...one('to-destination'), aliases: ['to'] }, flag('random'), flag('persistent')],
  },
  {
    name: 'SNAT',
    options: [
      { ...one('to-source'), aliases: ['to'] },
      flag('random'),
      flag('random-fully'),
      flag('persistent'),
    ],
  },
  { name: 'MASQUERADE', options: [one('to-ports'), flag('random'), flag('random-fully')] },
  { name: 'REDIRECT', options: [one('to-ports'), flag('random')] },
  { name: 'MARK', options: markOptions(), canonicalise: markCanonical },
  {
    name: 'CONNMARK',
    options: [
      ...markOptions(),
      flag('save-mark'),
      flag('restore-mark'),
      one('nfmask'),
      one('ctmask'),
      one('mask'),
    ],
    canonicalise: connmarkCanonical,
  },
  {
    name: 'LOG',
    options: [
      {
        ...text('log-prefix', (t) => (t === '' ? undefined : t.slice(0, LOG_PREFIX_MAX))),
        note: logPrefixNote,
      },
      one('log-level', logLevel),
      flag('log-tcp-sequence'),
      flag('log-tcp-options'),
      flag('log-ip-options'),
      flag('log-uid'),
      flag('log-macdecode'),
    ],
    // iptables-save leaves out the default level.
    canonicalise: (options) =>
      options.filter((o) => !(o.name === 'log-level' && o.args[0] === LOG_DEFAULT_LEVEL)),
  },
  {
    name: 'NFLOG',
    options: [
      text('nflog-prefix'),
      one('nflog-group'),
      one('nflog-range'),
      one('nflog-size'),
      one('nflog-threshold'),
    ],
  },
  { name: 'TRACE', options: [] },
  { name: 'NOTRACK', options: [] },
  {
    name: 'CT',
    options: [
      flag('notrack'),
      one('helper'),
      one('ctevents'),
      one('expevents'),
      one('zone-orig'),
      one('zone-reply'),
      one('zone'),
      one('timeout'),
    ],
  },
  { name: 'TCPMSS', options: [one('set-mss'), flag('clamp-mss-to-pmtu')] },
  { name: 'CHECKSUM', options: [flag('checksum-fill')] },
  { name: 'TPROXY', options: [one('on-port'), one('on-ip'), one('tproxy-mark')] },
  {
    name: 'TOS',
    options: [
      one('set-tos', (t) => (t.includes('/') ? t : `${t}/0xff`)),
      one('and-tos'),
      one('or-tos'),
      one('xor-tos'),
    ],
  },
  { name: 'DSCP', options: [one('set-dscp'), one('set-dscp-class')] },
  { name: 'SET', options: [two('add-set'), two('del-set'), flag('exist'), one('timeout')] },
  { name: 'NETMAP', options: [one('to')] },
  { name: 'CLASSIFY', options: [one('set-class')] },
  { name: 'AUDIT', options: [one('type')] },
];

const BY_NAME = new Map(TARGET_SPECS.map((spec) => [spec.name, spec]));

export function targetSpec(name: string): ExtensionSpec | undefined {
  return BY_NAME.get(name);
}

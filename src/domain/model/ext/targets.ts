import type { Option } from '../ruleset.ts';
import { dscpClass, formatDscp, formatTos, hexByte } from './ip-header.ts';
import type { ExtensionSpec } from './spec.ts';
import { flag, one, opt, text, two } from './spec.ts';
import { connmarkCanonical, markCanonical, markOptions } from './target-marks.ts';
import { formatRange, formatU32, parseCUint, parsePort } from './values.ts';

/**
 * libipt_REJECT's kinds with their short aliases, in its table's order. The
 * value may be any case-insensitive prefix of either; the first entry it fits
 * wins (`icmp-h` is host-unreachable, `p` proto-unreachable).
 */
const REJECT_KINDS: readonly (readonly [string, string])[] = [
  ['icmp-net-unreachable', 'net-unreach'],
  ['icmp-host-unreachable', 'host-unreach'],
  ['icmp-proto-unreachable', 'proto-unreach'],
  ['icmp-port-unreachable', 'port-unreach'],
  ['icmp-net-prohibited', 'net-prohib'],
  ['icmp-host-prohibited', 'host-prohib'],
  ['tcp-reset', 'tcp-rst'],
  ['icmp-admin-prohibited', 'admin-prohib'],
];

function rejectWith(text: string): string | undefined {
  const lower = text.toLowerCase();
  return REJECT_KINDS.find(
    ([name, alias]) => name.startsWith(lower) || alias.startsWith(lower),
  )?.[0];
}

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

/** A `low-high` port range of the NAT targets (C numbers); `80-80` is `80`. */
function portRange(text: string): string | undefined {
  return formatRange(text.replace('-', ':'), parsePort, 65535)?.replace(':', '-');
}

/**
 * DNAT's/SNAT's `addr[-addr][:port[-port]]`: a range whose ends are equal
 * collapses (`10.0.0.1-10.0.0.1:80-80` → `10.0.0.1:80`). Addresses are kept
 * as written (iptables reads them with inet_pton: `010.0.0.1` is refused).
 */
function natRange(text: string): string | undefined {
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  // Without brackets, an IPv6 range carries no port (`fd00::1-fd00::2`).
  const colon = text.split(':').length > 2 ? -1 : text.indexOf(':');
  const [addresses, ports] = v6
    ? [v6[1] ?? '', v6[2]]
    : colon >= 0
      ? [text.slice(0, colon), text.slice(colon + 1)]
      : [text, undefined];
  const [low, high, extra] = addresses.split('-');
  if (extra !== undefined) return undefined;
  const address = high === undefined || high === low ? (low ?? '') : `${low}-${high}`;
  const port = ports === undefined ? undefined : portRange(ports);
  if (ports !== undefined && port === undefined) return undefined;
  const host = v6 && port !== undefined ? `[${address}]` : address;
  return port === undefined ? host : `${host}:${port}`;
}

const formatU8 = (t: string): string | undefined => parseCUint(t, 255)?.toString();

/**
 * TOS stores (value, mask) and iptables-save prints `--set-tos value/mask`:
 * `--or-tos 0x10` → `0x10/0x10`, `--and-tos 0x10` → `0x00/0xef`.
 */
function tosCanonical(options: readonly Option[]): readonly Option[] {
  return options.map((o) => {
    const bits = o.name === 'set-tos' ? undefined : parseCUint(o.args[0] ?? '', 255);
    if (bits === undefined) return o;
    const [value, mask] =
      o.name === 'and-tos' ? [0, ~bits & 0xff] : o.name === 'or-tos' ? [bits, bits] : [bits, 0];
    return opt('set-tos', [`${hexByte(value)}/${hexByte(mask)}`]);
  });
}

/** Every target extension kpviz understands (chains and verdicts are not extensions). */
export const TARGET_SPECS: readonly ExtensionSpec[] = [
  {
    name: 'REJECT',
    options: [one('reject-with', rejectWith)],
    // The kernel always stores a kind; iptables-save prints the default too.
    canonicalise: (options) =>
      options.some((o) => o.name === 'reject-with')
        ? options
        : [...options, opt('reject-with', ['icmp-port-unreachable'])],
  },
  {
    name: 'DNAT',
    options: [one('to-destination', natRange), flag('random'), flag('persistent')],
  },
  {
    name: 'SNAT',
    options: [one('to-source', natRange), flag('random'), flag('random-fully'), flag('persistent')],
  },
  {
    name: 'MASQUERADE',
    options: [one('to-ports', portRange), flag('random'), flag('random-fully')],
  },
  { name: 'REDIRECT', options: [one('to-ports', portRange), flag('random')] },
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
      one('nflog-group', formatU32),
      one('nflog-range', formatU32),
      one('nflog-size', formatU32),
      one('nflog-threshold', formatU32),
    ],
    // Group 0 and threshold 0 are the defaults; the nf_tables backend keeps
    // no --nflog-range (the kernel never used it).
    canonicalise: (options) =>
      options.filter(
        (o) =>
          o.name !== 'nflog-range' &&
          !((o.name === 'nflog-group' || o.name === 'nflog-threshold') && o.args[0] === '0'),
      ),
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
      one('set-tos', formatTos),
      one('and-tos', formatU8),
      one('or-tos', formatU8),
      one('xor-tos', formatU8),
    ],
    canonicalise: tosCanonical,
  },
  {
    name: 'DSCP',
    options: [one('set-dscp', formatDscp), one('set-dscp-class', dscpClass)],
    // A class is stored as its value.
    canonicalise: (options) =>
      options.map((o) => (o.name === 'set-dscp-class' ? opt('set-dscp', o.args) : o)),
  },
  {
    name: 'TTL',
    options: [
      one('ttl-set', formatU8),
      // Adding or taking 0 is refused.
      one('ttl-dec', (t) => (parseCUint(t, 255) ? formatU8(t) : undefined)),
      one('ttl-inc', (t) => (parseCUint(t, 255) ? formatU8(t) : undefined)),
    ],
  },
  { name: 'SET', options: [two('add-set'), two('del-set'), flag('exist'), one('timeout')] },
  { name: 'NETMAP', options: [one('to')] },
  { name: 'CLASSIFY', options: [one('set-class')] },
  { name: 'AUDIT', options: [one('type')] },
];

const BY_NAME = new Map(TARGET_SPECS.map((spec) => [spec.name, spec]));

export function targetSpec(name: string): ExtensionSpec | undefined {
  return BY_NAME.get(name);
}

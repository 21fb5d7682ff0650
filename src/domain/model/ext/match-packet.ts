import type { Option } from '../ruleset.ts';
import { dscpClass, formatDscp, formatTos } from './ip-header.ts';
import type { ExtensionSpec } from './spec.ts';
import { flag, one, opt, text } from './spec.ts';
import {
  formatIPv4,
  formatRange,
  formatU32,
  orderedFlagList,
  parseCUint,
  parseNumericIPv4,
} from './values.ts';

/** addrtype's types, in rtnetlink's numbering order, which is how iptables prints them. */
const ADDR_TYPES = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
];

/** A byte count (ttl) and a 16-bit range (length) as C numbers. */
const formatU8 = (t: string): string | undefined => parseCUint(t, 255)?.toString();
const u16Range = (t: string): string | undefined =>
  formatRange(t, (x) => parseCUint(x, 65535), 65535);

/** iprange's `a-b`, each end in iptables' numeric IPv4 form (`10.1` → `10.1.0.0`). */
function ipRange(text: string): string | undefined {
  const ends = text.split('-');
  if (ends.length > 2) return undefined;
  const values = ends.map((e) => parseNumericIPv4(e));
  if (values.some((v) => v === undefined)) return undefined;
  return values.map((v) => formatIPv4(v as number)).join('-');
}

/**
 * owner's user or group: a C number or a `low-high` range (`5-5` → `5`).
 * A name is looked up in the passwd/group files of the machine that loads
 * the rule; only root (0) is the same everywhere, so other names are kept.
 */
function ownerId(text: string): string | undefined {
  if (text === 'root') return '0';
  if (!/^[0-9+]/.test(text)) return text;
  const range = formatRange(text.replace('-', ':'), (x) => parseCUint(x, 0xffffffff), 0xffffffff);
  return range?.replace(':', '-');
}

/** A decoded `--hex-string`: plain characters outside `|…|`, hex byte pairs (spaces allowed) inside. */
function hexStringBytes(text: string): number[] | undefined {
  const bytes: number[] = [];
  const pieces = text.split('|');
  if (pieces.length % 2 === 0) return undefined;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    if (i % 2 === 0) {
      for (const c of piece) bytes.push(c.charCodeAt(0));
      continue;
    }
    const hex = piece.replace(/ /g, '');
    if (!/^([0-9a-f]{2})*$/i.test(hex)) return undefined;
    for (let j = 0; j < hex.length; j += 2) bytes.push(parseInt(hex.slice(j, j + 2), 16));
  }
  return bytes;
}

/**
 * libxt_string prints a pattern of printable characters with `--string`
 * (even one given as `--hex-string "|41 42|"`) and any other as
 * `--hex-string "|0a0b|"`; `--from 0` and `--to 65535` are the defaults.
 */
function stringCanonical(options: readonly Option[]): readonly Option[] {
  return options.flatMap((o) => {
    if ((o.name === 'from' && o.args[0] === '0') || (o.name === 'to' && o.args[0] === '65535'))
      return [];
    if (o.name !== 'hex-string') return [o];
    const bytes = hexStringBytes(o.args[0] ?? '');
    if (!bytes) return [o];
    if (bytes.every((b) => b >= 0x20 && b < 0x7f))
      return [opt('string', [String.fromCharCode(...bytes)], o.negated)];
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return [opt('hex-string', [`|${hex}|`], o.negated)];
  });
}

/** Matches on the packet itself, its interfaces, its socket, and comments. */
export const PACKET_MATCHES: readonly ExtensionSpec[] = [
  { name: 'comment', options: [text('comment')] },
  {
    name: 'addrtype',
    options: [
      one('src-type', (t) => orderedFlagList(ADDR_TYPES, t)),
      flag('limit-iface-in'),
      one('dst-type', (t) => orderedFlagList(ADDR_TYPES, t)),
      flag('limit-iface-out'),
    ],
  },
  {
    name: 'physdev',
    options: [
      one('physdev-in'),
      one('physdev-out'),
      flag('physdev-is-in'),
      flag('physdev-is-out'),
      flag('physdev-is-bridged'),
    ],
  },
  { name: 'iprange', options: [one('src-range', ipRange), one('dst-range', ipRange)] },
  { name: 'mac', options: [one('mac-source', (t) => t.toLowerCase())] },
  { name: 'pkttype', options: [one('pkt-type', (t) => t.toLowerCase())] },
  {
    name: 'owner',
    options: [flag('socket-exists'), one('uid-owner', ownerId), one('gid-owner', ownerId)],
  },
  { name: 'length', options: [one('length', u16Range)] },
  {
    name: 'ttl',
    options: [one('ttl-eq', formatU8, ['ttl']), one('ttl-lt', formatU8), one('ttl-gt', formatU8)],
  },
  { name: 'devgroup', options: [one('src-group'), one('dst-group')] },
  { name: 'cgroup', options: [text('path'), one('cgroup')] },
  {
    name: 'rpfilter',
    options: [flag('loose'), flag('validmark'), flag('accept-local'), flag('invert')],
  },
  { name: 'socket', options: [flag('transparent'), flag('nowildcard'), flag('restore-skmark')] },
  { name: 'tos', options: [one('tos', formatTos)] },
  {
    name: 'dscp',
    options: [one('dscp', formatDscp), one('dscp-class', dscpClass)],
    // A class is stored as its value.
    canonicalise: (options) =>
      options.map((o) => (o.name === 'dscp-class' ? opt('dscp', o.args, o.negated) : o)),
  },
  { name: 'u32', options: [one('u32')] },
  {
    name: 'policy',
    options: [
      one('dir'),
      one('pol'),
      flag('strict'),
      one('reqid'),
      one('spi'),
      one('proto'),
      one('mode'),
      one('tunnel-src'),
      one('tunnel-dst'),
      flag('next'),
    ],
  },
  {
    name: 'string',
    options: [
      text('string', undefined, 'always'),
      text('hex-string', undefined, 'always'),
      one('algo', (t) => (t === 'bm' || t === 'kmp' ? t : undefined)),
      one('from', formatU32),
      one('to', formatU32),
      flag('icase'),
    ],
    canonicalise: stringCanonical,
  },
];

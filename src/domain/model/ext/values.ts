/**
 * Value normalisers shared by the extension tables: each turns what a user
 * may type into what the kernel stores and iptables-save prints back.
 * They return `undefined` when the value is malformed.
 */
import { canonicalCidr6 } from './ipv6.ts';

/** strtoul's base-0 forms: `0x` hex, a leading `0` octal, else decimal (a `+` is allowed). */
const C_NUMBER = /^\+?(?:0[xX]([0-9a-fA-F]+)|0([0-7]*)|([1-9][0-9]*))$/;

/**
 * A number as libxtables reads one (xtables_strtoui with base 0, the whole
 * text): `0x10` and `16` and `020` are all 16; `08` is refused. Used for
 * marks, tcp ports, counts and each part of an IPv4 address.
 */
export function parseCUint(text: string, max: number): number | undefined {
  const m = C_NUMBER.exec(text);
  if (!m) return undefined;
  const value =
    m[1] !== undefined
      ? parseInt(m[1], 16)
      : m[2] !== undefined
        ? m[2] === ''
          ? 0
          : parseInt(m[2], 8)
        : Number(m[3]);
  return value <= max ? value : undefined;
}

/** `16384`, `0x4000` or `040000` → 0x4000; undefined outside 32 bits. */
export const parseU32 = (text: string): number | undefined => parseCUint(text, 0xffffffff);

/** A 32-bit count printed back in decimal (`--hitcount 0x3` → `3`). */
export function formatU32(text: string): string | undefined {
  const value = parseU32(text);
  return value === undefined ? undefined : String(value);
}

export const hex = (value: number): string => `0x${value.toString(16)}`;

/** `value[/mask]` as libxtables reads marks: the mask defaults to all ones. */
export function parseMarkMask(text: string): { mark: number; mask: number } | undefined {
  const [markText = '', maskText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const mark = parseU32(markText);
  const mask = maskText === undefined ? 0xffffffff : parseU32(maskText);
  return mark === undefined || mask === undefined ? undefined : { mark, mask };
}

/** How the mark match and the connmark match print a mark: the mask only when not all ones. */
export function formatMarkMatch(text: string): string | undefined {
  const parsed = parseMarkMask(text);
  if (!parsed) return undefined;
  return parsed.mask === 0xffffffff ? hex(parsed.mark) : `${hex(parsed.mark)}/${hex(parsed.mask)}`;
}

/** Ports by number; a few service names people type. */
const SERVICE_PORTS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    ssh: 22,
    domain: 53,
    http: 80,
    https: 443,
    smtp: 25,
    ntp: 123,
    bgp: 179,
  }),
);

/** A port as tcp, sctp, multiport and the NAT targets read it (xtables_parse_port: base 0). */
export function parsePort(text: string): number | undefined {
  return parseCUint(text, 65535) ?? SERVICE_PORTS.get(text);
}

/**
 * A port as udp and conntrack read it (xtables_getportbyname, through
 * getaddrinfo): decimal only (`010` is 10, `0x35` is no port), and the
 * number is cut to 16 bits (`70000` is 4464).
 */
export function parseServicePort(text: string): number | undefined {
  if (/^\+?[0-9]+$/.test(text)) return Number(text.replace('+', '')) % 65536;
  return SERVICE_PORTS.get(text);
}

/**
 * A port or range as the port matches print it: `80`, `80:90`; an open end
 * (`:80`, `1024:`) is filled in with 0 or the largest value, and `80:80`
 * becomes `80`. The same shape serves esp/ah SPI ranges (`max` 2^32-1).
 */
export function formatRange(
  text: string,
  parse: (text: string) => number | undefined,
  max: number,
): string | undefined {
  const parts = text.split(':');
  if (parts.length > 2) return undefined;
  const low = parts[0] === '' ? 0 : parse(parts[0] ?? '');
  const high = parts.length === 1 ? low : parts[1] === '' ? max : parse(parts[1] ?? '');
  if (low === undefined || high === undefined) return undefined;
  return low === high ? String(low) : `${low}:${high}`;
}

/** tcp's and sctp's port or range. */
export const formatPortRange = (text: string): string | undefined =>
  formatRange(text, parsePort, 65535);

/** udp's and conntrack's port or range (decimal; see parseServicePort). */
export const formatServicePortRange = (text: string): string | undefined =>
  formatRange(text, parseServicePort, 65535);

/** multiport's list: each element a port or a `low:high` range, at most 15 ports. */
export function formatPortList(text: string): string | undefined {
  const items = text.split(',').map((item) => formatPortRange(item));
  return items.every((item) => item !== undefined) ? items.join(',') : undefined;
}

/** Comma lists whose printed order is fixed by the kernel's bit order, not the user's. */
export function orderedFlagList(known: readonly string[], text: string): string | undefined {
  const given = text.split(',').map((item) => item.toUpperCase());
  if (!given.every((item) => known.includes(item))) return undefined;
  return known.filter((item) => given.includes(item)).join(',');
}

/** Collapse `a.b.c.d/nn` or a dotted mask to the kernel's canonical CIDR text. */
export function canonicalCidr(text: string): string | undefined {
  const [addressText = '', maskText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  if (addressText.includes(':')) return canonicalCidr6(addressText, maskText);
  const address = parseIPv4(addressText);
  if (address === undefined) return undefined;
  let prefix = 32;
  if (maskText !== undefined) {
    const mask = parseDottedMask(maskText);
    if (mask === undefined) {
      const bits = parseCUint(maskText, 32);
      if (bits === undefined) return undefined;
      prefix = bits;
    } else {
      const ones = prefixOfMask(mask);
      // A non-contiguous mask is legal in iptables and printed dotted.
      if (ones === undefined) return `${formatIPv4((address & mask) >>> 0)}/${formatIPv4(mask)}`;
      prefix = ones;
    }
  }
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `${formatIPv4((address & mask) >>> 0)}/${prefix}`;
}

/**
 * An IPv4 address as `-s`/`-d` read it. iptables' own numeric form comes
 * first (xtables_numeric_to_ipaddr): one to four parts, each a C number up to
 * 255, the missing ones zero: `10.1` → 10.1.0.0, `10` → 10.0.0.0,
 * `010.0.0.1` → 8.0.0.1. What that refuses goes to the resolver, whose
 * inet_aton forms fill the last part's missing bytes: `10.256` → 10.0.1.0,
 * `167772161` → 10.0.0.1.
 */
export function parseIPv4(text: string): number | undefined {
  return parseNumericIPv4(text) ?? parseInetAton(text);
}

/** xtables_numeric_to_ipaddr: up to four C numbers of a byte each, padded with zero bytes. */
export function parseNumericIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const octet = i < parts.length ? parseCUint(parts[i] as string, 255) : 0;
    if (octet === undefined) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** An all-four-parts dotted mask (`255.255.0.0`); masks get no short forms. */
function parseDottedMask(text: string): number | undefined {
  return text.split('.').length === 4 ? parseNumericIPv4(text) : undefined;
}

/** inet_aton's part: C digits, but no sign (`0x1f`, `017`, `15`). */
const ATON_PART = /^(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

/**
 * glibc's inet_aton (what getaddrinfo does with a numeric host): `a.b.c.d`,
 * `a.b.c` (c is 16 bits), `a.b` (b is 24 bits) or `a` (32 bits). conntrack's
 * addresses are read this way only: `--ctorigsrc 10.1.2` is 10.1.0.2.
 */
export function parseInetAton(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4 || !parts.every((p) => ATON_PART.test(p))) return undefined;
  const values = parts.map((p) => parseCUint(p, Number.MAX_SAFE_INTEGER) as number);
  const last = values.pop() as number;
  if (values.some((v) => v > 255)) return undefined;
  const lastBits = 8 * (4 - values.length);
  if (last >= 2 ** lastBits) return undefined;
  return values.reduce((acc, v, i) => acc + v * 2 ** (24 - 8 * i), 0) + last;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

function prefixOfMask(mask: number): number | undefined {
  for (let prefix = 0; prefix <= 32; prefix++) {
    if ((prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0) === mask) return prefix;
  }
  return undefined;
}

/**
 * conntrack's --ctorigsrc & co.: the address as inet_aton reads it, not
 * masked, printed bare for a single host and with its prefix length
 * otherwise (`10.1.2.3/255.0.0.0` → `10.1.2.3/8`).
 */
export function ctAddress(text: string): string | undefined {
  const [addressText = '', maskText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  if (addressText.includes(':')) return canonicalCidr(text)?.replace(/\/128$/, '');
  const address = parseInetAton(addressText);
  if (address === undefined) return undefined;
  let prefix: number | undefined = 32;
  if (maskText !== undefined) {
    const mask = parseDottedMask(maskText);
    prefix = mask === undefined ? parseCUint(maskText, 32) : prefixOfMask(mask);
  }
  if (prefix === undefined) return undefined;
  return prefix === 32 ? formatIPv4(address) : `${formatIPv4(address)}/${prefix}`;
}

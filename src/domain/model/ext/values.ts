/**
 * Value normalisers shared by the extension tables: each turns what a user
 * may type into what the kernel stores and iptables-save prints back.
 * They return `undefined` when the value is malformed.
 */

const HEX_OR_DEC = /^(0x[0-9a-f]+|[0-9]+)$/i;

/** `16384` or `0x4000` → 0x4000; undefined outside 32 bits. */
export function parseU32(text: string): number | undefined {
  if (!HEX_OR_DEC.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 0 && value <= 0xffffffff ? value : undefined;
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

export function parsePort(text: string): number | undefined {
  const named = SERVICE_PORTS.get(text);
  if (named !== undefined) return named;
  if (!/^[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 65535 ? value : undefined;
}

/**
 * A port or range as tcp/udp/sctp print it: `80`, `80:90`; an open end
 * (`:80`, `1024:`) is filled in with 0 or 65535, and `80:80` becomes `80`.
 */
export function formatPortRange(text: string): string | undefined {
  const parts = text.split(':');
  if (parts.length > 2) return undefined;
  const low = parts[0] === '' ? 0 : parsePort(parts[0] ?? '');
  const high = parts.length === 1 ? low : parts[1] === '' ? 65535 : parsePort(parts[1] ?? '');
  if (low === undefined || high === undefined) return undefined;
  return low === high ? String(low) : `${low}:${high}`;
}

/** multiport's list: each element a port or a `low:high` range, at most 15 ports. */
export function formatPortList(text: string): string | undefined {
  const items = text.split(',').map((item) => formatPortRange(item));
  return items.every((item) => item !== undefined) ? items.join(',') : undefined;
}

/**
 * statistic's probability: the kernel keeps round(p·2^31) as a 32-bit number
 * and iptables prints it back as that integer divided by 2^31 with 11 decimals,
 * so 0.33333 comes back as 0.33332999982.
 */
export function quantiseProbability(text: string): string | undefined {
  if (!/^([0-9]*\.)?[0-9]+(e-?[0-9]+)?$/i.test(text)) return undefined;
  const p = Number(text);
  if (!(p >= 0 && p <= 1)) return undefined;
  const stored = Math.round(p * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
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
    if (/^[0-9]{1,2}$/.test(maskText)) {
      prefix = Number(maskText);
      if (prefix > 32) return undefined;
    } else {
      const mask = parseIPv4(maskText);
      if (mask === undefined) return undefined;
      const ones = prefixOfMask(mask);
      // A non-contiguous mask is legal in iptables and printed dotted.
      if (ones === undefined) return `${formatIPv4((address & mask) >>> 0)}/${formatIPv4(mask)}`;
      prefix = ones;
    }
  }
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `${formatIPv4((address & mask) >>> 0)}/${prefix}`;
}

export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
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

/** Parses an IPv6 address (with `::` and an optional dotted IPv4 tail) into 8 groups. */
export function parseIPv6(text: string): number[] | undefined {
  let head = text;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // A dotted IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
    const v4 = parseIPv4(last);
    if (v4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined): number[] | undefined => {
    if (!part) return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  if (!left || !right) return undefined;
  const explicit = left.length + right.length;
  if (halves.length === 1) return explicit === 8 ? left : undefined;
  if (explicit > 7) return undefined;
  return [...left, ...new Array<number>(8 - explicit).fill(0), ...right];
}

/** RFC 5952 text, as ip6tables prints addresses: lower case, longest zero run as `::`. */
export function formatIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hexes = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hexes.join(':');
  return `${hexes.slice(0, bestStart).join(':')}::${hexes.slice(bestStart + bestLength).join(':')}`;
}

function canonicalCidr6(addressText: string, maskText: string | undefined): string | undefined {
  const groups = parseIPv6(addressText);
  if (!groups) return undefined;
  const prefix =
    maskText === undefined ? 128 : /^[0-9]{1,3}$/.test(maskText) ? Number(maskText) : NaN;
  if (!(prefix >= 0 && prefix <= 128)) return undefined;
  const masked = groups.map((g, i) => {
    const bits = Math.min(16, Math.max(0, prefix - i * 16));
    return bits === 0 ? 0 : g & ((0xffff << (16 - bits)) & 0xffff);
  });
  return `${formatIPv6(masked)}/${prefix}`;
}

/** IPv6 addresses as ip6tables reads and prints them. */

/** A strict dotted quad (inet_pton): four decimal bytes, as an IPv6 address's IPv4 tail. */
function parseDottedQuad(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Parses an IPv6 address (with `::` and an optional dotted IPv4 tail) into 8 groups. */
export function parseIPv6(text: string): number[] | undefined {
  let head = text;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // A dotted IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
    const v4 = parseDottedQuad(last);
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

/** `addr[/prefix]` with the host bits masked off, as ip6tables prints -s/-d. */
export function canonicalCidr6(
  addressText: string,
  maskText: string | undefined,
): string | undefined {
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

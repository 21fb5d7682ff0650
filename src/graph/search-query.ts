/**
 * What a search box query asks for: an address or network (`10.96.0.10`,
 * `10.244.0.0/16`, `fd00::1`), optionally with a port (`10.96.0.10:80`,
 * `[fd00::1]:80`), a port alone (`80`, `:80`), or text.
 */
import { ipFamilyOf, parseCIDR } from '../domain/kube/ip.ts';

/** Addresses lo–hi of one family, as numbers: a host, a network or a range. */
export interface AddressRange {
  readonly family: 'IPv4' | 'IPv6';
  readonly lo: bigint;
  readonly hi: bigint;
}

export type SearchQuery =
  | { readonly kind: 'address'; readonly range: AddressRange; readonly port?: number }
  | { readonly kind: 'port'; readonly port: number }
  | { readonly kind: 'text'; readonly text: string };

const bits = (family: AddressRange['family']): number => (family === 'IPv4' ? 32 : 128);

/**
 * An address, `address/prefix` or `first-last` as a range; undefined for
 * anything else.
 *
 * @example
 *   addressRange('10.0.0.0/8'); // { family: 'IPv4', lo: 167772160n, hi: 184549375n }
 */
export function addressRange(text: string): AddressRange | undefined {
  const dash = text.indexOf('-');
  if (dash > 0) {
    const lo = addressRange(text.slice(0, dash));
    const hi = addressRange(text.slice(dash + 1));
    return lo && hi && lo.family === hi.family
      ? { family: lo.family, lo: lo.lo, hi: hi.hi }
      : undefined;
  }
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const family = ipFamilyOf(host);
  if (!family) return undefined;
  const cidr = parseCIDR(slash < 0 ? `${host}/${bits(family)}` : text);
  if (!cidr) return undefined;
  const size = (1n << BigInt(bits(family) - cidr.prefix)) - 1n;
  return { family, lo: cidr.network, hi: cidr.network | size };
}

/** Whether two ranges share an address: an address inside a network, or two networks overlapping. */
export const overlaps = (a: AddressRange, b: AddressRange): boolean =>
  a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;

/** Ports written as `80`, `80:90`, `80-90`, `80,443,8000:8080`. */
export function portInSpec(port: number, spec: string): boolean {
  return spec.split(',').some((part) => {
    const [from, to = from] = part.split(/[:-]/);
    return Number(from) <= port && port <= Number(to);
  });
}

/**
 * Splits `host:port` (`10.0.0.1:80`, `[fd00::1]:80`, `10.0.0.1-10.0.0.3:80-90`)
 * into its host and port parts; a bare host has no port part.
 */
export function splitHostPort(text: string): { host: string; port?: string } {
  const bracket = /^\[([^\]]+)\](?::(.+))?$/.exec(text);
  if (bracket) return { host: bracket[1] as string, ...(bracket[2] ? { port: bracket[2] } : {}) };
  const colon = text.lastIndexOf(':');
  if (colon < 0 || text.indexOf(':') !== colon) return { host: text };
  return { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

const PORT = /^(?:port\s+|:)?(\d{1,5})$/i;

/**
 * @example
 *   parseQuery('10.96.0.10:80'); // { kind: 'address', range: …, port: 80 }
 *   parseQuery('32110'); // { kind: 'port', port: 32110 }
 *   parseQuery('nginx'); // { kind: 'text', text: 'nginx' }
 */
export function parseQuery(query: string): SearchQuery | undefined {
  const text = query.trim();
  if (text === '') return undefined;
  const port = PORT.exec(text);
  if (port && Number(port[1]) <= 65535) return { kind: 'port', port: Number(port[1]) };
  const whole = addressRange(text);
  if (whole) return { kind: 'address', range: whole };
  const { host, port: portText } = splitHostPort(text);
  const range = addressRange(host);
  if (range && portText !== undefined && /^\d{1,5}$/.test(portText)) {
    return { kind: 'address', range, port: Number(portText) };
  }
  return { kind: 'text', text: text.toLowerCase() };
}

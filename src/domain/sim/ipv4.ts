/**
 * IPv4 addresses as unsigned 32-bit numbers, and CIDRs as (network, mask), for
 * the simulator's hot path: a rule's `-d 10.0.0.1/32` is one AND and compare.
 */
import { formatIPv4 } from '../model/ext/values.ts';

export { formatIPv4 };

/**
 * A dotted quad of four decimal parts (as the kernel prints addresses) →
 * number, or undefined. Read by hand: a dump holds hundreds of thousands.
 */
export function parseAddress(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else return undefined;
  }
  if (digits === 0 || dots !== 3) return undefined;
  return value * 256 + part;
}

export interface Cidr {
  /** The network, already masked. */
  readonly network: number;
  readonly mask: number;
  /** Prefix length; undefined for a non-contiguous mask (`10.0.0.0/255.0.255.0`). */
  readonly prefix?: number;
}

export const maskOf = (prefix: number): number =>
  prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;

/** `a.b.c.d`, `a.b.c.d/n` or `a.b.c.d/m.m.m.m` → Cidr (a bare address is /32). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  if (slash < 0) return { network: address, mask: 0xffffffff, prefix: 32 };
  const maskText = text.slice(slash + 1);
  if (/^\d{1,2}$/.test(maskText)) {
    const prefix = Number(maskText);
    if (prefix > 32) return undefined;
    const mask = maskOf(prefix);
    return { network: (address & mask) >>> 0, mask, prefix };
  }
  const mask = parseAddress(maskText);
  if (mask === undefined) return undefined;
  let prefix: number | undefined;
  for (let p = 0; p <= 32; p++) if (maskOf(p) === mask) prefix = p;
  return { network: (address & mask) >>> 0, mask, ...(prefix === undefined ? {} : { prefix }) };
}

export const inCidr = (address: number, cidr: Cidr): boolean =>
  (address & cidr.mask) >>> 0 === cidr.network;

/** 127.0.0.0/8 */
export const isLoopback = (address: number): boolean => address >>> 24 === 127;
/** 224.0.0.0/4 */
export const isMulticast = (address: number): boolean => address >>> 28 === 14;
/** 0.0.0.0/8 */
export const isZeroNet = (address: number): boolean => address >>> 24 === 0;
export const LIMITED_BROADCAST = 0xffffffff;

/**
 * The little IP handling kube-proxy does on the way to its rules: tell the
 * family, re-print an address the way Go's `ParseIPSloppy(s).String()` does,
 * `net.JoinHostPort`, and CIDR containment.
 */
import { formatIPv6 } from '../model/ext/ipv6.ts';

export type IPFamily = 'IPv4' | 'IPv6';

interface ParsedIP {
  readonly family: IPFamily;
  readonly value: bigint;
}

/** Sloppy like Go's ParseIPSloppy: IPv4 octets may carry leading zeros (read as decimal). */
function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  let rest = text;
  let tail: number[] = [];
  const lastColon = rest.lastIndexOf(':');
  if (rest.includes('.', lastColon)) {
    const v4 = parseIPv4(rest.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    rest = `${rest.slice(0, lastColon + 1)}0`;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const back = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !back) return undefined;
  let all: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - back.length - (tail.length ? 1 : 0);
    if (missing < 1) return undefined;
    all = [...head, ...Array<number>(missing).fill(0), ...back];
  } else {
    all = head;
  }
  if (tail.length) all = [...all.slice(0, -1), ...tail];
  if (all.length !== 8) return undefined;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function parseIP(text: string): ParsedIP | undefined {
  if (text.includes(':')) {
    const value = parseIPv6(text);
    return value === undefined ? undefined : { family: 'IPv6', value };
  }
  const value = parseIPv4(text);
  return value === undefined ? undefined : { family: 'IPv4', value };
}

/** The family of an address, or undefined when it is not one. */
export function ipFamilyOf(text: string): IPFamily | undefined {
  return parseIP(text)?.family;
}

/** Go's net.IP.String(): dotted decimal, or RFC 5952 IPv6 (longest zero run ≥ 2 as ::). */
export function canonicalIP(text: string): string | undefined {
  const ip = parseIP(text);
  if (!ip) return undefined;
  if (ip.family === 'IPv4') {
    return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 255n)).join('.');
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) =>
    Number((ip.value >> s) & 0xffffn),
  );
  // Go prints an IPv4-mapped address (::ffff:a.b.c.d) as IPv4.
  if (ip.value >> 32n === 0xffffn) {
    return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 255n)).join('.');
  }
  return formatIPv6(groups);
}

/** Go's net.JoinHostPort: IPv6 hosts in brackets. */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** `ip/32` or `ip/128`: what old kube-proxy's utilproxy.ToCIDR wrote. */
export function toHostCIDR(ip: string): string {
  return ip.includes(':') ? `${ip}/128` : `${ip}/32`;
}

export interface CIDR {
  readonly family: IPFamily;
  readonly network: bigint;
  readonly prefix: number;
}

export function parseCIDR(text: string): CIDR | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = ip.family === 'IPv4' ? 32 : 128;
  if (prefix > bits) return undefined;
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { family: ip.family, network: ip.value & mask, prefix };
}

export function cidrContains(cidr: CIDR, address: string): boolean {
  const ip = parseIP(address);
  if (!ip || ip.family !== cidr.family) return false;
  const bits = cidr.family === 'IPv4' ? 32 : 128;
  const mask = ((1n << BigInt(cidr.prefix)) - 1n) << BigInt(bits - cidr.prefix);
  return (ip.value & mask) === cidr.network;
}

/** 0.0.0.0/0 or ::/0: "every address" for --nodeport-addresses. */
export function isZeroCIDR(cidr: CIDR): boolean {
  return cidr.prefix === 0;
}

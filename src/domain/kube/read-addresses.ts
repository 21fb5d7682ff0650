import { parseIPv6 } from '../model/ext/ipv6.ts';

/** One decimal byte, no leading zero: the API server refuses `010.0.0.1` (octal or decimal?). */
const BYTE = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${BYTE}(?:\\.${BYTE}){3}$`);

/**
 * The family of an IP address as Kubernetes writes them (`10.96.0.1`, `fd00::1`), or undefined
 * when the text is not one. Stricter than iptables' own reading: no short forms (`10.1`), no
 * leading zeros, no zone (`fe80::1%eth0`).
 *
 * @example ipFamily('10.96.0.10') // 4
 * @example ipFamily('10.96.0.256') // undefined
 */
export function ipFamily(text: string): 4 | 6 | undefined {
  if (IPV4.test(text)) return 4;
  if (text.includes(':') && !text.includes('%') && parseIPv6(text)) return 6;
  return undefined;
}

/**
 * Whether `text` is `address/prefix` (`203.0.113.0/24`, `2001:db8::/32`): what
 * loadBalancerSourceRanges and --cluster-cidr hold.
 *
 * @example isCidr('203.0.113.0/24') // true
 * @example isCidr('203.0.113.0') // false
 */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const family = ipFamily(text.slice(0, slash));
  const prefix = text.slice(slash + 1);
  if (family === undefined || !/^(?:0|[1-9][0-9]{0,2})$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

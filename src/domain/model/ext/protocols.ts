/**
 * Protocol names iptables prints for `-p`, by number (from /etc/protocols as
 * Debian ships it). `-p 6` and `-p TCP` are both stored as 6 and printed `tcp`.
 */
const PROTOCOLS: Readonly<Record<number, string>> = {
  1: 'icmp',
  2: 'igmp',
  4: 'ipencap',
  6: 'tcp',
  17: 'udp',
  41: 'ipv6',
  47: 'gre',
  50: 'esp',
  51: 'ah',
  58: 'ipv6-icmp',
  89: 'ospf',
  94: 'ipip',
  103: 'pim',
  112: 'vrrp',
  132: 'sctp',
  136: 'udplite',
};

const BY_NAME = new Map(Object.entries(PROTOCOLS).map(([n, name]) => [name, Number(n)]));

/**
 * The canonical text of a `-p` value: a known name, else the number. `all` (and
 * 0) means "any protocol" and returns 'all'; undefined when it is neither.
 */
export function canonicalProtocol(text: string): string | undefined {
  const lower = text.toLowerCase();
  if (lower === 'all' || lower === '0') return 'all';
  if (BY_NAME.has(lower)) return lower;
  if (lower === 'icmpv6') return 'ipv6-icmp';
  if (!/^[0-9]{1,3}$/.test(lower) || Number(lower) > 255) return undefined;
  return PROTOCOLS[Number(lower)] ?? lower;
}

/** A protocol's number as text (`udp` → `17`), as conntrack's --ctproto prints it. */
export function protocolNumber(text: string): string | undefined {
  const canonical = canonicalProtocol(text);
  if (canonical === undefined) return undefined;
  if (canonical === 'all') return '0';
  return String(BY_NAME.get(canonical) ?? canonical);
}

import { parseCUint } from './values.ts';

/**
 * IP protocols as iptables names them: Debian netbase's /etc/protocols, the
 * table getprotobyname/getprotobynumber read on the machine that runs
 * iptables. Each entry is [number, name, ...aliases].
 */
const NETBASE: readonly (readonly [number, string, ...string[]])[] = [
  [0, 'ip', 'IP'],
  [0, 'hopopt', 'HOPOPT'],
  [1, 'icmp', 'ICMP'],
  [2, 'igmp', 'IGMP'],
  [3, 'ggp', 'GGP'],
  [4, 'ipencap', 'IP-ENCAP'],
  [5, 'st', 'ST'],
  [6, 'tcp', 'TCP'],
  [8, 'egp', 'EGP'],
  [9, 'igp', 'IGP'],
  [12, 'pup', 'PUP'],
  [17, 'udp', 'UDP'],
  [20, 'hmp', 'HMP'],
  [22, 'xns-idp', 'XNS-IDP'],
  [27, 'rdp', 'RDP'],
  [29, 'iso-tp4', 'ISO-TP4'],
  [33, 'dccp', 'DCCP'],
  [36, 'xtp', 'XTP'],
  [37, 'ddp', 'DDP'],
  [38, 'idpr-cmtp', 'IDPR-CMTP'],
  [41, 'ipv6', 'IPv6'],
  [43, 'ipv6-route', 'IPv6-Route'],
  [44, 'ipv6-frag', 'IPv6-Frag'],
  [45, 'idrp', 'IDRP'],
  [46, 'rsvp', 'RSVP'],
  [47, 'gre', 'GRE'],
  [50, 'esp', 'IPSEC-ESP'],
  [51, 'ah', 'IPSEC-AH'],
  [57, 'skip', 'SKIP'],
  [58, 'ipv6-icmp', 'IPv6-ICMP'],
  [59, 'ipv6-nonxt', 'IPv6-NoNxt'],
  [60, 'ipv6-opts', 'IPv6-Opts'],
  [73, 'rspf', 'RSPF', 'CPHB'],
  [81, 'vmtp', 'VMTP'],
  [88, 'eigrp', 'EIGRP'],
  [89, 'ospf', 'OSPFIGP'],
  [93, 'ax.25', 'AX.25'],
  [94, 'ipip', 'IPIP'],
  [97, 'etherip', 'ETHERIP'],
  [98, 'encap', 'ENCAP'],
  [103, 'pim', 'PIM'],
  [108, 'ipcomp', 'IPCOMP'],
  [112, 'vrrp', 'VRRP'],
  [115, 'l2tp', 'L2TP'],
  [124, 'isis', 'ISIS'],
  [132, 'sctp', 'SCTP'],
  [133, 'fc', 'FC'],
  [135, 'mobility-header', 'Mobility-Header'],
  [136, 'udplite', 'UDPLite'],
  [137, 'mpls-in-ip', 'MPLS-in-IP'],
  [138, 'manet'],
  [139, 'hip', 'HIP'],
  [140, 'shim6', 'Shim6'],
  [141, 'wesp', 'WESP'],
  [142, 'rohc', 'ROHC'],
  [143, 'ethernet', 'Ethernet'],
  [262, 'mptcp', 'MPTCP'],
];

/**
 * Names libxtables knows without /etc/protocols (xtables_chain_protos), tried
 * after it: only `icmpv6` and `mh` are not netbase names too.
 */
const BUILT_IN: ReadonlyMap<string, number> = new Map([
  ['icmpv6', 58],
  ['mh', 135],
]);

const BY_NAME = new Map<string, number>();
const BY_NUMBER = new Map<number, string>();
for (const [number, ...names] of NETBASE) {
  for (const name of names) if (!BY_NAME.has(name)) BY_NAME.set(name, number);
  if (!BY_NUMBER.has(number)) BY_NUMBER.set(number, names[0]);
}

/**
 * A `-p` value as xtables_parse_protocol reads it, after iptables lower-cased
 * it: a C number up to 255, `all`, a netbase name (getprotobyname compares
 * case-sensitively, so the upper-case aliases never match a lower-cased
 * word: `-p IPSEC-ESP` is refused), then a built-in name.
 */
function protocolNumberOf(text: string): number | undefined {
  const lower = text.toLowerCase();
  const numeric = parseCUint(lower, 255);
  if (numeric !== undefined) return numeric;
  if (lower === 'all') return 0;
  return BY_NAME.get(lower) ?? BUILT_IN.get(lower);
}

/**
 * The canonical text of a `-p` value: the netbase name of its number, else the
 * number (`-p 33` → `dccp`, `-p mh` → `mobility-header`, `-p 200` → `200`).
 * 0 means "any protocol" and returns 'all'; undefined when it is neither.
 * The rule keeps one byte: `mptcp` (262) is stored, and printed, as `tcp`.
 */
export function canonicalProtocol(text: string): string | undefined {
  const number = protocolNumberOf(text);
  if (number === undefined) return undefined;
  const stored = number & 0xff;
  return stored === 0 ? 'all' : (BY_NUMBER.get(stored) ?? String(stored));
}

/** A protocol's number as text (`udp` → `17`, `mptcp` → `6`), as conntrack's --ctproto prints it. */
export function protocolNumber(text: string): string | undefined {
  const number = protocolNumberOf(text);
  return number === undefined ? undefined : String(number & 0xff);
}

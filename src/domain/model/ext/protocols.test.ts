import { describe, expect, it } from 'vitest';
import { canonicalProtocol, protocolNumber } from './protocols.ts';

describe('canonicalProtocol (-p)', () => {
  // Each as iptables-save 1.8.9 printed it back on Debian with netbase.
  it.each([
    { name: 'dccp by number', input: '33', out: 'dccp' },
    { name: 'mh (built-in name)', input: 'mh', out: 'mobility-header' },
    { name: 'mh in capitals', input: 'MH', out: 'mobility-header' },
    { name: 'mobility-header by number', input: '135', out: 'mobility-header' },
    { name: 'icmpv6', input: 'icmpv6', out: 'ipv6-icmp' },
    { name: 'ipv6-icmp in mixed case', input: 'IPv6-ICMP', out: 'ipv6-icmp' },
    { name: 'egp in octal', input: '010', out: 'egp' },
    { name: 'tcp in hex', input: '0x06', out: 'tcp' },
    { name: 'plus sign', input: '+6', out: 'tcp' },
    { name: 'xns-idp', input: '22', out: 'xns-idp' },
    { name: 'ggp', input: '3', out: 'ggp' },
    { name: 'st', input: '5', out: 'st' },
    { name: 'ipencap', input: '4', out: 'ipencap' },
    { name: 'ipv6-route', input: '43', out: 'ipv6-route' },
    { name: 'manet (no alias)', input: 'manet', out: 'manet' },
    { name: 'ax.25', input: 'ax.25', out: 'ax.25' },
    { name: 'unnamed number', input: '255', out: '255' },
    { name: 'ip is any', input: 'ip', out: 'all' },
    { name: 'hopopt is any', input: 'HOPOPT', out: 'all' },
    { name: 'all', input: 'ALL', out: 'all' },
    // 262 is kept in the rule's one byte: 6.
    { name: 'mptcp is stored as tcp', input: 'mptcp', out: 'tcp' },
    { name: '262 is refused as a number', input: '262', out: undefined },
    // iptables lower-cases -p; getprotobyname compares case-sensitively.
    { name: 'alias IPSEC-ESP never matches', input: 'IPSEC-ESP', out: undefined },
    { name: 'alias OSPFIGP never matches', input: 'ospfigp', out: undefined },
    { name: 'unknown', input: 'ipv6-crypt', out: undefined },
    { name: 'bare 0x', input: '0x', out: undefined },
  ])('$name', ({ input, out }) => {
    expect(canonicalProtocol(input)).toBe(out);
  });
});

describe('protocolNumber (--ctproto)', () => {
  it.each([
    { name: 'udp', input: 'udp', out: '17' },
    { name: 'octal', input: '010', out: '8' },
    { name: 'ipv6', input: 'ipv6', out: '41' },
    { name: 'mptcp', input: 'mptcp', out: '6' },
  ])('$name', ({ input, out }) => {
    expect(protocolNumber(input)).toBe(out);
  });
});

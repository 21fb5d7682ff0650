import { describe, expect, it } from 'vitest';
import type { ExtensionSpec } from './spec.ts';
import { targetSpec } from './targets.ts';
import { canonicalText } from './test-helpers.ts';

/** Input options → what iptables-save 1.8.9 (nf_tables) printed for them, target by target. */
const CASES: readonly { name: string; target: string; input: string; out: string }[] = [
  { name: 'TOS --or-tos', target: 'TOS', input: '--or-tos 0x10', out: '--set-tos 0x10/0x10' },
  { name: 'TOS --and-tos', target: 'TOS', input: '--and-tos 0x10', out: '--set-tos 0x00/0xef' },
  {
    name: 'TOS --and-tos 0xff',
    target: 'TOS',
    input: '--and-tos 0xff',
    out: '--set-tos 0x00/0x00',
  },
  {
    name: 'TOS --xor-tos octal',
    target: 'TOS',
    input: '--xor-tos 010',
    out: '--set-tos 0x08/0x00',
  },
  { name: 'TOS --set-tos', target: 'TOS', input: '--set-tos 0x10', out: '--set-tos 0x10/0xff' },
  { name: 'TOS --set-tos 8', target: 'TOS', input: '--set-tos 8', out: '--set-tos 0x08/0xff' },
  {
    name: 'TOS --set-tos name',
    target: 'TOS',
    input: '--set-tos Minimize-Delay',
    out: '--set-tos 0x10/0x3f',
  },
  {
    name: 'TOS --or-tos takes no name',
    target: 'TOS',
    input: '--or-tos Minimize-Delay',
    out: 'invalid --or-tos',
  },
  { name: 'DSCP --set-dscp', target: 'DSCP', input: '--set-dscp 46', out: '--set-dscp 0x2e' },
  { name: 'DSCP --set-dscp 0', target: 'DSCP', input: '--set-dscp 0', out: '--set-dscp 0x00' },
  { name: 'DSCP class', target: 'DSCP', input: '--set-dscp-class af11', out: '--set-dscp 0x0a' },
  { name: 'TTL set', target: 'TTL', input: '--ttl-set 64', out: '--ttl-set 64' },
  { name: 'TTL set 0', target: 'TTL', input: '--ttl-set 0', out: '--ttl-set 0' },
  { name: 'TTL dec octal', target: 'TTL', input: '--ttl-dec 010', out: '--ttl-dec 8' },
  { name: 'TTL inc', target: 'TTL', input: '--ttl-inc 1', out: '--ttl-inc 1' },
  { name: 'TTL inc 0', target: 'TTL', input: '--ttl-inc 0', out: 'invalid --ttl-inc' },
  { name: 'TTL set 256', target: 'TTL', input: '--ttl-set 256', out: 'invalid --ttl-set' },
  { name: 'TTL abbreviated', target: 'TTL', input: '--ttl-s 5', out: '--ttl-set 5' },
  { name: 'NFLOG group 0', target: 'NFLOG', input: '--nflog-group 0', out: '' },
  {
    name: 'NFLOG group octal',
    target: 'NFLOG',
    input: '--nflog-group 010 --nflog-threshold 1',
    out: '--nflog-group 8 --nflog-threshold 1',
  },
  {
    name: 'NFLOG range dropped',
    target: 'NFLOG',
    input: '--nflog-range 5 --nflog-threshold 0',
    out: '',
  },
  { name: 'NFLOG size 0 kept', target: 'NFLOG', input: '--nflog-size 0', out: '--nflog-size 0' },
  {
    name: 'DNAT equal ends collapse',
    target: 'DNAT',
    input: '--to-destination 10.0.0.1-10.0.0.1:80-80',
    out: '--to-destination 10.0.0.1:80',
  },
  {
    name: 'DNAT ports in C numbers',
    target: 'DNAT',
    input: '--to 10.0.0.1:0x50-0120',
    out: '--to-destination 10.0.0.1:80',
  },
  {
    name: 'DNAT real range kept',
    target: 'DNAT',
    input: '--to-destination 10.0.0.1-10.0.0.2:80-80',
    out: '--to-destination 10.0.0.1-10.0.0.2:80',
  },
  {
    name: 'DNAT port only',
    target: 'DNAT',
    input: '--to-destination :80',
    out: '--to-destination :80',
  },
  {
    name: 'DNAT IPv6',
    target: 'DNAT',
    input: '--to-destination [fd00::1]:80-80',
    out: '--to-destination [fd00::1]:80',
  },
  {
    name: 'DNAT IPv6 range',
    target: 'DNAT',
    input: '--to-destination fd00::1-fd00::1',
    out: '--to-destination fd00::1',
  },
  {
    name: 'SNAT',
    target: 'SNAT',
    input: '--to-source 1.2.3.4-1.2.3.4:1000-1000',
    out: '--to-source 1.2.3.4:1000',
  },
  {
    name: 'REDIRECT equal ends',
    target: 'REDIRECT',
    input: '--to-ports 80-80',
    out: '--to-ports 80',
  },
  { name: 'REDIRECT octal', target: 'REDIRECT', input: '--to-ports 010', out: '--to-ports 8' },
  {
    name: 'REJECT prefix',
    target: 'REJECT',
    input: '--reject-with icmp-host-prohib',
    out: '--reject-with icmp-host-prohibited',
  },
  {
    name: 'REJECT alias in capitals',
    target: 'REJECT',
    input: '--reject-with HOST-UNREACH',
    out: '--reject-with icmp-host-unreachable',
  },
  {
    name: 'REJECT first fit wins',
    target: 'REJECT',
    input: '--reject-with icmp',
    out: '--reject-with icmp-net-unreachable',
  },
  {
    name: 'REJECT icmp-h',
    target: 'REJECT',
    input: '--reject-with icmp-h',
    out: '--reject-with icmp-host-unreachable',
  },
  {
    name: 'REJECT p',
    target: 'REJECT',
    input: '--reject-with p',
    out: '--reject-with icmp-proto-unreachable',
  },
  {
    name: 'REJECT a',
    target: 'REJECT',
    input: '--reject-with a',
    out: '--reject-with icmp-admin-prohibited',
  },
  {
    name: 'REJECT TCP-RST',
    target: 'REJECT',
    input: '--reject-with TCP-RST',
    out: '--reject-with tcp-reset',
  },
  {
    name: 'REJECT too long',
    target: 'REJECT',
    input: '--reject-with icmp-port-unreachableX',
    out: 'invalid --reject-with',
  },
  {
    name: 'REJECT echo-reply',
    target: 'REJECT',
    input: '--reject-with echo-reply',
    out: 'invalid --reject-with',
  },
  {
    name: 'MARK octal',
    target: 'MARK',
    input: '--set-mark 010',
    out: '--set-xmark 0x8/0xffffffff',
  },
];

describe('target options as iptables-save prints them', () => {
  it.each(CASES)('$name', ({ target, input, out }) => {
    expect(canonicalText(targetSpec(target) as ExtensionSpec, input)).toBe(out);
  });
});

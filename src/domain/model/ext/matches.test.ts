import { describe, expect, it } from 'vitest';
import { matchSpec, PROTOCOL_MODULES, TCP_FLAGS } from './matches.ts';
import type { ExtensionSpec } from './spec.ts';
import { canonicalText } from './test-helpers.ts';

/** Input options → what iptables-save 1.8.9 (nf_tables) printed for them, module by module. */
const CASES: readonly { name: string; module: string; input: string; out: string }[] = [
  // tcp prints --tcp-option before --tcp-flags.
  {
    name: 'tcp option order',
    module: 'tcp',
    input: '--tcp-flags SYN SYN --tcp-option 2 --dport 3 --sport 4',
    out: '--sport 4 --dport 3 --tcp-option 2 --tcp-flags SYN SYN',
  },
  { name: 'tcp port in octal', module: 'tcp', input: '--dport 010', out: '--dport 8' },
  { name: 'tcp port in hex', module: 'tcp', input: '--dport 0x50', out: '--dport 80' },
  { name: 'tcp range in C numbers', module: 'tcp', input: '--dport 010:0x20', out: '--dport 8:32' },
  { name: 'tcp 08 is no number', module: 'tcp', input: '--dport 08', out: 'invalid --dport' },
  { name: 'tcp 65536', module: 'tcp', input: '--dport 65536', out: 'invalid --dport' },
  { name: 'tcp abbreviated --dp', module: 'tcp', input: '--dp 80', out: '--dport 80' },
  { name: 'tcp option number', module: 'tcp', input: '--tcp-option 010', out: '--tcp-option 8' },
  // udp reads ports through getaddrinfo: decimal, cut to 16 bits.
  { name: 'udp port 010 is decimal', module: 'udp', input: '--dport 010', out: '--dport 10' },
  { name: 'udp hex is no port', module: 'udp', input: '--dport 0x35', out: 'invalid --dport' },
  { name: 'udp 70000 wraps', module: 'udp', input: '--dport 70000', out: '--dport 4464' },
  { name: 'udp open range', module: 'udp', input: '--dport :0100', out: '--dport 0:100' },
  { name: 'sctp reads C numbers', module: 'sctp', input: '--sport 010:0x20', out: '--sport 8:32' },
  { name: 'esp spi', module: 'esp', input: '--espspi 100', out: '--espspi 100' },
  { name: 'esp equal ends', module: 'esp', input: '--espspi 0x10:0x10', out: '--espspi 16' },
  { name: 'esp open end', module: 'esp', input: '--espspi 5:', out: '--espspi 5:4294967295' },
  { name: 'esp whole range', module: 'esp', input: '! --espspi 0:4294967295', out: '' },
  { name: 'ah negated', module: 'ah', input: '! --ahspi 0x10', out: '! --ahspi 16' },
  {
    name: 'multiport C numbers',
    module: 'multiport',
    input: '--dports 22,010:0x20',
    out: '--dports 22,8:32',
  },
  // icmp: libxt_icmp's names, by case-insensitive unambiguous prefix.
  { name: 'icmp 255 is any', module: 'icmp', input: '--icmp-type 255', out: '--icmp-type any' },
  { name: 'icmp 255/3 is any', module: 'icmp', input: '--icmp-type 255/3', out: '--icmp-type any' },
  {
    name: 'icmp host-prohibited',
    module: 'icmp',
    input: '--icmp-type host-prohibited',
    out: '--icmp-type 3/10',
  },
  {
    name: 'icmp prefix, upper case',
    module: 'icmp',
    input: '--icmp-type HOST-PROHIB',
    out: '--icmp-type 3/10',
  },
  {
    name: 'icmp ambiguous echo',
    module: 'icmp',
    input: '--icmp-type echo',
    out: 'invalid --icmp-type',
  },
  {
    name: 'icmp ambiguous re',
    module: 'icmp',
    input: '--icmp-type re',
    out: 'invalid --icmp-type',
  },
  { name: 'icmp an is any', module: 'icmp', input: '--icmp-type an', out: '--icmp-type any' },
  { name: 'icmp ping', module: 'icmp', input: '--icmp-type ping', out: '--icmp-type 8' },
  {
    name: 'icmp ttl-exceeded',
    module: 'icmp',
    input: '--icmp-type ttl-exceeded',
    out: '--icmp-type 11',
  },
  {
    name: 'icmp ttl_exceeded is refused',
    module: 'icmp',
    input: '--icmp-type ttl_exceeded',
    out: 'invalid --icmp-type',
  },
  {
    name: 'icmp TOS-host-redirect',
    module: 'icmp',
    input: '--icmp-type tos-host-redirect',
    out: '--icmp-type 5/3',
  },
  {
    name: 'icmp reassembly',
    module: 'icmp',
    input: '--icmp-type ttl-zero-during-reassembly',
    out: '--icmp-type 11/1',
  },
  {
    name: 'icmp required-option-missing',
    module: 'icmp',
    input: '--icmp-type required-option-missing',
    out: '--icmp-type 12/1',
  },
  { name: 'icmp octal type', module: 'icmp', input: '--icmp-type 010', out: '--icmp-type 8' },
  { name: 'icmp hex code', module: 'icmp', input: '--icmp-type 3/0x0a', out: '--icmp-type 3/10' },
  { name: 'icmp type/0 kept', module: 'icmp', input: '--icmp-type 8/0', out: '--icmp-type 8/0' },
  { name: 'icmp 256', module: 'icmp', input: '--icmp-type 256', out: 'invalid --icmp-type' },
];

describe('match options as iptables-save prints them', () => {
  it.each(CASES)('$name', ({ module, input, out }) => {
    expect(canonicalText(matchSpec(module) as ExtensionSpec, input)).toBe(out);
  });
});

describe('implicit protocol matches', () => {
  it.each([
    { name: 'esp (-p esp --espspi 100)', module: 'esp', loaded: true },
    { name: 'ah', module: 'ah', loaded: true },
    { name: 'tcp', module: 'tcp', loaded: true },
    { name: 'not multiport', module: 'multiport', loaded: false },
  ])('$name', ({ module, loaded }) => {
    expect(PROTOCOL_MODULES.includes(module)).toBe(loaded);
  });
});

describe('TCP_FLAGS', () => {
  it('lists the flags in libxt_tcp print order', () => {
    expect(TCP_FLAGS).toEqual(['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG']);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalCidr, formatPortRange, quantiseProbability } from './values.ts';

describe('canonicalCidr', () => {
  it.each([
    { name: 'IPv4 host', input: '10.0.0.1', out: '10.0.0.1/32' },
    { name: 'IPv4 network with host bits', input: '192.168.1.77/24', out: '192.168.1.0/24' },
    { name: 'IPv4 any', input: '0/0', out: undefined },
    { name: 'IPv4 /0', input: '1.2.3.4/0', out: '0.0.0.0/0' },
    {
      name: 'non-contiguous mask stays dotted',
      input: '10.0.0.0/255.0.255.0',
      out: '10.0.0.0/255.0.255.0',
    },
    { name: 'octet out of range', input: '10.0.0.256', out: undefined },
    { name: 'prefix out of range', input: '10.0.0.0/33', out: undefined },
    { name: 'IPv6 loopback', input: '::1', out: '::1/128' },
    {
      name: 'IPv6 compresses the longest zero run',
      input: '2001:db8:0:0:1:0:0:1',
      out: '2001:db8::1:0:0:1/128',
    },
    {
      name: 'IPv6 upper case and leading zeros',
      input: 'FD00:AB34:0000::0020',
      out: 'fd00:ab34::20/128',
    },
    { name: 'IPv6 prefix masks host bits', input: 'fd00::1234/112', out: 'fd00::/112' },
    { name: 'IPv6 with IPv4 tail', input: '::ffff:10.0.0.1', out: '::ffff:a00:1/128' },
    { name: 'IPv6 with two ::', input: '1::2::3', out: undefined },
    {
      name: 'IPv6 single zero group is not compressed',
      input: '1:0:2:3:4:5:6:7',
      out: '1:0:2:3:4:5:6:7/128',
    },
  ])('$name', ({ input, out }) => {
    expect(canonicalCidr(input)).toBe(out);
  });
});

describe('formatPortRange', () => {
  it.each([
    ['80', '80'],
    ['80:80', '80'],
    [':1024', '0:1024'],
    ['1024:', '1024:65535'],
    ['http', '80'],
    ['65536', undefined],
    ['1:2:3', undefined],
  ])('%s → %s', (input, out) => {
    expect(formatPortRange(input)).toBe(out);
  });
});

describe('quantiseProbability', () => {
  // round(p·2^31)/2^31 printed with 11 decimals, as the kernel and iptables do.
  it.each([
    ['0.33333', '0.33332999982'],
    ['0.3333333333', '0.33333333349'],
    ['0.5', '0.50000000000'],
    ['0.25', '0.25000000000'],
    ['1', '1.00000000000'],
    ['0', '0.00000000000'],
    ['1.5', undefined],
    ['abc', undefined],
  ])('%s → %s', (input, out) => {
    expect(quantiseProbability(input)).toBe(out);
  });
});

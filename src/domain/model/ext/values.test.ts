import { describe, expect, it } from 'vitest';
import { limitRate } from './rates.ts';
import { canonicalCidr, formatPortRange, formatServicePortRange, parseCUint } from './values.ts';

describe('canonicalCidr', () => {
  it.each([
    { name: 'IPv4 host', input: '10.0.0.1', out: '10.0.0.1/32' },
    { name: 'IPv4 network with host bits', input: '192.168.1.77/24', out: '192.168.1.0/24' },
    { name: 'IPv4 any, short form', input: '0/0', out: '0.0.0.0/0' },
    { name: 'IPv4 /0', input: '1.2.3.4/0', out: '0.0.0.0/0' },
    {
      name: 'non-contiguous mask stays dotted',
      input: '10.0.0.0/255.0.255.0',
      out: '10.0.0.0/255.0.255.0',
    },
    { name: 'octet out of range', input: '10.0.0.256', out: undefined },
    // iptables' numeric form: C numbers, missing parts are zero bytes.
    { name: 'octal first part', input: '010.0.0.1', out: '8.0.0.1/32' },
    { name: 'hex part', input: '0x0a.1.2.3', out: '10.1.2.3/32' },
    { name: 'octal last part', input: '10.0.0.010', out: '10.0.0.8/32' },
    { name: '08 is no number, nor for the resolver', input: '10.0.0.08', out: undefined },
    { name: 'two parts', input: '10.1', out: '10.1.0.0/32' },
    { name: 'three parts', input: '1.2.3', out: '1.2.3.0/32' },
    { name: 'one part', input: '10', out: '10.0.0.0/32' },
    { name: 'short form with prefix', input: '10.1/16', out: '10.1.0.0/16' },
    // What that refuses, the resolver reads as inet_aton does.
    { name: 'inet_aton: b is 24 bits', input: '10.256', out: '10.0.1.0/32' },
    { name: 'inet_aton: b is 24 bits, 65536', input: '10.65536', out: '10.1.0.0/32' },
    { name: 'inet_aton: one 32-bit number', input: '167772161', out: '10.0.0.1/32' },
    { name: 'prefix length in octal', input: '1.2.3.4/010', out: '1.0.0.0/8' },
    { name: 'prefix length in hex', input: '1.2.3.4/0x10', out: '1.2.0.0/16' },
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

describe('formatPortRange (tcp, sctp: C numbers)', () => {
  it.each([
    ['80', '80'],
    ['010', '8'],
    ['0x50', '80'],
    ['1:010', '1:8'],
    ['08', undefined],
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

describe('parseCUint (strtoul base 0)', () => {
  it.each([
    { name: 'decimal', input: '16', max: 255, out: 16 },
    { name: 'hex', input: '0x10', max: 255, out: 16 },
    { name: 'upper-case hex', input: '0X1F', max: 255, out: 31 },
    { name: 'octal', input: '010', max: 255, out: 8 },
    { name: 'zero', input: '0', max: 255, out: 0 },
    { name: 'plus sign', input: '+6', max: 255, out: 6 },
    { name: '8 is no octal digit', input: '08', max: 255, out: undefined },
    { name: 'bare 0x', input: '0x', max: 255, out: undefined },
    { name: 'over the maximum', input: '256', max: 255, out: undefined },
    { name: 'minus', input: '-1', max: 255, out: undefined },
    { name: 'trailing garbage', input: '5x', max: 255, out: undefined },
    { name: 'all ones', input: '0xffffffff', max: 0xffffffff, out: 0xffffffff },
  ])('$name', ({ input, max, out }) => {
    expect(parseCUint(input, max)).toBe(out);
  });
});

describe('formatServicePortRange (udp, conntrack: getaddrinfo)', () => {
  it.each([
    { name: 'decimal despite the 0', input: '010', out: '10' },
    { name: 'no hex', input: '0x35', out: undefined },
    { name: 'cut to 16 bits', input: '65536', out: '0' },
    { name: 'open end', input: '010:', out: '10:65535' },
  ])('$name', ({ input, out }) => {
    expect(formatServicePortRange(input)).toBe(out);
  });
});

describe('limitRate', () => {
  it.each([
    { name: 'minute by prefix', input: '3/minu', out: '3/min' },
    { name: 'one letter', input: '3/m', out: '3/min' },
    { name: 'capitals', input: '3/SEC', out: '3/sec' },
    { name: 'hour', input: '3/HOUR', out: '3/hour' },
    { name: 'larger exact unit', input: '60/min', out: '1/sec' },
    { name: 'day to hour', input: '24/day', out: '1/hour' },
    { name: 'no unit', input: '5', out: '5/sec' },
    { name: 'plus sign', input: '+5/sec', out: '5/sec' },
    { name: 'fastest', input: '10000/sec', out: '10000/sec' },
    { name: 'too fast', input: '10001/sec', out: undefined },
    { name: 'not a unit', input: '3/x', out: undefined },
    { name: 'zero', input: '0/sec', out: undefined },
    { name: 'negative', input: '-3/sec', out: undefined },
  ])('$name', ({ input, out }) => {
    expect(limitRate(input)).toBe(out);
  });
});

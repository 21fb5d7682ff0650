import { describe, expect, it } from 'vitest';
import { matchSpec } from './matches.ts';
import type { ExtensionSpec } from './spec.ts';
import { canonicalText } from './test-helpers.ts';

/** Input options → what iptables-save 1.8.9 (nf_tables) printed for them, module by module. */
const CASES: readonly { name: string; module: string; input: string; out: string }[] = [
  // hashlimit: order, rate like limit's, defaults.
  {
    name: 'hashlimit print order',
    module: 'hashlimit',
    input:
      '--hashlimit-dstmask 24 --hashlimit-srcmask 16 --hashlimit-htable-expire 30000 --hashlimit-htable-gcinterval 2000 --hashlimit-htable-max 2000 --hashlimit-htable-size 100 --hashlimit-name foo --hashlimit-mode srcip,dstip --hashlimit-burst 7 --hashlimit-upto 60/min',
    out: '--hashlimit-upto 1/sec --hashlimit-burst 7 --hashlimit-mode srcip,dstip --hashlimit-name foo --hashlimit-htable-size 100 --hashlimit-htable-max 2000 --hashlimit-htable-gcinterval 2000 --hashlimit-htable-expire 30000 --hashlimit-srcmask 16 --hashlimit-dstmask 24',
  },
  {
    name: 'hashlimit defaults left out',
    module: 'hashlimit',
    input:
      '--hashlimit-upto 1/sec --hashlimit-name x --hashlimit-srcmask 32 --hashlimit-dstmask 32 --hashlimit-htable-gcinterval 1000 --hashlimit-htable-size 0 --hashlimit-htable-expire 1000',
    out: '--hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name x',
  },
  {
    name: 'hashlimit 3600/hour expires after the hour it was written in',
    module: 'hashlimit',
    input: '--hashlimit-above 3600/hour --hashlimit-name x',
    out: '--hashlimit-above 1/sec --hashlimit-burst 5 --hashlimit-name x --hashlimit-htable-expire 3600000',
  },
  {
    name: 'hashlimit 24/day',
    module: 'hashlimit',
    input: '--hashlimit-upto 24/day --hashlimit-name x',
    out: '--hashlimit-upto 1/hour --hashlimit-burst 5 --hashlimit-name x --hashlimit-htable-expire 86400000',
  },
  {
    name: 'hashlimit unit by prefix, count by atoi',
    module: 'hashlimit',
    input: '--hashlimit-upto 010/MINU --hashlimit-name x',
    out: '--hashlimit-upto 10/min --hashlimit-burst 5 --hashlimit-name x',
  },
  {
    name: 'hashlimit bare count is per second',
    module: 'hashlimit',
    input: '--hashlimit-upto 5 --hashlimit-name x',
    out: '--hashlimit-upto 5/sec --hashlimit-burst 5 --hashlimit-name x',
  },
  {
    name: 'hashlimit ! upto is above',
    module: 'hashlimit',
    input: '! --hashlimit-upto 5/sec --hashlimit-name x',
    out: '--hashlimit-above 5/sec --hashlimit-burst 5 --hashlimit-name x',
  },
  {
    name: 'hashlimit modes in bit order, numbers in C',
    module: 'hashlimit',
    input:
      '--hashlimit-upto 5/s --hashlimit-name x --hashlimit-mode dstport,srcip --hashlimit-burst 010',
    out: '--hashlimit-upto 5/sec --hashlimit-burst 8 --hashlimit-mode srcip,dstport --hashlimit-name x',
  },
  {
    name: 'hashlimit byte rate kept',
    module: 'hashlimit',
    input: '--hashlimit-upto 1kb/s --hashlimit-name x',
    out: '--hashlimit-upto 1kb/s --hashlimit-name x',
  },
  {
    name: 'hashlimit upper-case mode',
    module: 'hashlimit',
    input: '--hashlimit-mode SRCIP',
    out: 'invalid --hashlimit-mode',
  },
  // limit
  {
    name: 'limit unit prefix minu',
    module: 'limit',
    input: '--limit 3/minu',
    out: '--limit 3/min',
  },
  { name: 'limit unit in capitals', module: 'limit', input: '--limit 3/SEC', out: '--limit 3/sec' },
  {
    name: 'limit count is atoi (decimal)',
    module: 'limit',
    input: '--limit 010/min',
    out: '--limit 10/min',
  },
  {
    name: 'limit trailing garbage',
    module: 'limit',
    input: '--limit 3x/sec',
    out: '--limit 3/sec',
  },
  { name: 'limit hex is 0', module: 'limit', input: '--limit 0x10/sec', out: 'invalid --limit' },
  { name: 'limit empty unit', module: 'limit', input: '--limit 3/', out: 'invalid --limit' },
  { name: 'limit secs', module: 'limit', input: '--limit 3/secs', out: 'invalid --limit' },
  { name: 'limit too fast', module: 'limit', input: '--limit 20000/sec', out: 'invalid --limit' },
  {
    name: 'limit burst octal',
    module: 'limit',
    input: '--limit-burst 010',
    out: '--limit 3/hour --limit-burst 8',
  },
  // connlimit
  {
    name: 'connlimit ! above is upto',
    module: 'connlimit',
    input: '! --connlimit-above 3',
    out: '--connlimit-upto 3 --connlimit-mask 32 --connlimit-saddr',
  },
  {
    name: 'connlimit ! upto is above',
    module: 'connlimit',
    input: '! --connlimit-upto 3 --connlimit-mask 010 --connlimit-daddr',
    out: '--connlimit-above 3 --connlimit-mask 8 --connlimit-daddr',
  },
  // conntrack
  {
    name: 'ctstatus NONE with others',
    module: 'conntrack',
    input: '--ctstatus NONE,ASSURED',
    out: '--ctstatus ASSURED',
  },
  {
    name: 'ctstatus NONE alone',
    module: 'conntrack',
    input: '--ctstatus none',
    out: '--ctstatus NONE',
  },
  {
    name: 'ctstatus lower case',
    module: 'conntrack',
    input: '--ctstatus assured,expected',
    out: '--ctstatus EXPECTED,ASSURED',
  },
  {
    name: 'ctorigsrc not masked',
    module: 'conntrack',
    input: '--ctorigsrc 10.1.2.3/255.0.0.0',
    out: '--ctorigsrc 10.1.2.3/8',
  },
  {
    name: 'ctorigsrc inet_aton form',
    module: 'conntrack',
    input: '--ctorigsrc 10.1.2',
    out: '--ctorigsrc 10.1.0.2',
  },
  {
    name: 'ctorigdst octal',
    module: 'conntrack',
    input: '--ctorigdst 010.0.0.1',
    out: '--ctorigdst 8.0.0.1',
  },
  {
    name: 'ctorigsrc one number',
    module: 'conntrack',
    input: '--ctorigsrc 167772161',
    out: '--ctorigsrc 10.0.0.1',
  },
  {
    name: 'ctrepldst /32 dropped',
    module: 'conntrack',
    input: '--ctrepldst 10.0.0.1/32',
    out: '--ctrepldst 10.0.0.1',
  },
  {
    name: 'ct ports decimal',
    module: 'conntrack',
    input: '--ctorigdstport 010:020',
    out: '--ctorigdstport 10:20',
  },
  {
    name: 'ctexpire C numbers',
    module: 'conntrack',
    input: '--ctexpire 010:0x20',
    out: '--ctexpire 8:32',
  },
  {
    name: 'ctproto mptcp is one byte',
    module: 'conntrack',
    input: '--ctproto mptcp',
    out: '--ctproto 6',
  },
  {
    name: 'recent numbers',
    module: 'recent',
    input: '--rcheck --seconds 010 --hitcount 0x3 --name x',
    out: '--rcheck --seconds 8 --hitcount 3 --name x --mask 255.255.255.255 --rsource',
  },
  {
    name: 'statistic every',
    module: 'statistic',
    input: '--mode nth --every 010 --packet 01',
    out: '--mode nth --every 8 --packet 1',
  },
  {
    name: 'statistic every 0',
    module: 'statistic',
    input: '--mode nth --every 0',
    out: 'invalid --every',
  },
  { name: 'mark octal', module: 'mark', input: '--mark 010', out: '--mark 0x8' },
  { name: 'mark 08', module: 'mark', input: '--mark 08', out: 'invalid --mark' },
];

describe('state and rate match options as iptables-save prints them', () => {
  it.each(CASES)('$name', ({ module, input, out }) => {
    expect(canonicalText(matchSpec(module) as ExtensionSpec, input)).toBe(out);
  });
});

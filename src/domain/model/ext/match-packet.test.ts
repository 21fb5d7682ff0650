import { describe, expect, it } from 'vitest';
import { matchSpec } from './matches.ts';
import type { ExtensionSpec } from './spec.ts';
import { canonicalText } from './test-helpers.ts';

/** Input options → what iptables-save 1.8.9 (nf_tables) printed for them, module by module. */
const CASES: readonly { name: string; module: string; input: string; out: string }[] = [
  // string
  {
    name: 'string prints pattern first',
    module: 'string',
    input: '--algo bm --to 100 --from 10 --string foo',
    out: '--string foo --algo bm --from 10 --to 100',
  },
  {
    name: 'string default offsets',
    module: 'string',
    input: '--algo bm --string foo --from 0 --to 65535',
    out: '--string foo --algo bm',
  },
  {
    name: 'string --to 0 kept',
    module: 'string',
    input: '--algo kmp --string foo --to 0',
    out: '--string foo --algo kmp --to 0',
  },
  {
    name: 'printable hex-string',
    module: 'string',
    input: '--algo bm --hex-string a|42|c',
    out: '--string aBc --algo bm',
  },
  {
    name: 'binary hex-string',
    module: 'string',
    input: '--algo bm --hex-string a|0A|',
    out: '--hex-string |610a| --algo bm',
  },
  // tos / dscp / ttl / length / owner / recent / statistic / mark / iprange
  { name: 'tos number', module: 'tos', input: '--tos 8', out: '--tos 0x08/0xff' },
  { name: 'tos octal', module: 'tos', input: '--tos 010', out: '--tos 0x08/0xff' },
  { name: 'tos name', module: 'tos', input: '--tos Minimize-Delay', out: '--tos 0x10/0x3f' },
  {
    name: 'tos name any case',
    module: 'tos',
    input: '--tos normal-service',
    out: '--tos 0x00/0x3f',
  },
  { name: 'tos mask', module: 'tos', input: '! --tos 0x10/010', out: '! --tos 0x10/0x08' },
  { name: 'tos 256', module: 'tos', input: '--tos 256', out: 'invalid --tos' },
  { name: 'dscp decimal', module: 'dscp', input: '--dscp 46', out: '--dscp 0x2e' },
  { name: 'dscp class EF', module: 'dscp', input: '--dscp-class EF', out: '--dscp 0x2e' },
  { name: 'dscp class af41', module: 'dscp', input: '! --dscp-class af41', out: '! --dscp 0x22' },
  {
    name: 'dscp class compared by its length',
    module: 'dscp',
    input: '--dscp-class cs10',
    out: '--dscp 0x08',
  },
  {
    name: 'dscp class LE unknown',
    module: 'dscp',
    input: '--dscp-class LE',
    out: 'invalid --dscp-class',
  },
  { name: 'dscp 64', module: 'dscp', input: '--dscp 64', out: 'invalid --dscp' },
  { name: 'ttl --ttl alias, octal', module: 'ttl', input: '--ttl 010', out: '--ttl-eq 8' },
  { name: 'length octal', module: 'length', input: '--length 010:0x20', out: '--length 8:32' },
  { name: 'owner root', module: 'owner', input: '--uid-owner root', out: '--uid-owner 0' },
  { name: 'owner group root', module: 'owner', input: '--gid-owner root', out: '--gid-owner 0' },
  {
    name: 'owner other names kept',
    module: 'owner',
    input: '--uid-owner daemon',
    out: '--uid-owner daemon',
  },
  { name: 'owner octal', module: 'owner', input: '--uid-owner 010', out: '--uid-owner 8' },
  { name: 'owner range', module: 'owner', input: '--uid-owner 5-5', out: '--uid-owner 5' },
  { name: 'owner real range', module: 'owner', input: '--uid-owner 0-10', out: '--uid-owner 0-10' },
  {
    name: 'iprange short forms',
    module: 'iprange',
    input: '--src-range 10.1-010.2',
    out: '--src-range 10.1.0.0-8.2.0.0',
  },
  {
    name: 'iprange no resolver forms',
    module: 'iprange',
    input: '--src-range 10.256-10.257',
    out: 'invalid --src-range',
  },
];

describe('packet match options as iptables-save prints them', () => {
  it.each(CASES)('$name', ({ module, input, out }) => {
    expect(canonicalText(matchSpec(module) as ExtensionSpec, input)).toBe(out);
  });
});

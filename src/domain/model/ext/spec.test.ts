import { describe, expect, it } from 'vitest';
import { matchSpec } from './matches.ts';
import type { ExtensionSpec } from './spec.ts';
import { findOptionSpec } from './spec.ts';
import { targetSpec } from './targets.ts';

const match = (name: string): ExtensionSpec => matchSpec(name) as ExtensionSpec;
const target = (name: string): ExtensionSpec => targetSpec(name) as ExtensionSpec;

describe('findOptionSpec: getopt_long abbreviations', () => {
  // Each verified with iptables-restore 1.8.9 (nf_tables).
  it.each([
    { name: 'exact name', spec: match('tcp'), option: 'dport', found: 'dport' },
    { name: 'exact alias', spec: match('tcp'), option: 'destination-port', found: 'dport' },
    { name: 'abbreviation --dp', spec: match('tcp'), option: 'dp', found: 'dport' },
    { name: 'abbreviation --sp', spec: match('tcp'), option: 'sp', found: 'sport' },
    { name: 'abbreviation --tcp-fl', spec: match('tcp'), option: 'tcp-fl', found: 'tcp-flags' },
    { name: 'abbreviation --sy', spec: match('tcp'), option: 'sy', found: 'syn' },
    { name: 'comment --comm', spec: match('comment'), option: 'comm', found: 'comment' },
    { name: 'state --st', spec: match('state'), option: 'st', found: 'state' },
    { name: 'string --str', spec: match('string'), option: 'str', found: 'string' },
    { name: 'string --fro', spec: match('string'), option: 'fro', found: 'from' },
    { name: 'ttl --ttl is its own option', spec: match('ttl'), option: 'ttl', found: 'ttl-eq' },
    { name: 'DNAT --to', spec: target('DNAT'), option: 'to', found: 'to-destination' },
    { name: 'SNAT --to', spec: target('SNAT'), option: 'to', found: 'to-source' },
    { name: 'exact before prefix', spec: target('SNAT'), option: 'random', found: 'random' },
    { name: 'REJECT --reject', spec: target('REJECT'), option: 'reject', found: 'reject-with' },
    { name: 'LOG --log-l', spec: target('LOG'), option: 'log-l', found: 'log-level' },
    {
      name: 'hashlimit --hashlimit-htable-e',
      spec: match('hashlimit'),
      option: 'hashlimit-htable-e',
      found: 'hashlimit-htable-expire',
    },
    { name: 'ambiguous in the extension', spec: target('MARK'), option: 'set', found: undefined },
    {
      name: 'ctst: ctstate or ctstatus',
      spec: match('conntrack'),
      option: 'ctst',
      found: undefined,
    },
    { name: 'also iptables --destination', spec: match('tcp'), option: 'd', found: undefined },
    { name: '--dest', spec: match('tcp'), option: 'dest', found: undefined },
    { name: 'also iptables --match', spec: match('mark'), option: 'ma', found: undefined },
    { name: 'also iptables --check', spec: match('comment'), option: 'c', found: undefined },
    { name: 'also iptables --fragment', spec: match('string'), option: 'fr', found: undefined },
    { name: 'not a prefix', spec: match('tcp'), option: 'dports', found: undefined },
    { name: 'empty', spec: match('tcp'), option: '', found: undefined },
  ])('$name', ({ spec, option, found }) => {
    expect(findOptionSpec(spec, option)?.name).toBe(found);
  });
});

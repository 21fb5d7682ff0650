import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../examples/seed.ts';
import { SEED_NODE, SEED_OBJECTS } from '../examples/seed-objects.ts';
import { asLoadedByKernel } from '../model/kernel-form.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { serializeSave } from '../parse/serialize-save.ts';
import { generateRules } from './generate.ts';
import { BUILTIN_JUMPS_NOTE } from './rule-line.ts';
import { parseErrors, tableBlock } from './test-helpers.ts';

/** docs/kube-proxy-rules.md §9.3, verbatim. */
const DOC_9_3 = `*filter
:KUBE-SERVICES - [0:0]
:KUBE-FORWARD - [0:0]
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT
COMMIT
*nat
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-I64SNEMOLCWHJHS3 - [0:0]
:KUBE-SEP-MMWJ6M2J72TU3J64 - [0:0]
:KUBE-SEP-GRLEVIWNO4P37GSQ - [0:0]
:KUBE-SEP-74XRUOWV76LDS3ID - [0:0]
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -m mark --mark 0x00004000/0x00004000 -j MASQUERADE
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x00004000/0x00004000
-A KUBE-SERVICES -m comment --comment "default/nginx-service-nodeport: cluster IP" -m tcp -p tcp -d 10.254.198.92/32 --dport 80 -j KUBE-SVC-I64SNEMOLCWHJHS3
-A KUBE-NODEPORTS -m comment --comment default/nginx-service-nodeport: -m tcp -p tcp --dport 32110 -j KUBE-MARK-MASQ
-A KUBE-NODEPORTS -m comment --comment default/nginx-service-nodeport: -m tcp -p tcp --dport 32110 -j KUBE-SVC-I64SNEMOLCWHJHS3
-A KUBE-SVC-I64SNEMOLCWHJHS3 -m comment --comment default/nginx-service-nodeport: -m statistic --mode random --probability 0.33333 -j KUBE-SEP-MMWJ6M2J72TU3J64
-A KUBE-SEP-MMWJ6M2J72TU3J64 -m comment --comment default/nginx-service-nodeport: -s 172.17.0.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-MMWJ6M2J72TU3J64 -m comment --comment default/nginx-service-nodeport: -m tcp -p tcp -j DNAT --to-destination 172.17.0.2:80
-A KUBE-SVC-I64SNEMOLCWHJHS3 -m comment --comment default/nginx-service-nodeport: -m statistic --mode random --probability 0.50000 -j KUBE-SEP-GRLEVIWNO4P37GSQ
-A KUBE-SEP-GRLEVIWNO4P37GSQ -m comment --comment default/nginx-service-nodeport: -s 172.17.0.3/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-GRLEVIWNO4P37GSQ -m comment --comment default/nginx-service-nodeport: -m tcp -p tcp -j DNAT --to-destination 172.17.0.3:80
-A KUBE-SVC-I64SNEMOLCWHJHS3 -m comment --comment default/nginx-service-nodeport: -j KUBE-SEP-74XRUOWV76LDS3ID
-A KUBE-SEP-74XRUOWV76LDS3ID -m comment --comment default/nginx-service-nodeport: -s 172.17.0.4/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-74XRUOWV76LDS3ID -m comment --comment default/nginx-service-nodeport: -m tcp -p tcp -j DNAT --to-destination 172.17.0.4:80
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
COMMIT
`;

/** v1.9's EnsureRule(Prepend, …) jumps, one per built-in chain. */
const FILTER_JUMPS = [
  '-A INPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  '-A FORWARD -m comment --comment "kubernetes forward rules" -j KUBE-FORWARD',
  '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
];
const NAT_JUMPS = [
  '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
];

/** Each table's jumps go last, after the note that says why, just before its COMMIT. */
function withJumps(doc: string): string {
  const [filter = '', nat = ''] = doc.split('COMMIT\n');
  const jumps = (lines: readonly string[]) => [BUILTIN_JUMPS_NOTE, ...lines].join('\n');
  return `${filter}${jumps(FILTER_JUMPS)}\nCOMMIT\n${nat}${jumps(NAT_JUMPS)}\nCOMMIT\n`;
}

/** Chain → rule lines of a save dump's nat table, minus the article's own LOG rules. */
function natChains(save: string): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  for (const l of tableBlock(save, 'nat').split('\n')) {
    if (l.startsWith(':')) chains.set(l.slice(1).split(' ')[0] ?? '', []);
    else if (l.startsWith('-A ') && !l.includes(' -j LOG '))
      chains.get(l.split(' ')[1] ?? '')?.push(l);
  }
  return chains;
}

describe('the seed (profile legacy)', () => {
  const { restore, notes } = generateRules(SEED_OBJECTS, SEED_NODE);

  it('is the restore text of docs §9.3 plus the built-in jumps', () => {
    expect(restore).toBe(withJumps(DOC_9_3));
    expect(notes).toEqual([]);
  });

  it('loads into the kernel as the nat table of SEED_SAVE (without its LOG rules)', () => {
    const loaded = serializeSave(asLoadedByKernel(parseDump(restore).ruleset));
    expect(natChains(loaded)).toEqual(natChains(SEED_SAVE));
  });

  it('parses with no errors', () => {
    expect(parseErrors(restore)).toEqual([]);
  });
});

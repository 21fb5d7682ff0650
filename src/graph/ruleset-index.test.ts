import { calleesOf, callersOf, chainById, indexRuleset } from './ruleset-index.ts';
import { parseSave, seedRuleset } from './test-fixtures.ts';

describe('indexRuleset', () => {
  it('finds the jumps into a chain in the dump’s order, and the jumps out of it in rule order', () => {
    const index = indexRuleset(seedRuleset());
    const svc = chainById(index, 'nat/KUBE-SVC-I64SNEMOLCWHJHS3');
    expect(svc).toBeDefined();
    if (!svc) return;
    expect(callersOf(index, svc).map((j) => `${j.from.id}#${j.index}`)).toEqual([
      'nat/KUBE-NODEPORTS#2',
      'nat/KUBE-SERVICES#1',
    ]);
    expect(calleesOf(index, svc).map((j) => j.to.chain.name)).toEqual([
      'KUBE-SEP-MMWJ6M2J72TU3J64',
      'KUBE-SEP-GRLEVIWNO4P37GSQ',
      'KUBE-SEP-74XRUOWV76LDS3ID',
    ]);
    expect(chainById(index, 'stage:routing-in')).toBeUndefined();
    expect(chainById(index, 'nat/NO-SUCH-CHAIN')).toBeUndefined();
  });

  it('keeps a chain of a table declared twice where it came first, as declared last', () => {
    const block = (rule: string): string =>
      ['*nat', ':PREROUTING ACCEPT [0:0]', ':A - [0:0]', ':B - [0:0]', rule, 'COMMIT', ''].join(
        '\n',
      );
    const ruleset = parseSave(block('-A A -j B') + block('-A B -j A'));
    expect(ruleset.tables).toHaveLength(2);
    const index = indexRuleset(ruleset);
    expect(index.chains.map((c) => `${c.id}@${c.slot}`)).toEqual([
      'nat/PREROUTING@0',
      'nat/A@1',
      'nat/B@2',
    ]);
    const [, a, b] = index.chains;
    expect(a?.table).toBe(ruleset.tables[1]);
    expect(chainById(index, 'nat/B')).toBe(b);
    // The second block's rules, since its declarations are the ones kept.
    expect(calleesOf(index, b as NonNullable<typeof b>).map((j) => j.to.id)).toEqual(['nat/A']);
    expect(callersOf(index, a as NonNullable<typeof a>).map((j) => j.from.id)).toEqual(['nat/B']);
  });
});

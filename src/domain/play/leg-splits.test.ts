import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../examples/seed.ts';
import { discoverServices } from '../kube/discover-services.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { compileRuleset } from '../sim/compile.ts';
import { converse } from './conversation.ts';
import { splitKey, splitLookup, withSplits } from './leg-splits.ts';
import { planOnRules } from './plans.ts';

const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';
const seed = parseDump(SEED_SAVE, { format: 'save' }).ruleset;

/** The seed's NodePort conversation (SYN, SYN-ACK, ACK) to pod 172.17.0.3. */
function played() {
  const result = planOnRules('nodeport-external', discoverServices(seed), ['192.168.0.11']);
  if (!result.ok) throw new Error(result.problem);
  const { script, model } = result.plan;
  const choice = { kind: 'endpoint', dnat: '172.17.0.3:80' } as const;
  return converse(compileRuleset(seed), model, script, choice);
}

describe('withSplits', () => {
  it('gives the request the split of the Service chain it went through, with addresses', () => {
    const [request] = withSplits(seed, played());
    expect(Object.keys(request?.splits ?? {})).toEqual([splitKey('nat', SVC)]);
    const split = request?.splits?.[`nat/${SVC}`];
    expect(split?.chain).toBe(SVC);
    expect(split?.branches.map((b) => [b.index, b.address])).toEqual([
      [1, '172.17.0.2:80'],
      [2, '172.17.0.3:80'],
      [3, '172.17.0.4:80'],
    ]);
  });

  it('gives the reply and the next packet none: conntrack takes them past the nat chains', () => {
    const [, reply, again] = withSplits(seed, played());
    expect(reply?.splits).toEqual({});
    expect(again?.splits).toEqual({});
  });

  it('leaves the legs as they were otherwise', () => {
    const legs = played();
    const withThem = withSplits(seed, legs);
    expect(withThem.map(({ splits: _, ...leg }) => leg)).toEqual(legs);
  });
});

describe('splitLookup', () => {
  it('finds a chain’s split on whichever leg met it, and nothing elsewhere', () => {
    const split = splitLookup(withSplits(seed, played()));
    expect(split('nat', SVC)?.branches).toHaveLength(3);
    expect(split('nat', 'KUBE-SERVICES')).toBeUndefined();
    expect(split('filter', SVC)).toBeUndefined();
    // converse's own legs carry no splits.
    expect(splitLookup(played())('nat', SVC)).toBeUndefined();
  });
});

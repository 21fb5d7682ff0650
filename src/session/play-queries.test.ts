import { describe, expect, it } from 'vitest';
import { SEED_LISTING } from '../domain/examples/seed.ts';
import { planOnRules } from '../domain/play/plans.ts';
import { DumpSession } from './dump-session.ts';

const seed = DumpSession.open(SEED_LISTING);
const services = seed.services('', 10).services;

function plan(kind: Parameters<typeof planOnRules>[0]) {
  const result = planOnRules(kind, services, ['192.168.0.11']);
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

describe('the session plays a scenario', () => {
  it('returns every packet of the conversation and the text of each rule a step names', () => {
    const { script, model } = plan('nodeport-external');
    const result = structuredClone(
      seed.play({ script, model, choice: { kind: 'endpoint', dnat: '172.17.0.3:80' } }),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.legs.map((leg) => leg.role)).toEqual(['request', 'reply', 'again']);
    expect(result.legs[0]?.outcome.dnat).toBe('172.17.0.3:80');
    for (const leg of result.legs)
      for (const step of leg.outcome.steps)
        if (step.kind === 'rule')
          expect(result.rules).toHaveProperty([`${step.table}/${step.chain}#${step.index}`]);
    expect(result.rules['nat/KUBE-SERVICES#2']).toEqual({
      text: '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      target: 'KUBE-NODEPORTS',
    });
  });

  it('says why a conversation cannot run on rules the kernel would refuse', () => {
    const looping = DumpSession.open(
      '*nat\n:PREROUTING ACCEPT [0:0]\n:A - [0:0]\n-A PREROUTING -j A\n-A A -j A\nCOMMIT\n',
    );
    const { script, model } = plan('nodeport-external');
    expect(looping.play({ script, model, choice: { kind: 'random', seed: 1 } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/loop/) as string,
    });
  });
});

describe('the session samples a random split', () => {
  it('spreads 3,000 new connections over the seed’s three pods about evenly', () => {
    const { script, model } = plan('pod-to-clusterip');
    const first = script[0];
    if (first?.kind !== 'send') throw new Error('no packet');
    const result = seed.sample({ packet: first.packet, model, count: 3000, seed: 7 });
    if (!result.ok) throw new Error(result.message);
    expect(result.count).toBe(3000);
    expect(result.outcomes.map((o) => o.dnat).sort()).toEqual([
      '172.17.0.2:80',
      '172.17.0.3:80',
      '172.17.0.4:80',
    ]);
    // Each pod's count is Binomial(3000, 1/3): 1000 ± 26; 5 standard deviations either side.
    for (const o of result.outcomes) expect(Math.abs(o.count - 1000)).toBeLessThan(130);
    // Seeded: the same question gets the same answer.
    expect(seed.sample({ packet: first.packet, model, count: 3000, seed: 7 })).toEqual(result);
  });
});

import { describe, expect, it } from 'vitest';
import { discoverServices } from '../kube/discover-services.ts';
import { SEED_SAVE } from '../examples/seed.ts';
import { scenarioById } from '../examples/scenarios.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { compileRuleset } from '../sim/compile.ts';
import type { RuleStep } from '../sim/types.ts';
import { converse } from './conversation.ts';
import { framesOf } from './frames.ts';
import { planOfExample, planOnRules, type PlayPlan } from './plans.ts';

const seed = parseDump(SEED_SAVE, { format: 'save' }).ruleset;
const compiled = compileRuleset(seed);
const services = discoverServices(seed);

function seedPlan(kind: Parameters<typeof planOnRules>[0]): PlayPlan {
  const result = planOnRules(kind, services, ['192.168.0.11']);
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

const ruleSteps = (frames: ReturnType<typeof framesOf>, leg: number) =>
  frames.filter((f) => f.leg === leg && f.step.kind === 'rule').map((f) => f.step as RuleStep);

describe('the seed NodePort conversation', () => {
  const plan = seedPlan('nodeport-external');
  const legs = converse(compiled, plan.model, plan.script, {
    kind: 'endpoint',
    dnat: '172.17.0.2:80',
  });
  const frames = framesOf(legs);

  it('sends the SYN, the pod’s SYN-ACK and the client’s ACK', () => {
    expect(legs.map((l) => [l.role, l.label, l.outcome.verdict])).toEqual([
      ['request', 'SYN', 'ACCEPT'],
      ['reply', 'SYN-ACK', 'ACCEPT'],
      ['again', 'ACK', 'ACCEPT'],
    ]);
    expect(legs[0]?.packet).toMatchObject({ dst: '192.168.0.11', dport: 32110, from: 'eth0' });
    expect(legs[0]?.outcome.dnat).toBe('172.17.0.2:80');
  });

  it('shows the DNAT, the mark and MASQUERADE as before → after at their rules', () => {
    const dnat = frames.find((f) => f.step.kind === 'rule' && f.step.effect?.kind === 'dnat');
    expect(dnat?.chain).toBe('KUBE-SEP-MMWJ6M2J72TU3J64');
    expect(dnat?.changed).toEqual(['dst', 'dport']);
    expect([dnat?.before.dst, dnat?.before.dport]).toEqual(['192.168.0.11', 32110]);
    expect([dnat?.after.dst, dnat?.after.dport]).toEqual(['172.17.0.2', 80]);
    // conntrack's reply tuple now comes from the pod: that is how the answer is recognised.
    expect(dnat?.conntrack?.reply).toMatchObject({ src: '172.17.0.2', sport: 80 });

    const mark = frames.find((f) => f.chain === 'KUBE-MARK-MASQ' && f.step.kind === 'rule');
    expect(mark?.changed).toEqual(['mark']);
    expect([mark?.before.mark, mark?.after.mark]).toEqual([0, 0x4000]);

    const masq = frames.find((f) => f.step.kind === 'rule' && f.step.effect?.kind === 'snat');
    expect(masq?.chain).toBe('KUBE-POSTROUTING');
    expect(masq?.changed).toContain('src');
    expect(masq?.after.src).toBe('172.17.0.1');
    expect(masq?.conntrack?.reply).toMatchObject({ dst: '172.17.0.1', dport: 40000 });
  });

  it('answers from the pod to the masquerade address; the client sees the NodePort answer', () => {
    const reply = legs[1];
    expect(reply?.packet).toMatchObject({ src: '172.17.0.2', sport: 80, dst: '172.17.0.1' });
    expect(reply?.outcome.final).toMatchObject({
      src: '192.168.0.11',
      sport: 32110,
      dst: '203.0.113.10',
      dport: 40000,
    });
    // The reply walks no nat chain: conntrack undoes both translations.
    expect(ruleSteps(frames, 1).filter((s) => s.table === 'nat')).toEqual([]);
    expect(
      frames.filter((f) => f.leg === 1).map((f) => f.step.kind === 'event' && f.step.event),
    ).toContain('nat-reverse');
  });

  it('lets the connection’s next packet skip the nat table but keep its DNAT', () => {
    expect(ruleSteps(frames, 2).filter((s) => s.table === 'nat')).toEqual([]);
    expect(legs[2]?.outcome.final).toMatchObject({
      dst: '172.17.0.2',
      dport: 80,
      src: '172.17.0.1',
    });
    const lookup = frames.find(
      (f) => f.leg === 2 && f.step.kind === 'event' && f.step.event === 'conntrack',
    );
    expect(lookup?.after.ctState).toBe('ESTABLISHED');
    expect(lookup?.conntrack?.confirmed).toBe(true);
  });

  it('keeps each frame’s before equal to the previous frame’s after within a packet', () => {
    for (let i = 1; i < frames.length; i++) {
      const [a, b] = [frames[i - 1], frames[i]];
      if (a && b && a.leg === b.leg) expect(b.before).toEqual(a.after);
    }
  });
});

describe('planOnRules on the seed', () => {
  it('plays the hairpin on the pod that is its own endpoint', () => {
    const plan = seedPlan('hairpin');
    expect(plan.choice).toEqual({ kind: 'endpoint', dnat: '172.17.0.2:80' });
    const [first] = converse(
      compiled,
      plan.model,
      plan.script,
      plan.choice ?? { kind: 'random', seed: 1 },
    );
    expect(first?.outcome.masqueraded).toBe(true);
    expect(first?.outcome.rules).toContain('nat/KUBE-SEP-MMWJ6M2J72TU3J64#1');
  });

  it('sends a node process’s packet through OUTPUT', () => {
    const plan = seedPlan('node-to-clusterip');
    const [first] = converse(compiled, plan.model, plan.script, { kind: 'random', seed: 1 });
    expect(first?.from).toBe('local');
    expect(first?.outcome.rules[0]).toBe('nat/OUTPUT#1');
  });

  it('says why a scenario cannot play', () => {
    expect(planOnRules('nodeport-external', [], ['192.168.0.11'])).toMatchObject({
      ok: false,
      problem: 'no-service',
    });
    const noNodePort = services.map((s) => ({
      ...s,
      addresses: s.addresses.filter((a) => a.kind !== 'nodeport'),
    }));
    expect(planOnRules('nodeport-external', noNodePort, ['192.168.0.11'])).toMatchObject({
      ok: false,
      problem: 'no-nodeport',
    });
    expect(planOnRules('pod-to-clusterip', services, ['192.168.0.300'])).toMatchObject({
      ok: false,
      problem: 'node',
    });
  });
});

describe('planOfExample', () => {
  it('replays the no-endpoints example: kube-proxy rejects in filter', () => {
    const scenario = scenarioById('no-endpoints');
    if (!scenario) throw new Error('missing scenario');
    const { plan, rules } = planOfExample(scenario);
    const ruleset = compileRuleset(parseDump(rules, { format: 'save' }).ruleset);
    const [first] = converse(ruleset, plan.model, plan.script, { kind: 'random', seed: 1 });
    expect(first?.outcome.verdict).toBe('REJECT');
  });
});

import { describe, expect, it } from 'vitest';
import { SEED_LISTING, SEED_SAVE } from '../examples/seed.ts';
import { discoverServices } from '../kube/discover-services.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { converse } from '../play/conversation.ts';
import { framesOf } from '../play/frames.ts';
import { planOnRules } from '../play/plans.ts';
import type { EndpointChoice, Frame } from '../play/types.ts';
import { compileRuleset } from '../sim/compile.ts';
import { TOUR_STEPS, tourFrame, type TourScenario, type TourStepId } from './tour-steps.ts';

/** The frames the player shows for a seed scenario, as the app plays them. */
function seedFrames(dump: string, scenario: TourScenario, choice: EndpointChoice): Frame[] {
  const ruleset = parseDump(dump).ruleset;
  const planned = planOnRules(scenario, discoverServices(ruleset), ['192.168.0.11']);
  if (!planned.ok) throw new Error(planned.problem);
  const { model, script } = planned.plan;
  return framesOf(converse(compileRuleset(ruleset), model, script, choice));
}

/** What a frame is, as a person reads it off the graph and the Packet panel. */
function describeFrame(frame: Frame) {
  const { step } = frame;
  return {
    role: frame.role,
    at: step.kind === 'rule' ? `${step.table}/${step.chain}#${String(step.index)}` : step.kind,
    changed: frame.changed,
  };
}

/** The moment each step must show; `SEP` and `SVC` stand for the chains of the endpoint drawn. */
const INTENDED: Record<TourStepId, ReturnType<typeof describeFrame>> = {
  output: { role: 'request', at: 'nat/OUTPUT#2', changed: [] },
  prerouting: { role: 'request', at: 'nat/PREROUTING#2', changed: [] },
  clusterIP: { role: 'request', at: 'nat/KUBE-SERVICES#1', changed: [] },
  split: { role: 'request', at: 'nat/SVC#n', changed: [] },
  dnat: { role: 'request', at: 'nat/SEP#2', changed: ['dst'] },
  nodePorts: { role: 'request', at: 'nat/KUBE-SERVICES#2', changed: [] },
  mark: { role: 'request', at: 'nat/KUBE-MARK-MASQ#1', changed: ['mark'] },
  masquerade: { role: 'request', at: 'nat/KUBE-POSTROUTING#1', changed: ['src'] },
  wayBack: { role: 'reply', at: 'event', changed: ['src', 'sport'] },
};

/** The seed's endpoint chains, by pod, and the KUBE-SVC rule that jumps to each. */
const ENDPOINTS = [
  { dnat: '172.17.0.2:80', sep: 'KUBE-SEP-MMWJ6M2J72TU3J64', svcRule: 1 },
  { dnat: '172.17.0.3:80', sep: 'KUBE-SEP-GRLEVIWNO4P37GSQ', svcRule: 2 },
  { dnat: '172.17.0.4:80', sep: 'KUBE-SEP-74XRUOWV76LDS3ID', svcRule: 3 },
];

const CASES = [
  { name: 'the article’s listing', dump: SEED_LISTING },
  { name: 'iptables-save', dump: SEED_SAVE },
].flatMap(({ name, dump }) =>
  ENDPOINTS.map((endpoint) => ({ name: `${name}, endpoint ${endpoint.dnat}`, dump, endpoint })),
);

describe.each(CASES)('the tour on the seed ($name)', ({ dump, endpoint }) => {
  const frames = {
    'nodeport-external': seedFrames(dump, 'nodeport-external', {
      kind: 'endpoint',
      dnat: endpoint.dnat,
    }),
    'node-to-clusterip': seedFrames(dump, 'node-to-clusterip', {
      kind: 'endpoint',
      dnat: endpoint.dnat,
    }),
  };

  it.each(TOUR_STEPS)('shows exactly one moment for $id, the intended one', (step) => {
    const played = frames[step.scenario];
    const matches = played.filter(step.shows);
    expect(matches).toHaveLength(1);
    const intended = INTENDED[step.id];
    const at = intended.at
      .replace('SVC#n', `KUBE-SVC-I64SNEMOLCWHJHS3#${String(endpoint.svcRule)}`)
      .replace('SEP', endpoint.sep);
    expect(describeFrame(played[tourFrame(step, played)] as Frame)).toEqual({ ...intended, at });
  });
});

describe('the tour’s moments', () => {
  const nodeport = seedFrames(SEED_LISTING, 'nodeport-external', { kind: 'random', seed: 1 });
  const local = seedFrames(SEED_LISTING, 'node-to-clusterip', { kind: 'random', seed: 1 });
  const shown = (id: TourStepId, frames: Frame[]) => {
    const step = TOUR_STEPS.find((s) => s.id === id);
    if (!step) throw new Error(id);
    return frames[tourFrame(step, frames)];
  };

  it('follows the article: the two entry paths first, the way back last', () => {
    expect(TOUR_STEPS.map((s) => s.id)).toEqual([
      'output',
      'prerouting',
      'clusterIP',
      'split',
      'dnat',
      'nodePorts',
      'mark',
      'masquerade',
      'wayBack',
    ]);
  });

  it('shows the rewrites the text speaks of, before → after', () => {
    const dnat = shown('dnat', local);
    expect([dnat?.before.dst, dnat?.after.dst]).toEqual(['10.254.198.92', '172.17.0.2']);
    const mark = shown('mark', nodeport);
    expect([mark?.before.mark, mark?.after.mark]).toEqual([0, 0x4000]);
    const masq = shown('masquerade', nodeport);
    expect([masq?.before.src, masq?.after.src]).toEqual(['203.0.113.10', '172.17.0.1']);
    // The client is answered by the address it asked, not by the pod.
    const back = shown('wayBack', nodeport);
    expect([back?.before.src, back?.before.sport]).toEqual(['172.17.0.2', 80]);
    expect(back?.after).toMatchObject({ src: '192.168.0.11', sport: 32110, dst: '203.0.113.10' });
  });

  it('passes over the hairpin rule before the DNAT when the client is not the pod', () => {
    const at = local.findIndex((f) => f === shown('dnat', local));
    expect(local[at - 1]?.step).toMatchObject({ kind: 'skip', first: 1, last: 1 });
  });

  it('finds no moment in a conversation that lacks it', () => {
    const step = TOUR_STEPS.find((s) => s.id === 'mark');
    if (!step) throw new Error('mark');
    // A node process reaching the ClusterIP is never marked for masquerading in the seed.
    expect(tourFrame(step, local)).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../domain/examples/seed.ts';
import { discoverServices } from '../domain/kube/discover-services.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { converse } from '../domain/play/conversation.ts';
import { framesOf } from '../domain/play/frames.ts';
import { planOnRules } from '../domain/play/plans.ts';
import { compileRuleset } from '../domain/sim/compile.ts';
import { buildGraph } from './build-graph.ts';
import { edgeBetween, playMarks, playSpot } from './play-spot.ts';
import { handleOffset } from './rows.ts';

const ruleset = parseDump(SEED_SAVE, { format: 'save' }).ruleset;
const graph = buildGraph(ruleset);
const planned = planOnRules('nodeport-external', discoverServices(ruleset), ['192.168.0.11']);
if (!planned.ok) throw new Error(planned.problem);
const { plan } = planned;
const frames = framesOf(
  converse(compileRuleset(ruleset), plan.model, plan.script, {
    kind: 'endpoint',
    dnat: '172.17.0.2:80',
  }),
);
const at = (predicate: (f: (typeof frames)[number]) => boolean) => {
  const i = frames.findIndex(predicate);
  if (i < 0) throw new Error('no such frame');
  return i;
};

describe('playSpot', () => {
  it('puts a rule step on its rule’s line, just left of its chain', () => {
    const i = at((f) => f.step.kind === 'rule' && f.chain === 'KUBE-SERVICES' && f.step.matched);
    const node = graph.nodes.find((n) => n.id === 'nat/KUBE-SERVICES');
    if (!node || node.kind === 'stage') throw new Error('no KUBE-SERVICES node');
    const spot = playSpot(graph, frames[i]!, false);
    expect(spot).toEqual({
      node: 'nat/KUBE-SERVICES',
      rule: 'nat/KUBE-SERVICES#2',
      x: node.position.x - 12,
      y: node.position.y + (handleOffset(node, 'nat/KUBE-SERVICES#2') ?? NaN),
    });
  });

  it('puts the arrival at network in, routing at the routing decision, the reply’s exit at network out', () => {
    expect(playSpot(graph, frames[0]!, false)?.node).toBe('stage:network-in');
    expect(
      playSpot(
        graph,
        frames[at((f) => f.step.kind === 'event' && f.step.event === 'route')]!,
        false,
      )?.node,
    ).toBe('stage:routing-in');
    const lastOfReply = frames.filter((f) => f.leg === 1).at(-1)!;
    expect(playSpot(graph, lastOfReply, false)?.node).toBe('stage:network-out');
  });

  it('has no spot for a chain the graph does not draw', () => {
    const i = at((f) => f.chain === 'KUBE-MARK-MASQ');
    const without = { ...graph, nodes: graph.nodes.filter((n) => n.id !== 'nat/KUBE-MARK-MASQ') };
    expect(playSpot(without, frames[i]!, false)).toBeUndefined();
  });
});

describe('playMarks and edgeBetween', () => {
  it('marks the KUBE-SERVICES rule passed over and the jumps taken on the way to KUBE-NODEPORTS', () => {
    const i = at((f) => f.chain === 'KUBE-NODEPORTS');
    const marks = playMarks(frames, i);
    expect(marks.passed).toEqual(['nat/KUBE-SERVICES#1']);
    expect(marks.taken).toContain('nat/KUBE-SERVICES#2');
    // The reply's packet starts afresh: nothing of the request's walk is marked.
    expect(
      playMarks(
        frames,
        at((f) => f.leg === 1),
      ),
    ).toEqual({ passed: [], taken: [] });
  });

  it('follows the jump’s own edge into a chain, and walks it backwards on the return', () => {
    const jump = at((f) => f.step.kind === 'rule' && f.chain === 'KUBE-NODEPORTS' && f.rule === 1);
    const from = playSpot(graph, frames[jump]!, false)!;
    const into = playSpot(graph, frames[jump + 1]!, false)!;
    expect(into.node).toBe('nat/KUBE-MARK-MASQ');
    expect(edgeBetween(graph, from, into)).toEqual({
      id: 'jump:nat/KUBE-NODEPORTS#1',
      reverse: false,
    });
    const back = playSpot(graph, frames[jump + 2]!, false)!;
    expect(back.node).toBe('nat/KUBE-NODEPORTS');
    expect(edgeBetween(graph, into, back)).toEqual({
      id: 'jump:nat/KUBE-NODEPORTS#1',
      reverse: true,
    });
  });
});

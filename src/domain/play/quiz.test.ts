import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../examples/seed.ts';
import { discoverServices } from '../kube/discover-services.ts';
import type { TableName } from '../model/names.ts';
import { findChain, findTable, type Ruleset } from '../model/ruleset.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { compileRuleset } from '../sim/compile.ts';
import { converse } from './conversation.ts';
import { framesOf } from './frames.ts';
import { splitLookup, withSplits } from './leg-splits.ts';
import { narrate } from './narration.ts';
import { planOnRules, type RulesPlay } from './plans.ts';
import { buildQuiz, type Question, type QuizInput } from './quiz.ts';
import { QUIZ_KEYS } from './quiz-keys.ts';
import { seededShuffle } from './quiz-shuffle.ts';
import type { EndpointChoice, Frame } from './types.ts';

const seed = parseDump(SEED_SAVE, { format: 'save' }).ruleset;

/** The targets of a chain's rules, read from the parsed dump (as the app reads the play answer's). */
const targetsOf =
  (ruleset: Ruleset) =>
  (table: string, chain: string): string[] => {
    const t = findTable(ruleset, table as TableName);
    return (
      (t && findChain(t, chain)?.rules.flatMap((r) => (r.target ? [r.target.name] : []))) ?? []
    );
  };

/** A seed scenario played as the session plays it, and the quiz's input for it. */
function played(kind: RulesPlay, choice?: EndpointChoice): QuizInput {
  const result = planOnRules(kind, discoverServices(seed), ['192.168.0.11']);
  if (!result.ok) throw new Error(result.problem);
  const { plan } = result;
  const legs = withSplits(
    seed,
    converse(
      compileRuleset(seed),
      plan.model,
      plan.script,
      choice ?? plan.choice ?? { kind: 'random', seed: 1 },
    ),
  );
  return {
    frames: framesOf(legs),
    legs,
    node: plan.model,
    targets: targetsOf(seed),
    context: { split: splitLookup(legs) },
  };
}

const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';
const SEPS = [
  'KUBE-SEP-MMWJ6M2J72TU3J64',
  'KUBE-SEP-GRLEVIWNO4P37GSQ',
  'KUBE-SEP-74XRUOWV76LDS3ID',
];

/** The question and where it is: `kind chain-or-event`, with its right answer. */
const summary = (q: Question, frames: readonly Frame[]): string => {
  const f = frames[q.answer] as Frame;
  const s = f.step;
  const where =
    s.kind === 'event'
      ? s.event
      : `${s.chain}#${s.kind === 'rule' ? String(s.index) : `${String(s.first)}-${String(s.last)}`}`;
  return `${q.kind} ${where} → ${q.correct}`;
};

describe('the quiz of the seed NodePort conversation (an outside client)', () => {
  const input = played('nodeport-external', { kind: 'endpoint', dnat: '172.17.0.3:80' });
  const quiz = buildQuiz(input);

  it('asks at the jumps, the split, routing after DNAT and POSTROUTING, in play order', () => {
    expect(quiz.map((q) => summary(q, input.frames))).toEqual([
      'chain PREROUTING#2 → KUBE-SERVICES',
      'chain KUBE-SERVICES#2 → KUBE-NODEPORTS',
      'chain KUBE-NODEPORTS#1 → KUBE-MARK-MASQ',
      `endpoint ${SVC}#2 → ${SEPS[1] ?? ''}`,
      'route route → dev:cni0',
      `masquerade KUBE-POSTROUTING#1 → snat:172.17.0.1:40000`,
    ]);
  });

  it('asks each before the step that answers it, and never twice at a step', () => {
    for (const q of quiz) expect(q.at).toBeLessThan(q.answer);
    expect(new Set(quiz.map((q) => q.at)).size).toBe(quiz.length);
    // Only the first packet walks the nat chains: the reply and the ACK have no question.
    for (const q of quiz) expect(input.frames[q.answer]?.leg).toBe(0);
  });

  it('offers 3 or 4 options, once each, the right one among them', () => {
    for (const q of quiz) {
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      expect(q.options.length).toBeLessThanOrEqual(4);
      expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
      expect(q.options.map((o) => o.id)).toContain(q.correct);
    }
  });

  it('offers KUBE-SERVICES’s other jump, the ClusterIP one, against KUBE-NODEPORTS', () => {
    const q = quiz[1] as Question;
    expect(q.options.map((o) => o.id)).toContain(SVC);
    expect(q.prompt).toEqual({
      key: 'quiz.prompt.chain',
      values: { table: 'nat', chain: 'KUBE-SERVICES' },
    });
  });

  it('offers every endpoint of the split, each with its share of 1/3', () => {
    const q = quiz.find((x) => x.kind === 'endpoint') as Question;
    expect(
      q.options
        .map((o) => o.text.values)
        .sort((a, b) => String(a.address).localeCompare(String(b.address))),
    ).toEqual([
      { chain: SEPS[0], address: '172.17.0.2:80', share: '1/3' },
      { chain: SEPS[1], address: '172.17.0.3:80', share: '1/3' },
      { chain: SEPS[2], address: '172.17.0.4:80', share: '1/3' },
    ]);
    expect(q.prompt.values).toEqual({ chain: SVC, count: 3 });
  });

  it('asks routing with the destination DNAT wrote, against the way in and the node itself', () => {
    const q = quiz.find((x) => x.kind === 'route') as Question;
    expect(q.prompt.values).toEqual({ dst: '172.17.0.3:80' });
    expect(q.options.map((o) => o.id).sort()).toEqual(['dev:cni0', 'dev:eth0', 'dev:lo', 'local']);
  });

  it('asks whether the source is rewritten: to cni0’s address, or kept, or the node’s other one', () => {
    const q = quiz.find((x) => x.kind === 'masquerade') as Question;
    expect(q.prompt.values).toEqual({ src: '203.0.113.10:40000', dev: 'cni0' });
    expect(q.options.map((o) => o.id).sort()).toEqual([
      'keep',
      'snat:172.17.0.1:40000',
      'snat:192.168.0.11:40000',
    ]);
  });

  it('explains each answer with the narration of the step that answers it', () => {
    for (const q of quiz)
      expect(q.explanation).toEqual(narrate(input.frames[q.answer] as Frame, input.context));
    const split = quiz.find((x) => x.kind === 'endpoint') as Question;
    expect(split.explanation.map((n) => n.key)).toContain('narration.split.even');
  });

  it('takes the right answer from the frames: the draw decides the endpoint', () => {
    for (const [i, sep] of SEPS.entries()) {
      const q = buildQuiz(
        played('nodeport-external', { kind: 'endpoint', dnat: `172.17.0.${String(i + 2)}:80` }),
      ).find((x) => x.kind === 'endpoint');
      expect(q?.correct).toBe(sep);
    }
  });

  it('uses only keys the catalogue test knows', () => {
    const keys = quiz.flatMap((q) => [q.prompt, ...q.options.map((o) => o.text)]).map((n) => n.key);
    for (const key of keys) expect(Object.keys(QUIZ_KEYS).map((k) => `quiz.${k}`)).toContain(key);
  });
});

describe('the quiz of the seed ClusterIP conversation (a process of the node)', () => {
  const input = played('node-to-clusterip');
  const quiz = buildQuiz(input);

  it('asks at OUTPUT, KUBE-SERVICES, the split, re-routing after DNAT and POSTROUTING', () => {
    expect(quiz.map((q) => summary(q, input.frames))).toEqual([
      'chain OUTPUT#2 → KUBE-SERVICES',
      `chain KUBE-SERVICES#1 → ${SVC}`,
      `endpoint ${SVC}#1 → ${SEPS[0] ?? ''}`,
      'route reroute → dev:cni0',
      'masquerade KUBE-POSTROUTING#1-1 → keep',
    ]);
  });

  it('offers the route taken before OUTPUT as the wrong way after DNAT', () => {
    const q = quiz.find((x) => x.kind === 'route') as Question;
    expect(q.options.map((o) => o.id)).toContain('dev:eth0');
  });

  it('says the source is kept: the node’s own packet carries no mark', () => {
    const q = quiz.find((x) => x.kind === 'masquerade') as Question;
    expect(q.explanation.map((n) => n.key)).toContain('narration.kube.postroutingPassed');
    expect(q.options.find((o) => o.id === 'keep')?.text.values).toEqual({
      src: '192.168.0.11:40000',
    });
  });
});

describe('the hairpin conversation (a pod reaches its own Service)', () => {
  it('asks about KUBE-SEP’s jump to KUBE-MARK-MASQ, and the masquerade it leads to', () => {
    const input = played('hairpin');
    const quiz = buildQuiz(input);
    expect(quiz.map((q) => summary(q, input.frames))).toContain(
      `chain ${SEPS[0] ?? ''}#1 → KUBE-MARK-MASQ`,
    );
    expect(quiz.at(-1)?.correct).toBe('snat:172.17.0.1:40000');
  });
});

describe('seededShuffle', () => {
  it('gives the same order for the same seed, and keeps every item', () => {
    const items = ['a', 'b', 'c', 'd'];
    expect(seededShuffle(items, 'x')).toEqual(seededShuffle(items, 'x'));
    expect([...seededShuffle(items, 'x')].sort()).toEqual(items);
  });

  it('does not always put the first item first', () => {
    const firsts = new Set(
      Array.from({ length: 20 }, (_, i) => seededShuffle(['a', 'b', 'c', 'd'], String(i))[0]),
    );
    expect(firsts.size).toBeGreaterThan(1);
  });
});

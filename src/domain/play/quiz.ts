/**
 * "Where does the packet go next?": questions at the steps of a played conversation where a
 * learner can reason about the next move — which chain a rule jumps to, which endpoint chain
 * the KUBE-SVC split picks (with its odds), which way routing sends the packet once DNAT has
 * rewritten its destination, and whether POSTROUTING rewrites its source. Each question is
 * asked at the step before the move and answered by the step that makes it: its right option
 * is what the simulator's frames say, its explanation that step's narration.
 */
import type { NodeModel, RuleStep } from '../sim/types.ts';
import { narrate, type Narration, type NarrationContext } from './narration.ts';
import { isDrawn } from './narration-split.ts';
import { destinationOf, jumpTarget, sourceOf } from './narration-text.ts';
import { ask } from './quiz-keys.ts';
import {
  chainOptions,
  endpointOptions,
  masqueradeOptions,
  routeOptions,
  type QuizOption,
} from './quiz-options.ts';
import { seededShuffle } from './quiz-shuffle.ts';
import type { RandomSplit } from './split.ts';
import type { Frame, Leg } from './types.ts';

export type { QuizOption } from './quiz-options.ts';

export type QuestionKind = 'chain' | 'endpoint' | 'route' | 'masquerade';

export interface Question {
  readonly kind: QuestionKind;
  /** The frame shown while it is asked: the step just before the packet's move. */
  readonly at: number;
  /** The frame whose step makes the move, and so answers it. */
  readonly answer: number;
  readonly prompt: Narration;
  /** Three or four, in a seeded order. */
  readonly options: readonly QuizOption[];
  /** The id of the right option. */
  readonly correct: string;
  /** The narration of the answering step: the same words the player says there. */
  readonly explanation: readonly Narration[];
}

export interface QuizInput {
  readonly frames: readonly Frame[];
  readonly legs: readonly Leg[];
  /** The node the packets crossed: its interfaces make the wrong answers of routing and MASQUERADE. */
  readonly node?: NodeModel;
  /**
   * The targets of a chain's rules in order (`KUBE-SVC-…`, `KUBE-NODEPORTS`, `DNAT`), when
   * known: the chains the packet could have jumped to instead.
   */
  readonly targets?: (table: string, chain: string) => readonly string[];
  /** What the narration of the answering step needs (rule text, splits). */
  readonly context?: NarrationContext;
}

/** A question before its options are shuffled: the right option comes first. */
interface Draft {
  readonly kind: QuestionKind;
  readonly at: number;
  readonly answer: number;
  readonly prompt: Narration;
  readonly options: readonly QuizOption[];
}

/** The first frame of the run of steps in the same chain (and packet, hook) that ends at `i`. */
function runStart(frames: readonly Frame[], i: number): number {
  const end = frames[i] as Frame;
  let j = i;
  while (j > 0) {
    const f = frames[j - 1] as Frame;
    const same =
      f.leg === end.leg && f.hook === end.hook && f.table === end.table && f.chain === end.chain;
    if (!same || f.step.kind === 'event') break;
    j--;
  }
  return j;
}

const splitOf = (leg: Leg | undefined, step: RuleStep): RandomSplit | undefined => {
  const split = leg?.splits?.[`${step.table}/${step.chain}`];
  return split && isDrawn(split) ? split : undefined;
};

/** Jumps out of nat chains (once per chain and packet), and the random splits among them. */
function jumpDrafts(input: QuizInput): Draft[] {
  const { frames, legs, targets } = input;
  const asked = new Set<string>();
  const drafts: Draft[] = [];
  frames.forEach((frame, i) => {
    const { step } = frame;
    if (step.kind !== 'rule' || !step.matched || step.table !== 'nat') return;
    // POSTROUTING's jump to KUBE-POSTROUTING is the masquerade question's.
    if (step.hook === 'POSTROUTING') return;
    const target = jumpTarget(step);
    const key = `${String(frame.leg)} ${step.chain}`;
    if (target === undefined || asked.has(key)) return;
    asked.add(key);
    const at = runStart(frames, i) - 1;
    if (at < 0) return;
    const split = splitOf(legs[frame.leg], step);
    if (split) {
      const prompt = ask('prompt.endpoint', { chain: step.chain, count: split.branches.length });
      drafts.push({
        kind: 'endpoint',
        at,
        answer: i,
        prompt,
        options: endpointOptions(split, target),
      });
      return;
    }
    const visited = frames
      .filter((f) => f.leg === frame.leg && f.table === step.table && f.chain !== step.chain)
      .flatMap((f) => (f.chain === undefined ? [] : [f.chain]));
    const options = chainOptions(target, targets?.(step.table, step.chain) ?? [], visited);
    const prompt = ask('prompt.chain', { table: step.table, chain: step.chain });
    drafts.push({ kind: 'chain', at, answer: i, prompt, options });
  });
  return drafts;
}

/** Routing's decision after a DNAT of the same packet. */
function routeDrafts({ frames, node }: QuizInput): Draft[] {
  const drafts: Draft[] = [];
  const dnatted = new Set<number>();
  frames.forEach((frame, i) => {
    const { step } = frame;
    if (step.kind === 'rule' && step.effect?.kind === 'dnat') dnatted.add(frame.leg);
    if (step.kind !== 'event' || !dnatted.has(frame.leg) || i === 0) return;
    if (step.event !== 'route' && step.event !== 'reroute') return;
    dnatted.delete(frame.leg);
    const kind = step.detail?.kind;
    const dev = step.detail?.dev;
    const local = step.event === 'route' && kind === 'local';
    if (!local && typeof dev !== 'string') return;
    const before = (frames[i - 1] as Frame).after;
    const prompt = ask('prompt.route', { dst: destinationOf(before) });
    const options = routeOptions(local ? undefined : String(dev), before, node);
    drafts.push({ kind: 'route', at: i - 1, answer: i, prompt, options });
  });
  return drafts;
}

/** For each packet that walks the nat table at POSTROUTING: is its source rewritten? */
function masqueradeDrafts({ frames, node }: QuizInput): Draft[] {
  const legs = new Set(frames.map((f) => f.leg));
  return [...legs].flatMap((leg): Draft[] => {
    const indexes = frames.flatMap((f, i) => (f.leg === leg ? [i] : []));
    const post = indexes.filter((i) => frames[i]?.hook === 'POSTROUTING');
    const walked = post.filter((i) => {
      const f = frames[i] as Frame;
      return f.table === 'nat' && f.step.kind !== 'event';
    });
    const first = post[0];
    if (first === undefined || first === 0 || walked.length === 0) return [];
    const snat = walked.find((i) => {
      const s = (frames[i] as Frame).step;
      return s.kind === 'rule' && s.effect?.kind === 'snat';
    });
    const answer = snat ?? walked[walked.length - 1];
    if (answer === undefined) return [];
    const step = (frames[answer] as Frame).step;
    const to = step.kind === 'rule' && step.effect?.kind === 'snat' ? step.effect.to : undefined;
    const before = (frames[first - 1] as Frame).after;
    const prompt = ask('prompt.masquerade', {
      src: sourceOf(before),
      dev: (frames[answer] as Frame).after.outInterface ?? '',
    });
    const options = masqueradeOptions(to, before, node);
    return [{ kind: 'masquerade', at: first - 1, answer, prompt, options }];
  });
}

/**
 * The questions of a played conversation, in the order the player meets them; one per step.
 *
 * @example
 *   const quiz = buildQuiz({ frames, legs, node: plan.model, context });
 *   quiz[0]; // { kind: 'chain', at: 1, answer: 3, correct: 'KUBE-SERVICES', options: [4], … }
 */
export function buildQuiz(input: QuizInput): Question[] {
  const drafts = [...jumpDrafts(input), ...routeDrafts(input), ...masqueradeDrafts(input)]
    // Fewer than three options is no question: a guess between two is a coin toss.
    .filter((d) => d.options.length >= 3)
    .sort((a, b) => a.at - b.at || a.answer - b.answer);
  const questions: Question[] = [];
  for (const draft of drafts) {
    if (questions.some((q) => q.at === draft.at)) continue;
    const correct = (draft.options[0] as QuizOption).id;
    const frame = input.frames[draft.answer] as Frame;
    questions.push({
      ...draft,
      options: seededShuffle(draft.options, `${draft.kind} ${String(draft.at)} ${correct}`),
      correct,
      explanation: narrate(frame, input.context),
    });
  }
  return questions;
}

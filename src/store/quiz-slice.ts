import type { StateCreator } from 'zustand';
import { buildQuiz, type Question } from '../domain/play/quiz.ts';
import { narrationContextOf, playRule, type Playback } from './playback-slice.ts';
import type { KpvizState } from './store.ts';

/** What the learner did with one question: the option chosen, and whether it was checked. */
export interface QuizAnswer {
  readonly choice: string | null;
  readonly checked: boolean;
}

/**
 * "Where does the packet go next?" while a scenario plays. The questions are derived from the
 * frames (domain/play/quiz.ts); only the answers are state. With the quiz on, playing stops at
 * each question's step until the learner checks an answer and continues.
 */
export interface QuizSlice {
  quizOn: boolean;
  /** By the step a question is asked at. */
  quizAnswers: Readonly<Record<number, QuizAnswer>>;
  /** Whether playing stopped for the question shown: continuing plays on. */
  quizPaused: boolean;
  setQuiz: (on: boolean) => void;
  chooseAnswer: (at: number, choice: string) => void;
  checkAnswer: (at: number) => void;
  /** On from the question: the next step, playing again if the question stopped the play. */
  continueQuiz: () => void;
}

const NO_QUESTIONS: readonly Question[] = [];
// One quiz per played conversation: the frames array is new only when the scenario plays again.
const built = new WeakMap<object, readonly Question[]>();

/** The questions of the conversation played, built once per playback. */
export function questionsOf(playback: Playback): readonly Question[] {
  if (playback.status !== 'ready') return NO_QUESTIONS;
  const cached = built.get(playback.frames);
  if (cached) return cached;
  const { frames, legs, plan } = playback;
  const questions = buildQuiz({
    frames,
    legs,
    node: plan.model,
    // The play answer holds every rule of the chains the packets went through, by table/chain#n.
    targets: (table, chain) => {
      const found: string[] = [];
      for (let i = 1, rule; (rule = playRule(playback, table, chain, i)); i++) {
        if (rule.target !== undefined) found.push(rule.target);
      }
      return found;
    },
    context: narrationContextOf(playback),
  });
  built.set(frames, questions);
  return questions;
}

export const createQuizSlice: StateCreator<KpvizState, [], [], QuizSlice> = (set, get, store) => {
  store.subscribe((state, previous) => {
    // Another conversation: its questions start unanswered.
    if (state.playback !== previous.playback && Object.keys(state.quizAnswers).length > 0)
      set({ quizAnswers: {}, quizPaused: false });
    // Playing onto a question's step stops there, unless it was answered already.
    if (!state.quizOn || !state.playing || state.step === previous.step) return;
    const asked = questionsOf(state.playback).some((q) => q.at === state.step);
    if (asked && state.quizAnswers[state.step]?.checked !== true)
      set({ playing: false, quizPaused: true });
  });

  const answerAt = (at: number): QuizAnswer =>
    get().quizAnswers[at] ?? { choice: null, checked: false };

  return {
    quizOn: false,
    quizAnswers: {},
    quizPaused: false,
    setQuiz: (on) => set({ quizOn: on, quizPaused: false }),
    chooseAnswer: (at, choice) => {
      if (answerAt(at).checked) return;
      set((state) => ({ quizAnswers: { ...state.quizAnswers, [at]: { choice, checked: false } } }));
    },
    checkAnswer: (at) => {
      const answer = answerAt(at);
      if (answer.choice === null) return;
      set((state) => ({
        quizAnswers: { ...state.quizAnswers, [at]: { ...answer, checked: true } },
      }));
    },
    continueQuiz: () => {
      const resume = get().quizPaused;
      set({ quizPaused: false });
      get().stepForward();
      // The next step may ask a question of its own (KUBE-SERVICES's jump, then the split):
      // stay there, as playing onto it would.
      const { step, playback, quizAnswers } = get();
      const asked = questionsOf(playback).some((q) => q.at === step);
      if (asked && quizAnswers[step]?.checked !== true) set({ quizPaused: resume });
      else if (resume) get().play();
    },
  };
};

export const selectQuizOn = (state: KpvizState): boolean => state.quizOn;

/** The question asked at the step shown, while the quiz is on. */
export const selectQuestion = (state: KpvizState): Question | undefined =>
  state.quizOn ? questionsOf(state.playback).find((q) => q.at === state.step) : undefined;

/** The learner's answer to the question at `at`. */
export const selectAnswer =
  (at: number) =>
  (state: KpvizState): QuizAnswer | undefined =>
    state.quizAnswers[at];

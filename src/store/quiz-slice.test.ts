import { SEED_LISTING } from '../domain/examples/seed.ts';
import { DumpSession } from '../session/dump-session.ts';
import { pageSessionOf } from '../session/session-client.ts';
import { questionsOf, selectQuestion } from './quiz-slice.ts';
import { useKpvizStore } from './store.ts';

const store = useKpvizStore;

beforeEach(async () => {
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)) });
  await store.getState().chooseScenario('nodeport-external');
});

/** The step the first question is asked at. */
const firstAt = (): number => questionsOf(store.getState().playback)[0]?.at ?? -1;

describe('the quiz slice', () => {
  it('builds the questions once per played conversation', () => {
    const { playback } = store.getState();
    expect(questionsOf(playback).length).toBeGreaterThan(3);
    expect(questionsOf(playback)).toBe(questionsOf(playback));
  });

  it('stops playing at a question’s step while the quiz is on', () => {
    const s = store.getState();
    s.setQuiz(true);
    s.stepTo(firstAt() - 1);
    s.play();
    store.getState().stepForward();
    expect(store.getState()).toMatchObject({ step: firstAt(), playing: false, quizPaused: true });
    expect(selectQuestion(store.getState())?.at).toBe(firstAt());
  });

  it('plays through question steps while the quiz is off', () => {
    const s = store.getState();
    s.stepTo(firstAt() - 1);
    s.play();
    store.getState().stepForward();
    expect(store.getState()).toMatchObject({ step: firstAt(), playing: true });
    expect(selectQuestion(store.getState())).toBeUndefined();
  });

  it('checks only a chosen answer, and continues playing after a question that stopped it', () => {
    const s = store.getState();
    s.setQuiz(true);
    s.stepTo(firstAt() - 1);
    s.play();
    store.getState().stepForward();
    store.getState().checkAnswer(firstAt());
    expect(store.getState().quizAnswers[firstAt()]).toBeUndefined();
    store.getState().chooseAnswer(firstAt(), 'KUBE-SERVICES');
    store.getState().checkAnswer(firstAt());
    // A checked answer is final.
    store.getState().chooseAnswer(firstAt(), 'KUBE-NODEPORTS');
    expect(store.getState().quizAnswers[firstAt()]).toEqual({
      choice: 'KUBE-SERVICES',
      checked: true,
    });
    store.getState().continueQuiz();
    expect(store.getState()).toMatchObject({ step: firstAt() + 1, playing: true });
  });

  it('forgets the answers when the scenario plays again', async () => {
    store.getState().setQuiz(true);
    store.getState().chooseAnswer(firstAt(), 'KUBE-SERVICES');
    await store.getState().chooseScenario('node-to-clusterip');
    expect(store.getState().quizAnswers).toEqual({});
  });
});

describe('continuing onto a question', () => {
  it('stays at a step that asks a question of its own, and plays on once it is answered', () => {
    const questions = questionsOf(store.getState().playback);
    // nodeport-external asks at the jump to KUBE-SVC and, the step after, at its split.
    const pair = questions.find((q) => questions.some((r) => r.at === q.at + 1));
    expect(pair).toBeDefined();
    const at = pair?.at ?? 0;
    const s = store.getState();
    s.setQuiz(true);
    s.stepTo(at - 1);
    s.play();
    store.getState().stepForward();
    store.getState().chooseAnswer(at, 'x');
    store.getState().checkAnswer(at);
    store.getState().continueQuiz();
    expect(store.getState()).toMatchObject({ step: at + 1, playing: false, quizPaused: true });
    store.getState().chooseAnswer(at + 1, 'x');
    store.getState().checkAnswer(at + 1);
    store.getState().continueQuiz();
    expect(store.getState()).toMatchObject({ step: at + 2, playing: true });
  });
});

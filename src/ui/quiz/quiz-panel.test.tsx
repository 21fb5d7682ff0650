import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import type { Question } from '../../domain/play/quiz.ts';
import { DumpSession } from '../../session/dump-session.ts';
import { pageSessionOf } from '../../session/session-client.ts';
import { questionsOf } from '../../store/quiz-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { QuizPanel } from './quiz-panel.tsx';
import { QuizToggle } from './quiz-toggle.tsx';

const store = useKpvizStore;

beforeEach(async () => {
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)) });
  await i18n.changeLanguage('en');
});

/** The seed's node → ClusterIP scenario played, with the quiz toggle and panel shown. */
async function playSeed(): Promise<readonly Question[]> {
  await act(() => store.getState().chooseScenario('node-to-clusterip'));
  render(
    <>
      <QuizToggle />
      <QuizPanel />
    </>,
  );
  return questionsOf(store.getState().playback);
}

/** The option of a question that is, or is not, the right one. */
const optionText = (q: Question, right: boolean): string =>
  String(q.options.find((o) => (o.id === q.correct) === right)?.text.values.chain);

describe('QuizPanel', () => {
  it('asks nothing while the quiz is off', async () => {
    const [first] = await playSeed();
    act(() => store.getState().stepTo(first?.at ?? 0));
    expect(screen.queryByRole('region', { name: 'Question' })).not.toBeInTheDocument();
  });

  it('asks at a question’s step, by keyboard: a wrong answer is said wrong, with why', async () => {
    const user = userEvent.setup();
    const [, second] = await playSeed();
    const q = second as Question;
    await user.click(screen.getByRole('button', { name: 'Quiz' }));
    expect(screen.getByRole('button', { name: 'Quiz' })).toHaveAttribute('aria-pressed', 'true');
    act(() => store.getState().stepTo(q.at));

    const region = screen.getByRole('region', { name: 'Question' });
    expect(region).toHaveTextContent(
      'The packet is about to walk nat KUBE-SERVICES. Which chain does a rule there send it to next?',
    );
    const group = within(region).getByRole('radiogroup', { name: /Which chain/ });
    const radios = within(group).getAllByRole('radio');
    expect(radios.length).toBeGreaterThanOrEqual(3);
    const check = within(region).getByRole('button', { name: 'Check answer' });
    expect(check).toBeDisabled();

    const wrong = within(group).getByRole('radio', { name: optionText(q, false) });
    wrong.focus();
    await user.keyboard(' ');
    expect(wrong).toBeChecked();
    expect(check).toBeEnabled();
    await user.tab();
    expect(check).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(within(region).getByRole('status')).toHaveTextContent(
      `Not quite. The answer is: ${optionText(q, true)}.`,
    );
    expect(within(region).getByRole('heading', { name: 'Why' })).toBeInTheDocument();
    expect(region).toHaveTextContent('KUBE-SERVICES');
    for (const radio of within(group).getAllByRole('radio')) expect(radio).toBeDisabled();
    const next = within(region).getByRole('button', { name: 'Continue' });
    expect(next).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(store.getState().step).toBe(q.at + 1);
  });

  it('says a right answer is right', async () => {
    const user = userEvent.setup();
    const [first] = await playSeed();
    const q = first as Question;
    act(() => {
      store.getState().setQuiz(true);
      store.getState().stepTo(q.at);
    });
    const region = screen.getByRole('region', { name: 'Question' });
    await user.click(within(region).getByRole('radio', { name: optionText(q, true) }));
    await user.click(within(region).getByRole('button', { name: 'Check answer' }));
    expect(within(region).getByRole('status')).toHaveTextContent(
      `Correct: ${optionText(q, true)}.`,
    );
  });

  it('asks in Chinese when the UI is', async () => {
    const [first] = await playSeed();
    await act(async () => {
      await i18n.changeLanguage('zh');
      store.getState().setQuiz(true);
      store.getState().stepTo(first?.at ?? 0);
    });
    const region = screen.getByRole('region', { name: '问题' });
    expect(within(region).getByRole('button', { name: '检查答案' })).toBeDisabled();
    expect(region).toHaveTextContent('数据包即将经过 nat 表的 OUTPUT 链');
  });
});

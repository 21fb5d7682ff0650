import { useEffect, useId, useRef } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { Question } from '../../domain/play/quiz.ts';
import { questionsOf, selectQuestion } from '../../store/quiz-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';
import './quiz.css';
import { useSay } from './use-say.ts';

/** The question asked at the step shown, while the quiz is on; nothing otherwise. */
export function QuizPanel() {
  const question = useKpvizStore(selectQuestion);
  // A new question is a new form: no focus or choice carried over from the last one.
  return question ? <QuestionForm key={question.at} question={question} /> : null;
}

/**
 * One question: its options as a radio group (arrow keys move between them), "Check answer",
 * then whether it was right — in words, not only colour — with the narration of the step that
 * answers it, and "Continue".
 */
function QuestionForm({ question }: { question: Question }) {
  const { t } = useTranslation();
  const say = useSay();
  const id = useId();
  const store = useKpvizApi();
  const answer = useKpvizStore((state) => state.quizAnswers[question.at]);
  const number = useKpvizStore((state) => questionsOf(state.playback).indexOf(question) + 1);
  const total = useKpvizStore((state) => questionsOf(state.playback).length);
  const { chooseAnswer, checkAnswer, continueQuiz } = store.getState();
  const next = useRef<HTMLButtonElement>(null);
  // Checking removes the button that had focus: focus goes on to Continue, not to the page.
  const focusNext = useRef(false);
  const choice = answer?.choice ?? null;
  const checked = answer?.checked === true;
  const right = question.options.find((o) => o.id === question.correct);

  useEffect(() => {
    if (!checked || !focusNext.current) return;
    focusNext.current = false;
    next.current?.focus();
  }, [checked]);

  return (
    <section className="quiz-panel" aria-label={t('quiz.heading')}>
      <h3>
        {t('quiz.heading')}{' '}
        <span className="muted">{t('quiz.progress', { n: number, total })}</span>
      </h3>
      <p id={`${id}-prompt`} className="quiz-prompt">
        {say(question.prompt)}
      </p>
      <div role="radiogroup" aria-labelledby={`${id}-prompt`} className="quiz-options">
        {question.options.map((option) => (
          <label
            key={option.id}
            className={
              checked && option.id === question.correct
                ? 'quiz-option is-correct'
                : checked && option.id === choice
                  ? 'quiz-option is-wrong'
                  : 'quiz-option'
            }
          >
            <input
              type="radio"
              name={`${id}-option`}
              value={option.id}
              checked={choice === option.id}
              disabled={checked}
              onChange={() => chooseAnswer(question.at, option.id)}
            />{' '}
            {say(option.text)}
            {checked && option.id === question.correct && <span aria-hidden="true"> ✓</span>}
          </label>
        ))}
      </div>
      <div role="status" className="quiz-result">
        {checked &&
          right &&
          (choice === question.correct
            ? t('quiz.correct', { answer: say(right.text) })
            : t('quiz.incorrect', { answer: say(right.text) }))}
      </div>
      {checked ? (
        <>
          <h4>{t('quiz.why')}</h4>
          {question.explanation.map((sentence) => (
            <p key={sentence.key}>{say(sentence)}</p>
          ))}
          <button ref={next} type="button" className="primary" onClick={continueQuiz}>
            {t('quiz.continue')}
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="primary"
            disabled={choice === null}
            onClick={() => {
              focusNext.current = true;
              checkAnswer(question.at);
            }}
          >
            {t('quiz.check')}
          </button>
          {choice === null && <p className="muted">{t('quiz.choose')}</p>}
        </>
      )}
    </section>
  );
}

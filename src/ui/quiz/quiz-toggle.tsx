import { useTranslation } from '../i18n/use-translation.tsx';
import { selectQuizOn } from '../../store/quiz-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/** Turns the quiz on or off: with it on, playing stops at each question. */
export function QuizToggle() {
  const { t } = useTranslation();
  const on = useKpvizStore(selectQuizOn);
  const setQuiz = useKpvizStore((state) => state.setQuiz);
  return (
    <button type="button" aria-pressed={on} onClick={() => setQuiz(!on)}>
      {t('quiz.toggle')}
    </button>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectProblems } from '../store/rules-slice.ts';
import { useKpvizStore } from '../store/store.ts';

/** What the parser could not take in, each pointing at the line the user pasted. */
export function ProblemList() {
  const { t } = useTranslation();
  const headingId = useId();
  const problems = useKpvizStore(selectProblems);
  if (problems.length === 0) return null;
  return (
    <section className="problems" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('problems.heading')}</h2>
      <ul>
        {problems.map((problem, index) => (
          <li key={index} className={`problem problem-${problem.severity}`}>
            <code>{t('problems.at', { line: problem.line, column: problem.column })}</code>:{' '}
            <span className="badge">{t(`problems.${problem.severity}`)}</span> {problem.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

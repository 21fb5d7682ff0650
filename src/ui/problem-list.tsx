import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from './i18n/use-translation.tsx';
import type { Problem } from '../domain/model/problem.ts';
import { selectDump, selectOverview } from '../store/rules-slice.ts';
import { useKpvizStore } from '../store/store.ts';
import { linesAround } from './lines-around.ts';

/**
 * What the parser could not take in, each pointing at the line the user
 * pasted; choosing one shows that line among its neighbours.
 */
export function ProblemList() {
  const { t } = useTranslation();
  const headingId = useId();
  // Deferred: a new dump's graph is drawn first, in its own task; its problems follow,
  // and until they do the list says it is busy, as it does while a big dump's rules are
  // still being read (their problems come when they are).
  const overview = useKpvizStore(selectOverview);
  const shown = useDeferredValue(overview);
  const { problems, problemCount } = shown;
  // The problem shown in context, by what it says: the list grows when a dump's last rules are read.
  const [open, setOpen] = useState<string | null>(null);
  if (problems.length === 0) return null;
  const keys = problemKeys(problems);
  return (
    <section
      className="callout problems"
      aria-labelledby={headingId}
      aria-busy={shown !== overview || overview.checking || undefined}
    >
      <h2 id={headingId}>{t('problems.heading', { count: problemCount })}</h2>
      <ul>
        {problems.map((problem, index) => {
          const key = keys[index] as string;
          return (
            <li key={key} className={`problem problem-${problem.severity}`}>
              <button
                type="button"
                className="problem-button"
                aria-expanded={open === key}
                onClick={() => setOpen(open === key ? null : key)}
              >
                <code>{t('problems.at', { line: problem.line, column: problem.column })}</code>:{' '}
                <span className="badge">{t(`problems.${problem.severity}`)}</span> {problem.message}
              </button>
              {open === key && <ProblemContext problem={problem} />}
            </li>
          );
        })}
      </ul>
      {problemCount > problems.length && (
        <p className="muted">{t('problems.more', { count: problemCount - problems.length })}</p>
      )}
    </section>
  );
}

/**
 * Each problem told from the others of its dump by where it is and what it says (two alike
 * by how many came before), so that a key stays with its problem when others are added.
 */
function problemKeys(problems: readonly Problem[]): string[] {
  const seen = new Map<string, number>();
  return problems.map((p) => {
    const key = `${p.line}:${p.column}:${p.severity}:${p.message}`;
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return `${key}#${count}`;
  });
}

/** The problem's line and two on each side, numbered, with a caret under the column. */
function ProblemContext({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  const dump = useKpvizStore(selectDump);
  const lines = linesAround(dump, problem.line, 2);
  const width = String(problem.line + 2).length;
  return (
    <pre className="problem-context" aria-label={t('problems.context', { line: problem.line })}>
      {lines.map(({ number, text }) => (
        <span key={number} className={number === problem.line ? 'problem-line' : undefined}>
          {`${String(number).padStart(width)} │ ${text}\n`}
          {number === problem.line &&
            `${' '.repeat(width)} │ ${' '.repeat(Math.max(0, problem.column - 1))}^\n`}
        </span>
      ))}
    </pre>
  );
}

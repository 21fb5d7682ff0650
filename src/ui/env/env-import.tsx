import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { useKpvizStore } from '../../store/store.ts';

/**
 * Kubernetes YAML into the editor: an export of kpviz's, or Services and EndpointSlices from a
 * cluster. YAML that cannot be read changes nothing and says why, by line; YAML that reads
 * replaces the form, where validation marks whatever kube-proxy would not take.
 */
export function EnvImport() {
  const { t } = useTranslation();
  const fieldId = useId();
  const fileId = useId();
  const hintId = useId();
  const problems = useKpvizStore((state) => state.envImportProblems);
  const importYaml = useKpvizStore((state) => state.importEnvironmentYaml);
  const [text, setText] = useState('');
  // The text last imported: "Imported." stands until the text changes.
  const [imported, setImported] = useState<string | null>(null);

  const run = (yaml: string) => {
    void importYaml(yaml).then((done) => setImported(done ? yaml : null));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run(text);
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file chosen again is a new import.
    event.target.value = '';
    if (!file) return;
    void file.text().then((yaml) => {
      setText(yaml);
      run(yaml);
    });
  };

  return (
    <form className="env-transfer" aria-label={t('env.import.heading')} onSubmit={onSubmit}>
      <h3>{t('env.import.heading')}</h3>
      <label htmlFor={fieldId}>{t('env.import.label')}</label>
      <textarea
        id={fieldId}
        value={text}
        rows={6}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={hintId}
        onChange={(event) => setText(event.target.value)}
      />
      <p id={hintId} className="muted">
        {t('env.import.hint')}
      </p>
      <div className="actions">
        <button type="submit">{t('env.import.apply')}</button>
        <label htmlFor={fileId}>{t('env.import.file')}</label>
        <input id={fileId} type="file" accept=".yaml,.yml,.json,text/*" onChange={onFile} />
      </div>
      {imported !== null && imported === text && <p role="status">{t('env.import.imported')}</p>}
      {problems.length > 0 && (
        <section aria-label={t('env.import.problems')}>
          <ul>
            {problems.map((problem, i) => (
              <li key={i} className={`problem problem-${problem.severity}`}>
                <code>{t('problems.at', { line: problem.line, column: problem.column })}</code>:{' '}
                <span className="badge">{t(`problems.${problem.severity}`)}</span> {problem.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}

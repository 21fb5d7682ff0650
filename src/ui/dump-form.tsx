import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { selectDump, selectRevision } from '../store/rules-slice.ts';
import { useKpvizStore } from '../store/store.ts';

/** Where the user pastes a dump of their own, or goes back to the example. */
export function DumpForm() {
  const { t } = useTranslation();
  const fieldId = useId();
  const dump = useKpvizStore(selectDump);
  // A new load starts the field over from the store's text.
  const revision = useKpvizStore(selectRevision);
  const loadDump = useKpvizStore((state) => state.loadDump);
  const loadExample = useKpvizStore((state) => state.loadExample);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = new FormData(event.currentTarget).get('dump');
    if (typeof text === 'string') loadDump(text);
  };

  return (
    <details className="source">
      <summary>{t('source.summary')}</summary>
      <form onSubmit={onSubmit}>
        <label htmlFor={fieldId}>{t('source.label')}</label>
        <textarea
          key={revision}
          id={fieldId}
          name="dump"
          defaultValue={dump}
          rows={12}
          spellCheck={false}
          autoComplete="off"
        />
        <div className="actions">
          <button type="submit">{t('source.show')}</button>
          <button type="button" onClick={loadExample}>
            {t('source.example')}
          </button>
        </div>
      </form>
    </details>
  );
}

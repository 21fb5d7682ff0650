import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { selectDump, selectRevision } from '../store/rules-slice.ts';
import { useKpvizStore } from '../store/store.ts';

/** Where the user pastes a dump of their own, or goes back to the example. */
export function DumpForm() {
  const { t } = useTranslation();
  const fieldId = useId();
  const dump = useKpvizStore(selectDump);
  const revision = useKpvizStore(selectRevision);
  const field = useRef<HTMLTextAreaElement>(null);
  // A new load starts the field over from the store's text. Only when it differs: after the
  // field's own dump is shown it already holds it, and rewriting 20 MB of text takes seconds.
  useEffect(() => {
    if (field.current && field.current.value !== dump) field.current.value = dump;
  }, [dump, revision]);
  const loadDump = useKpvizStore((state) => state.loadDump);
  const loadExample = useKpvizStore((state) => state.loadExample);
  // Closed once a dump is shown, so the result comes into view; and a closed
  // field costs no layout, which for a 20 MB dump takes seconds.
  const [open, setOpen] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = new FormData(event.currentTarget).get('dump');
    if (typeof text === 'string') loadDump(text);
    setOpen(false);
  };

  return (
    <details
      className="dump-source"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t('source.summary')}</summary>
      <form onSubmit={onSubmit}>
        <label htmlFor={fieldId}>{t('source.label')}</label>
        <textarea
          ref={field}
          id={fieldId}
          name="dump"
          defaultValue={dump}
          rows={12}
          spellCheck={false}
          autoComplete="off"
        />
        <div className="actions">
          <button type="submit">{t('source.show')}</button>
          <button
            type="button"
            onClick={() => {
              loadExample();
              setOpen(false);
            }}
          >
            {t('source.example')}
          </button>
        </div>
      </form>
    </details>
  );
}

import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { selectSearchQuery } from '../../store/graph-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';

/**
 * How long typing must pause before the search runs: it reads every rule of
 * the dump, which for 10,000 Services takes longer than a keystroke.
 */
const SETTLE_MS = 200;

/** Finds chains and rules by IP, port, chain name or comment; Enter goes to the first match. */
export function SearchBox() {
  const store = useKpvizApi();
  const { t } = useTranslation();
  const fieldId = useId();
  const query = useKpvizStore(selectSearchQuery);
  const setSearchQuery = useKpvizStore((state) => state.setSearchQuery);
  const jumpTo = useKpvizStore((state) => state.jumpTo);
  const [text, setText] = useState(query);
  // A new dump clears the query in the store; the field follows.
  const [shownQuery, setShownQuery] = useState(query);
  if (shownQuery !== query) {
    setShownQuery(query);
    setText(query);
  }

  useEffect(() => {
    if (text === query) return;
    const timer = setTimeout(() => setSearchQuery(text), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [text, query, setSearchQuery]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    setSearchQuery(text);
    const { session } = store.getState();
    session.query('search', text).then(
      ({ hits: [first] }) => {
        const now = store.getState();
        // Only if nothing else was typed or loaded meanwhile.
        if (first !== undefined && now.session === session && now.searchQuery === text) {
          jumpTo(first);
        }
      },
      () => {},
    );
  };

  return (
    <div className="field">
      <label htmlFor={fieldId}>{t('search.label')}</label>
      <input
        id={fieldId}
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

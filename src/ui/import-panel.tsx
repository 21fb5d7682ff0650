import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
} from 'react';
import { useTranslation } from './i18n/use-translation.tsx';
import { TABLE_NAMES, type TableName } from '../domain/model/names.ts';
import { countLines } from '../domain/parse/lines.ts';
import type { OpenOptions, SourceFormat } from '../session/protocol.ts';
import { selectEnvRules } from '../store/env-slice.ts';
import { selectDump, selectLoading, selectRevision } from '../store/rules-slice.ts';
import { useKpvizStore } from '../store/store.ts';

/**
 * The largest text kpviz takes: a 30,000-Service cluster's iptables-save is
 * about 60 MB. Past this a browser tab risks running out of memory.
 */
export const MAX_DUMP_BYTES = 96 * 1024 * 1024;

const FORMATS: readonly ('auto' | SourceFormat)[] = ['auto', 'save', 'rules', 'listing', 'objects'];

/**
 * Text longer than this is kept aside instead of in the field: a browser lays
 * out every line of a textarea, and for a 20 MB dump that takes seconds in
 * which the page cannot answer.
 */
export const FIELD_MAX_CHARS = 1024 * 1024;

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** A file's text, through FileReader: every browser has it, workers or not. */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/**
 * Where the user brings rules of their own: pasted, or a file opened or
 * dropped. Parsing runs in a worker with a progress bar and a way to stop;
 * the text stays in the field whatever happens, and nothing leaves the page.
 */
export function ImportPanel() {
  const { t } = useTranslation();
  const fieldId = useId();
  const formatId = useId();
  const tableId = useId();
  const fileId = useId();
  const noteId = useId();
  const dump = useKpvizStore(selectDump);
  const revision = useKpvizStore(selectRevision);
  const loading = useKpvizStore(selectLoading);
  const loadDump = useKpvizStore((state) => state.loadDump);
  const loadExample = useKpvizStore((state) => state.loadExample);
  const cancelLoad = useKpvizStore((state) => state.cancelLoad);
  // The panel opened, text pasted or a file dragged in: a dump is coming, and its worker starts.
  const prepareLoad = useKpvizStore((state) => state.prepareLoad);
  const field = useRef<HTMLTextAreaElement>(null);
  const [format, setFormat] = useState<'auto' | SourceFormat>('auto');
  const [table, setTable] = useState<'' | TableName>('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // Closed once a dump is shown, so the result comes into view; and a closed
  // field costs no layout, which for a 20 MB dump takes seconds.
  const [open, setOpen] = useState(false);

  // Rules the environment editor generated replace the dump on screen, not the user's text here:
  // a paste stays, and Show rules brings it back.
  const fromEditor = useKpvizStore(selectEnvRules) === dump;

  // Text too big for the field, kept as given: pasted, opened, or the dump on screen.
  const [aside, setAside] = useState<string | null>(dump.length > FIELD_MAX_CHARS ? dump : null);
  // The dump the field starts over from: a new object for each load that is not the editor's.
  const [fieldLoad, setFieldLoad] = useState({ text: dump });
  // Text the user put in the field (or aside) and has not sent: a load that ends meanwhile (the
  // example opening as the page starts, the example asked for) leaves it where it is.
  const [edited, setEdited] = useState(false);
  // A new load starts the field over from the store's text. Only when it differs: after the
  // field's own dump is shown it already holds it, and rewriting text takes time.
  useEffect(() => {
    const wanted = fieldLoad.text.length > FIELD_MAX_CHARS ? '' : fieldLoad.text;
    if (field.current && field.current.value !== wanted) field.current.value = wanted;
  }, [fieldLoad]);

  // Counted once per text: a render of the panel (each progress report) must not scan 50 MB.
  const asideLines = useMemo(() => (aside === null ? 0 : countLines(aside)), [aside]);

  /** Put text where the user can see it: in the field, or aside when it is too big for it. */
  const keep = (text: string) => {
    setEdited(true);
    if (text.length > FIELD_MAX_CHARS) {
      setAside(text);
      if (field.current) field.current.value = '';
    } else {
      setAside(null);
      if (field.current) field.current.value = text;
    }
  };
  // A dump shown: the panel closes so the graph comes into view.
  const [shownRevision, setShownRevision] = useState(revision);
  if (shownRevision !== revision) {
    setShownRevision(revision);
    setOpen(false);
    if (!fromEditor && !edited) {
      setAside(dump.length > FIELD_MAX_CHARS ? dump : null);
      setFieldLoad({ text: dump });
    }
  }

  const options = (): OpenOptions => ({
    format,
    ...(table === '' ? {} : { table }),
  });

  /** Past the size limit: says so, and the caller stops. */
  const tooBig = (size: number): boolean => {
    if (size <= MAX_DUMP_BYTES) return false;
    setFileError(t('source.tooBig', { size: megabytes(size), max: megabytes(MAX_DUMP_BYTES) }));
    return true;
  };

  const load = (text: string) => {
    if (tooBig(text.length)) return;
    setFileError(null);
    void loadDump(text, options());
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Sent: the field is the dump's to show again once it is loaded.
    setEdited(false);
    load(aside ?? field.current?.value ?? '');
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    prepareLoad();
    const text = event.clipboardData.getData('text/plain');
    if (text.length <= FIELD_MAX_CHARS) return;
    // Kept aside, whole: the field would freeze the page laying it out.
    event.preventDefault();
    keep(text);
  };

  const readFile = async (file: File) => {
    if (tooBig(file.size)) return;
    try {
      const text = await readText(file);
      keep(text);
      load(text);
    } catch (error) {
      setFileError(t('source.unreadable', { name: file.name, reason: (error as Error).message }));
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void readFile(file);
    // The same file chosen again is a new load.
    event.target.value = '';
  };

  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  };

  const parsing = loading.phase === 'parsing';

  return (
    <details
      className="dump-source"
      open={open || parsing || loading.phase === 'failed' || fileError !== null}
      onToggle={(event) => {
        setOpen(event.currentTarget.open);
        if (event.currentTarget.open) prepareLoad();
      }}
    >
      <summary>{t('source.summary')}</summary>
      <form
        onSubmit={onSubmit}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
          prepareLoad();
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={dragging ? 'dragging' : undefined}
        aria-describedby={noteId}
      >
        <p id={noteId} className="privacy">
          {t('source.private')}
        </p>
        <label htmlFor={fieldId}>{t('source.label')}</label>
        <textarea
          ref={field}
          id={fieldId}
          name="dump"
          defaultValue={dump.length > FIELD_MAX_CHARS ? '' : dump}
          rows={12}
          spellCheck={false}
          autoComplete="off"
          hidden={aside !== null}
          onPaste={onPaste}
          onInput={() => setEdited(true)}
        />
        {aside !== null && (
          <div className="dump-aside" role="status">
            <p>
              {t('source.aside', {
                size: megabytes(aside.length),
                lines: asideLines,
              })}
            </p>
            <button type="button" onClick={() => keep('')}>
              {t('source.clear')}
            </button>
          </div>
        )}
        <div className="import-options">
          <div className="field">
            <label htmlFor={formatId}>{t('source.format')}</label>
            <select
              id={formatId}
              value={format}
              onChange={(event) => setFormat(event.target.value as 'auto' | SourceFormat)}
            >
              {FORMATS.map((value) => (
                <option key={value} value={value}>
                  {value === 'auto' ? t('source.detect') : t(`format.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={tableId}>{t('source.table')}</label>
            <select
              id={tableId}
              value={table}
              onChange={(event) => setTable(event.target.value as '' | TableName)}
            >
              <option value="">{t('source.tableFromText')}</option>
              {TABLE_NAMES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={fileId}>{t('source.file')}</label>
            <input
              id={fileId}
              type="file"
              accept=".txt,.rules,.save,.yaml,.yml,.json,text/*"
              onChange={onFile}
            />
          </div>
        </div>
        <p className="muted">{t('source.drop')}</p>
        <div className="actions">
          <button type="submit" disabled={parsing}>
            {t('source.show')}
          </button>
          <button type="button" onClick={loadExample}>
            {t('source.example')}
          </button>
        </div>
        {parsing && (
          <div className="parse-progress" role="status">
            <label>
              {loading.total === 0
                ? t('source.starting')
                : t('source.progress', { done: loading.done, total: loading.total })}
              <progress
                max={loading.total === 0 ? undefined : loading.total}
                value={loading.total === 0 ? undefined : loading.done}
              />
            </label>
            <button type="button" onClick={cancelLoad}>
              {t('source.cancel')}
            </button>
          </div>
        )}
        {loading.phase === 'failed' && (
          <p role="alert" className="problem-error">
            {t('source.failed', { reason: loading.message })}
          </p>
        )}
        {fileError !== null && (
          <p role="alert" className="problem-error">
            {fileError}
          </p>
        )}
      </form>
    </details>
  );
}

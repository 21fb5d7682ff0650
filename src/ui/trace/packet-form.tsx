import './trace.css';
import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { PACKET_PROTOCOLS } from '../../domain/sim/packet-input.ts';
import {
  interfaceLines,
  selectPacketErrors,
  selectPacketForm,
  selectPacketTracing,
  type CheckedField,
  type FieldError,
} from '../../store/packet-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';

/** The order problems are looked at in: the first wrong field gets the keyboard focus. */
const FIELD_ORDER: readonly CheckedField[] = [
  'src',
  'dst',
  'protocol',
  'from',
  'nodeIPs',
  'interfaces',
];

/** The interface names the extra interfaces field gives, for Enters. */
const interfaceNames = (text: string): string[] =>
  interfaceLines(text)
    .map(({ entry }) => entry.slice(0, entry.indexOf('=')).trim())
    .filter((name) => name !== '');

const hintId = (id: string) => `${id}-hint`;
const errorId = (id: string) => `${id}-error`;

/**
 * A packet of the user's own, and the node it meets, traced through the dump on screen.
 * What is typed stays as typed; a field the simulator cannot read says why beside it.
 */
export function PacketForm() {
  const store = useKpvizApi();
  const { t } = useTranslation();
  const headingId = useId();
  const ids = {
    src: useId(),
    dst: useId(),
    protocol: useId(),
    from: useId(),
    nodeIPs: useId(),
    interfaces: useId(),
    mode: useId(),
  };
  const form = useKpvizStore(selectPacketForm);
  const errors = useKpvizStore(selectPacketErrors);
  const tracing = useKpvizStore(selectPacketTracing);
  const setField = useKpvizStore((state) => state.setPacketField);
  const runTrace = useKpvizStore((state) => state.runTrace);

  /** Trace, then take the keyboard to the first field that needs fixing, if any. */
  const trace = async () => {
    await runTrace();
    const wrong = FIELD_ORDER.find((field) => field in store.getState().packetErrors);
    if (wrong !== undefined) document.getElementById(ids[wrong])?.focus();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void trace();
  };

  /** The ARIA attributes tying a field to its hint and its problem. */
  const described = (field: CheckedField, hint: boolean) => {
    const by = [
      ...(hint ? [hintId(ids[field])] : []),
      ...(errors[field] === undefined ? [] : [errorId(ids[field])]),
    ];
    return {
      'aria-invalid': errors[field] !== undefined,
      ...(by.length === 0 ? {} : { 'aria-describedby': by.join(' ') }),
    };
  };

  // A Service's protocol, or an interface a scenario names, shows even when not offered.
  const protocols: string[] = [...PACKET_PROTOCOLS];
  if (!protocols.includes(form.protocol)) protocols.push(form.protocol);
  const names = interfaceNames(form.interfaces);
  if (!['external', 'local', ...names].includes(form.from)) names.push(form.from);

  return (
    <form className="panel packet-form" aria-labelledby={headingId} onSubmit={onSubmit} noValidate>
      <h2 id={headingId}>{t('packet.heading')}</h2>
      <div className="packet-fields">
        <Field id={ids.src} label={t('packet.src')} hint={t('packet.srcHint')} error={errors.src}>
          <input
            id={ids.src}
            value={form.src}
            placeholder="10.244.0.5"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setField('src', event.target.value)}
            {...described('src', true)}
          />
        </Field>
        <Field id={ids.dst} label={t('packet.dst')} hint={t('packet.dstHint')} error={errors.dst}>
          <input
            id={ids.dst}
            value={form.dst}
            placeholder="10.96.0.10:80"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setField('dst', event.target.value)}
            {...described('dst', true)}
          />
        </Field>
        <Field id={ids.protocol} label={t('packet.protocol')} error={errors.protocol}>
          <select
            id={ids.protocol}
            value={form.protocol}
            onChange={(event) => setField('protocol', event.target.value)}
            {...described('protocol', false)}
          >
            {protocols.map((protocol) => (
              <option key={protocol} value={protocol}>
                {protocol}
              </option>
            ))}
          </select>
        </Field>
        <Field id={ids.from} label={t('packet.from')} error={errors.from}>
          <select
            id={ids.from}
            value={form.from}
            onChange={(event) => setField('from', event.target.value)}
            {...described('from', false)}
          >
            <option value="external">{t('packet.fromExternal')}</option>
            <option value="local">{t('packet.fromLocal')}</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {t('packet.fromInterface', { name })}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={ids.nodeIPs}
          label={t('packet.nodeIPs')}
          hint={t('packet.nodeIPsHint')}
          error={errors.nodeIPs}
        >
          <input
            id={ids.nodeIPs}
            value={form.nodeIPs}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setField('nodeIPs', event.target.value)}
            {...described('nodeIPs', true)}
          />
        </Field>
        <Field
          id={ids.interfaces}
          label={t('packet.interfaces')}
          hint={t('packet.interfacesHint')}
          error={errors.interfaces}
          wide
        >
          <textarea
            id={ids.interfaces}
            value={form.interfaces}
            rows={2}
            placeholder="cni0=10.244.0.1/24"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setField('interfaces', event.target.value)}
            {...described('interfaces', true)}
          />
        </Field>
        <Field id={ids.mode} label={t('packet.mode')}>
          <select
            id={ids.mode}
            value={form.mode}
            onChange={(event) => setField('mode', event.target.value === 'all' ? 'all' : 'single')}
          >
            <option value="single">{t('packet.single')}</option>
            <option value="all">{t('packet.all')}</option>
          </select>
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={tracing}>
          {t('packet.trace')}
        </button>
        {form.mode === 'single' && (
          <button
            type="button"
            disabled={tracing}
            onClick={() => {
              setField('seed', form.seed + 1);
              void trace();
            }}
          >
            {t('packet.again')}
          </button>
        )}
      </div>
    </form>
  );
}

/** A label, the control, a hint, and the control's problem when it has one. */
function Field({
  id,
  label,
  hint,
  error,
  wide = false,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: FieldError | undefined;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'packet-field packet-field-wide' : 'packet-field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <span id={hintId(id)} className="muted packet-hint">
          {hint}
        </span>
      )}
      {error !== undefined && <FieldProblem id={errorId(id)} label={label} error={error} />}
    </div>
  );
}

/** A problem in plain words: after the field's name, unless it is a sentence of its own. */
function FieldProblem({ id, label, error }: { id: string; label: string; error: FieldError }) {
  const { t } = useTranslation();
  const { message, line, standalone } = error;
  let words: string;
  if (line === undefined)
    words = standalone ? message : t('packet.problem', { field: label, message });
  else
    words = standalone
      ? t('packet.standaloneLine', { line, message })
      : t('packet.problemLine', { field: label, line, message });
  return (
    <span id={id} className="packet-error">
      {words}
    </span>
  );
}

import { useId, type ReactNode } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { useShallow } from 'zustand/react/shallow';
import type { EnvFieldProblem } from '../../store/env-form.ts';
import { useKpvizStore } from '../../store/store.ts';

/** The problems shown at one control; the same array while they do not change. */
function useFieldProblems(field: string): readonly EnvFieldProblem[] {
  return useKpvizStore(useShallow((state) => state.envProblems.filter((p) => p.field === field)));
}

/** A problem in plain words: validation's own, or the catalogue's for text that is no number. */
function ProblemWords({ problem }: { problem: EnvFieldProblem }) {
  const { t } = useTranslation();
  if (problem.kind === 'number') return <>{t('env.problem.number', { text: problem.message })}</>;
  if (problem.kind === 'required') return <>{t('env.problem.required')}</>;
  return <>{problem.message}</>;
}

interface FieldProps {
  /** The form path the control edits (`services[0].pods[1].ip`): its problems show here. */
  readonly field: string;
  readonly label: string;
  readonly hint?: string | undefined;
  /** Wider than one grid cell: lists of addresses. */
  readonly wide?: boolean;
}

/**
 * A label, the control, a hint, and the control's problems: tied to it by aria-invalid and
 * aria-describedby, so a screen reader reads the problem with the field.
 */
function Field({
  field,
  label,
  hint,
  wide = false,
  control,
}: FieldProps & {
  control: (id: string, aria: Record<string, string | boolean>) => ReactNode;
}) {
  const id = useId();
  const problems = useFieldProblems(field);
  const describedBy = [
    ...(hint === undefined ? [] : [`${id}-hint`]),
    ...(problems.length === 0 ? [] : [`${id}-problem`]),
  ];
  const aria = {
    'aria-invalid': problems.length > 0,
    ...(describedBy.length === 0 ? {} : { 'aria-describedby': describedBy.join(' ') }),
  };
  return (
    <div className={wide ? 'env-field env-field-wide' : 'env-field'}>
      <label htmlFor={id}>{label}</label>
      {control(id, aria)}
      {hint !== undefined && (
        <span id={`${id}-hint`} className="muted env-hint">
          {hint}
        </span>
      )}
      <FieldProblems id={`${id}-problem`} problems={problems} />
    </div>
  );
}

/** A field's problems, in plain words, where aria-describedby points (nothing when none). */
function FieldProblems({
  id,
  problems,
}: {
  id: string;
  problems: ReturnType<typeof useFieldProblems>;
}) {
  if (problems.length === 0) return null;
  return (
    <span id={id} className="env-problem">
      {problems.map((problem, i) => (
        <span key={i}>
          <ProblemWords problem={problem} />
        </span>
      ))}
    </span>
  );
}

/** A text field that keeps exactly what is typed. */
export function TextField({
  value,
  onChange,
  placeholder,
  ...props
}: FieldProps & { value: string; onChange: (value: string) => void; placeholder?: string }) {
  return (
    <Field
      {...props}
      control={(id, aria) => (
        <input
          id={id}
          value={value}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
          {...aria}
        />
      )}
    />
  );
}

/** A choice among fixed values, each with its words. */
export function SelectField<T extends string>({
  value,
  options,
  onChange,
  ...props
}: FieldProps & {
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <Field
      {...props}
      control={(id, aria) => (
        <select
          id={id}
          value={value}
          onChange={(event) =>
            onChange(options.find((o) => o.value === event.target.value)?.value ?? value)
          }
          {...aria}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A switch (checkbox), its label beside it. */
export function CheckField({
  field,
  label,
  checked,
  onChange,
}: {
  field: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const problems = useFieldProblems(field);
  return (
    <div className="env-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={problems.length > 0}
        {...(problems.length === 0 ? {} : { 'aria-describedby': `${id}-problem` })}
      />
      <label htmlFor={id}>{label}</label>
      <FieldProblems id={`${id}-problem`} problems={problems} />
    </div>
  );
}

/** The values both traffic policies take, named as Kubernetes names them. */
export const POLICIES = [
  { value: 'Cluster', label: 'Cluster' },
  { value: 'Local', label: 'Local' },
] as const;

/** Problems of a whole group (`a Service needs at least one port`), shown at its heading. */
export function GroupProblems({ field }: { field: string }) {
  const problems = useFieldProblems(field);
  if (problems.length === 0) return null;
  return (
    <p className="env-problem">
      {problems.map((problem, i) => (
        <span key={i}>
          <ProblemWords problem={problem} />
        </span>
      ))}
    </p>
  );
}

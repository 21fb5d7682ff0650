/** Something wrong or doubtful in what the user gave, pointing at the place. */
export interface Problem {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column of the offending token (1 when the whole line is meant). */
  readonly column: number;
  readonly message: string;
  /** `error`: the line could not be taken in; `warning`: taken in, but kpviz flags it. */
  readonly severity: 'error' | 'warning';
}

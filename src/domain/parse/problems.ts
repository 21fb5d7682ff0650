import type { Problem } from '../model/problem.ts';

/** Collects problems for one input, each tied to a line and column. */
export class ProblemLog {
  readonly problems: Problem[] = [];

  error(line: number, column: number, message: string): void {
    this.problems.push({ line, column, message, severity: 'error' });
  }

  warning(line: number, column: number, message: string): void {
    this.problems.push({ line, column, message, severity: 'warning' });
  }

  /** Forgets the problems logged after the first `count`: a reading that was started again. */
  truncate(count: number): void {
    this.problems.length = count;
  }
}

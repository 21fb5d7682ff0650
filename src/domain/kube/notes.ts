import type { TextPosition } from './objects.ts';

/**
 * Something in the input kube-proxy skips or cannot use. `info` is by design
 * (a headless Service has no rules); `warning` is probably a mistake in the input.
 */
export interface GenerationNote {
  readonly severity: 'info' | 'warning';
  readonly message: string;
  readonly position?: TextPosition;
}

/** Collects notes in input order. */
export class NoteLog {
  readonly notes: GenerationNote[] = [];

  info(message: string, position?: TextPosition): void {
    this.notes.push(
      position ? { severity: 'info', message, position } : { severity: 'info', message },
    );
  }

  warn(message: string, position?: TextPosition): void {
    this.notes.push(
      position ? { severity: 'warning', message, position } : { severity: 'warning', message },
    );
  }
}

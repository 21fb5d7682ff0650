/** A numbered line of a text. */
export interface NumberedLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
}

/**
 * Line `line` of `text` and up to `around` lines on each side, found by
 * scanning for newlines only as far as needed: a 50 MB dump is never split.
 *
 * @example
 *   linesAround('a\nb\nc\nd', 2, 1); // [{number:1,text:'a'},{number:2,text:'b'},{number:3,text:'c'}]
 */
export function linesAround(text: string, line: number, around: number): NumberedLine[] {
  const first = Math.max(1, line - around);
  const last = line + around;
  let start = 0;
  for (let n = 1; n < first; n++) {
    const end = text.indexOf('\n', start);
    if (end < 0) return [];
    start = end + 1;
  }
  const lines: NumberedLine[] = [];
  for (let n = first; n <= last && start <= text.length; n++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    lines.push({ number: n, text: text.slice(start, stop).replace(/\r$/, '') });
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}

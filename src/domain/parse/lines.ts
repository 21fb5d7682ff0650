/**
 * Splits text into lines; `\r\n` endings (a dump saved on Windows) are
 * accepted. A final newline does not make an empty last line.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

/**
 * How many lines `text` has, as splitLines counts them (a final newline makes
 * no extra line), without splitting it: a 50 MB dump is scanned, not copied.
 *
 * @example
 *   countLines('a\nb\n'); // 2
 */
export function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return text === '' || text.endsWith('\n') ? n : n + 1;
}

/**
 * A text's lines (as splitLines makes them) told by where they start and end, the string of
 * one made only when asked for: most of a big dump's 190,000 lines are looked at in place.
 */
export class TextLines {
  /** Where each line starts, then where a line after the last would (one past its newline). */
  private readonly starts: number[] = [];

  constructor(readonly text: string) {
    const { starts } = this;
    let at = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
      starts.push(at);
      at = nl + 1;
    }
    if (at < text.length) starts.push(at);
    // The last line's end, as if it had a newline.
    starts.push(at < text.length ? text.length + 1 : at);
  }

  get count(): number {
    return this.starts.length - 1;
  }

  /** Where line `index` (0-based) starts in the text. */
  start(index: number): number {
    return this.starts[index] as number;
  }

  /** Where line `index` ends: at its newline, or before the carriage return in front of one. */
  end(index: number): number {
    const start = this.starts[index] as number;
    const end = (this.starts[index + 1] as number) - 1;
    return end > start && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  /** Line `index`'s text. */
  line(index: number): string {
    return this.text.slice(this.start(index), this.end(index));
  }
}

/** How many lines pass between two progress reports: often enough for a bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 8192;

/** Whitespace other than a single space between words, as `\s` counts it. */
const UNUSUAL_BLANKS = /[^\S ]| {2}/;

/**
 * `text.split(/\s+/)`, without the regular expression in the usual case of
 * words between single spaces (a dump's 50,000 chain lines).
 */
export function splitWords(text: string): string[] {
  return UNUSUAL_BLANKS.test(text) ? text.split(/\s+/) : text.split(' ');
}

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

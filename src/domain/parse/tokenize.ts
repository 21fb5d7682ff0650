/** A word of a rule line and the 1-based column it starts at. */
export interface Token {
  readonly text: string;
  readonly column: number;
  /** The word was written in double quotes (so `"!"` is not negation). */
  readonly quoted: boolean;
}

export interface Tokenized {
  readonly tokens: readonly Token[];
  /** Column of a double quote that was never closed. */
  readonly unclosedQuote?: number;
}

/**
 * Splits a line the way iptables-restore does: on blanks, with double quotes
 * grouping words and, inside quotes, a backslash escaping the next character.
 * Single quotes are ordinary characters, as they are to iptables-restore.
 * Linear in the line's length. Most kube-proxy lines carry a quoted comment,
 * so this is the parser's innermost loop: a word is sliced out of the line
 * in runs found with indexOf (each blank, quote and backslash is searched for
 * again only once passed), never built a character at a time.
 */
export function tokenize(line: string): Tokenized {
  const onlySpaces = !line.includes('\t') && !line.includes('\r');
  if (onlySpaces && !line.includes('"')) return splitOnSpaces(line);
  const tokens: Token[] = [];
  const length = line.length;
  let quoteAt = -1;
  let spaceAt = -1;
  let backslashAt = -1;
  let i = 0;
  for (;;) {
    while (i < length && isBlank(line.charCodeAt(i))) i++;
    if (i >= length) return { tokens };
    const start = i;
    let text = '';
    let quoted = false;
    // Outside quotes a word runs to a blank; each quoted stretch in it adds its text.
    for (;;) {
      if (quoteAt < i) quoteAt = indexOrEnd(line, '"', i);
      let end = i;
      if (onlySpaces) {
        if (spaceAt < i) spaceAt = indexOrEnd(line, ' ', i);
        end = Math.min(spaceAt, quoteAt);
      } else {
        while (end < quoteAt && !isBlank(line.charCodeAt(end))) end++;
      }
      text += line.slice(i, end);
      i = end;
      if (i >= length || i !== quoteAt) break;
      quoted = true;
      const quoteColumn = i + 1;
      i++;
      for (;;) {
        if (quoteAt < i) quoteAt = indexOrEnd(line, '"', i);
        if (backslashAt < i) backslashAt = indexOrEnd(line, '\\', i);
        const stop = Math.min(quoteAt, backslashAt);
        text += line.slice(i, stop);
        i = stop;
        if (i >= length) {
          tokens.push({ text, column: start + 1, quoted });
          return { tokens, unclosedQuote: quoteColumn };
        }
        if (i === quoteAt) {
          i++;
          break;
        }
        // A backslash takes the next character as it is; a last one is kept.
        text += i + 1 < length ? line[i + 1] : '\\';
        i += 2;
      }
    }
    tokens.push({ text, column: start + 1, quoted });
  }
}

/** Where `char` next stands from `from` on, or the line's length. */
function indexOrEnd(line: string, char: string, from: number): number {
  const at = line.indexOf(char, from);
  return at < 0 ? line.length : at;
}

/** Space, tab or the carriage return of a CRLF line. */
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d;

/** The common case, a line with no quotes or tabs: words between single or repeated spaces. */
function splitOnSpaces(line: string): Tokenized {
  const words = line.split(' ');
  const tokens: Token[] = [];
  let column = 1;
  for (const text of words) {
    // Repeated, leading or trailing spaces give empty words: they only move the column.
    if (text !== '') tokens.push({ text, column, quoted: false });
    column += text.length + 1;
  }
  return { tokens };
}

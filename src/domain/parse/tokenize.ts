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
 * Linear in the line's length.
 */
export function tokenize(line: string): Tokenized {
  if (!line.includes('"') && !line.includes('\t') && !line.includes('\r'))
    return splitOnSpaces(line);
  const tokens: Token[] = [];
  let text = '';
  let start = -1;
  let quoted = false;
  let inQuote = false;
  let quoteColumn = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (inQuote) {
      if (ch === '\\' && i + 1 < line.length) {
        text += line[++i];
      } else if (ch === '"') {
        inQuote = false;
      } else {
        text += ch;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      if (start >= 0) tokens.push({ text, column: start + 1, quoted });
      text = '';
      start = -1;
      quoted = false;
      continue;
    }
    if (start < 0) start = i;
    if (ch === '"') {
      inQuote = true;
      quoted = true;
      quoteColumn = i + 1;
    } else {
      text += ch;
    }
  }
  if (start >= 0) tokens.push({ text, column: start + 1, quoted });
  return inQuote ? { tokens, unclosedQuote: quoteColumn } : { tokens };
}

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

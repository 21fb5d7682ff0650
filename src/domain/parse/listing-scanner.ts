import type { Token } from './tokenize.ts';

/** A blank-separated word of a listing line and where it sits. */
export interface Word {
  readonly text: string;
  /** 1-based column of the word's first character. */
  readonly column: number;
  /** 0-based index just past the word in the line. */
  readonly end: number;
}

const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\r';

/**
 * Walks a listing line word by word. iptables -L prints matches as free text
 * (`/* a comment *\/`, `prefix "x y"`), so besides plain words the scanner
 * can take a comment, a quoted string or the rest of the line. Every read
 * moves forward, so a reader built on it is linear in the line's length.
 */
export class LineScanner {
  private at: number;
  /**
   * Where a comment was found unclosed: none after it can close either, so a
   * reader that tries every word of unreadable text stays linear.
   */
  private unclosed = Infinity;

  constructor(
    readonly raw: string,
    start = 0,
  ) {
    this.at = start;
  }

  get position(): number {
    return this.at;
  }

  /** Goes back to a position taken earlier, for a reader that looked ahead and declined. */
  rewind(position: number): void {
    this.at = position;
  }

  peek(): Word | undefined {
    const start = this.skipBlanks();
    if (start >= this.raw.length) return undefined;
    let end = start;
    while (end < this.raw.length && !isBlank(this.raw[end])) end++;
    return { text: this.raw.slice(start, end), column: start + 1, end };
  }

  /** The word after the next one, without moving. */
  peekSecond(): Word | undefined {
    const first = this.peek();
    if (!first) return undefined;
    const saved = this.at;
    this.at = first.end;
    const second = this.peek();
    this.at = saved;
    return second;
  }

  next(): Word | undefined {
    const word = this.peek();
    if (word) this.at = word.end;
    return word;
  }

  /** Takes the next word when it is `text`. */
  accept(text: string): Word | undefined {
    return this.peek()?.text === text ? this.next() : undefined;
  }

  /**
   * libxt_comment prints `/* TEXT *\/`: the comment ends at the first ` *\/`
   * followed by a blank or the end of the line (a comment holds no `*\/`).
   */
  comment(): Word | undefined {
    const start = this.skipBlanks();
    if (!this.raw.startsWith('/*', start) || start >= this.unclosed) return undefined;
    let close = this.raw.indexOf(' */', start + 2);
    while (close >= 0 && close + 3 < this.raw.length && !isBlank(this.raw[close + 3])) {
      close = this.raw.indexOf(' */', close + 1);
    }
    if (close < 0) {
      this.unclosed = start;
      return undefined;
    }
    this.at = close + 3;
    const text = close > start + 2 ? this.raw.slice(start + 3, close) : '';
    return { text, column: start + 4, end: this.at };
  }

  /**
   * A value xtables_save_string may have quoted (`"a b"`, with `\"` and `\\`
   * escaped), else a plain word.
   */
  quotedOrWord(): Word | undefined {
    const start = this.skipBlanks();
    if (this.raw[start] !== '"') return this.next();
    let text = '';
    for (let i = start + 1; i < this.raw.length; i++) {
      const ch = this.raw[i] as string;
      if (ch === '\\' && i + 1 < this.raw.length) text += this.raw[++i];
      else if (ch === '"') {
        this.at = i + 1;
        return { text, column: start + 1, end: this.at };
      } else text += ch;
    }
    return undefined;
  }

  /**
   * A value printed in quotes without escaping (LOG's `prefix "%s"`): it runs
   * to the last quote of the line, since LOG prints its prefix last.
   */
  quotedToLastQuote(): Word | undefined {
    const start = this.skipBlanks();
    const close = this.raw.lastIndexOf('"');
    if (this.raw[start] !== '"' || close <= start) return this.quotedOrWord();
    this.at = close + 1;
    return { text: this.raw.slice(start + 1, close), column: start + 1, end: this.at };
  }

  /** Everything left on the line, trimmed. */
  rest(): Word | undefined {
    const start = this.skipBlanks();
    if (start >= this.raw.length) return undefined;
    const text = this.raw.slice(start).trimEnd();
    this.at = this.raw.length;
    return { text, column: start + 1, end: this.at };
  }

  private skipBlanks(): number {
    while (this.at < this.raw.length && isBlank(this.raw[this.at])) this.at++;
    return this.at;
  }
}

/**
 * Collects the iptables arguments a listing line stands for (`-m tcp --dport
 * 80`), each token pointing at the listing word it came from so that
 * parseRuleArgs reports problems at the right column.
 */
export class ArgsBuilder {
  readonly tokens: Token[] = [];
  /** Warnings about what the listing does not show, for the caller to report at their column. */
  readonly notes: { readonly column: number; readonly message: string }[] = [];
  /** A `!` printed before a match (`! ctstate NEW`), waiting for the option it negates. */
  pendingNegation: Word | undefined;

  /** An option word or flag the listing implies (`-m`, `--dport`, `!`). */
  word(text: string, column: number): void {
    this.tokens.push({ text, column, quoted: false });
  }

  /** A value: marked quoted so that parseRuleArgs never reads it as an option or `!`. */
  value(text: string, column: number): void {
    this.tokens.push({ text, column, quoted: true });
  }

  note(column: number, message: string): void {
    this.notes.push({ column, message });
  }

  match(module: string, column: number): void {
    this.word('-m', column);
    this.word(module, column);
  }

  /**
   * `[!] --name [args…]`. `negation` is the listing's `!` for this option when
   * there was one; otherwise a pending `!` before the match is used up here.
   */
  option(
    name: string,
    at: Word | number,
    args: readonly (Word | string)[] = [],
    negation?: Word,
  ): void {
    const column = typeof at === 'number' ? at : at.column;
    const bang = negation ?? this.pendingNegation;
    this.pendingNegation = undefined;
    if (bang) this.word('!', bang.column);
    this.word(`--${name}`, column);
    for (const arg of args) {
      if (typeof arg === 'string') this.value(arg, column);
      else this.value(arg.text, arg.column);
    }
  }
}

/** A value that iptables prints with its `!` stuck to it (`dpt:!80`, `!LOCAL`). */
export function splitBang(word: Word): { negated: boolean; value: Word } {
  if (!word.text.startsWith('!')) return { negated: false, value: word };
  return {
    negated: true,
    value: { text: word.text.slice(1), column: word.column + 1, end: word.end },
  };
}

/**
 * The value after a keyword that may be negated either way iptables prints
 * it: a separate `!` word or a `!` stuck to the value.
 */
export function negatableValue(s: LineScanner): {
  negation: Word | undefined;
  value: Word | undefined;
} {
  const bang = s.peek()?.text === '!' ? s.next() : undefined;
  const word = s.next();
  if (!word) return { negation: bang, value: undefined };
  const { negated, value } = splitBang(word);
  return {
    negation: bang ?? (negated ? word : undefined),
    value: value.text === '' ? s.next() : value,
  };
}

/** `table[key]` for the table's own keys only (a listing word may be `constructor`). */
export const lookup = (
  table: Readonly<Record<string, string>> | undefined,
  key: string,
): string | undefined => (table && Object.hasOwn(table, key) ? table[key] : undefined);

/**
 * A JSON reader that builds the same nodes as the yaml package (maps, lists,
 * scalars, each with its character range), so the field readers work on
 * `kubectl … -o json` output unchanged — at JSON speed. The yaml package reads
 * JSON too, since JSON is YAML, but some 50 times slower: a 20 MB cluster dump
 * would take most of a minute.
 */
import type { LineCounter, Node } from 'yaml';
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** Nesting deeper than this is not a Kubernetes object (and would overflow the stack). */
const MAX_DEPTH = 512;

class JsonSyntaxError extends Error {}

/** A JSON number, matched where the reader stands (sticky: no `^`, which would pin it to 0). */
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/**
 * The input's single JSON value as nodes, with every newline registered in
 * `lines`; undefined when the text is not strict JSON (the caller then lets
 * the YAML reader read it and report what is wrong).
 */
export function readJsonNodes(text: string, lines: LineCounter): Node | undefined {
  const reader = new JsonReader(text);
  let root: Node;
  try {
    root = reader.value(0);
    reader.skipBlanks();
    if (reader.at < text.length) return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return root;
}

const WORDS: ReadonlyMap<string, boolean | null> = new Map([
  ['true', true],
  ['false', false],
  ['null', null],
]);

class JsonReader {
  at = 0;

  constructor(private readonly text: string) {}

  skipBlanks(): void {
    const t = this.text;
    let c = t.charCodeAt(this.at);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.at);
  }

  value(depth: number): Node {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError();
    this.skipBlanks();
    const start = this.at;
    const c = this.text[start];
    if (c === '{') return this.object(start, depth);
    if (c === '[') return this.array(start, depth);
    if (c === '"') return this.scalar(this.string(), start);
    NUMBER.lastIndex = start;
    const m = NUMBER.exec(this.text);
    if (m) {
      this.at += m[0].length;
      return this.scalar(Number(m[0]), start);
    }
    for (const [word, value] of WORDS) {
      if (this.text.startsWith(word, start)) {
        this.at += word.length;
        return this.scalar(value, start);
      }
    }
    throw new JsonSyntaxError();
  }

  private scalar(value: unknown, start: number): Scalar {
    const node = new Scalar(value);
    node.range = [start, this.at, this.at];
    return node;
  }

  private object(start: number, depth: number): YAMLMap {
    const map = new YAMLMap();
    this.at++;
    this.skipBlanks();
    if (this.text[this.at] === '}') this.at++;
    else {
      for (;;) {
        this.skipBlanks();
        const keyStart = this.at;
        if (this.text[keyStart] !== '"') throw new JsonSyntaxError();
        const key = this.scalar(this.string(), keyStart);
        this.skipBlanks();
        if (this.text[this.at++] !== ':') throw new JsonSyntaxError();
        map.items.push(new Pair(key, this.value(depth + 1)));
        this.skipBlanks();
        const next = this.text[this.at++];
        if (next === '}') break;
        if (next !== ',') throw new JsonSyntaxError();
      }
    }
    map.range = [start, this.at, this.at];
    return map;
  }

  private array(start: number, depth: number): YAMLSeq {
    const seq = new YAMLSeq();
    this.at++;
    this.skipBlanks();
    if (this.text[this.at] === ']') this.at++;
    else {
      for (;;) {
        seq.items.push(this.value(depth + 1));
        this.skipBlanks();
        const next = this.text[this.at++];
        if (next === ']') break;
        if (next !== ',') throw new JsonSyntaxError();
      }
    }
    seq.range = [start, this.at, this.at];
    return seq;
  }

  /** A string starting at the opening quote; JSON.parse decodes its escapes. */
  private string(): string {
    const t = this.text;
    let i = this.at + 1;
    for (;;) {
      const quote = t.indexOf('"', i);
      if (quote < 0) throw new JsonSyntaxError();
      let backslashes = 0;
      for (let j = quote - 1; t[j] === '\\'; j--) backslashes++;
      i = quote + 1;
      if (backslashes % 2 === 0) break;
    }
    const raw = t.slice(this.at, i);
    this.at = i;
    if (!raw.includes('\\')) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new JsonSyntaxError();
    }
  }
}

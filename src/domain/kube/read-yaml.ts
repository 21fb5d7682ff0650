/**
 * Reading typed fields out of a YAML (or JSON) document while remembering where each was
 * written, so that every problem can point at the line and column the user pasted.
 */
import type { Document, LineCounter, Node } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Problem } from '../model/problem.ts';
import type { TextPosition } from './objects.ts';

/** The problems of one input, and how to turn a character offset into a line and column. */
export class ReadContext {
  readonly problems: Problem[] = [];
  /** How many problems so far are errors: an object that added one is left out. */
  errors = 0;
  /** The document being read, to resolve `*alias` references. */
  document: Document.Parsed | undefined;

  /**
   * Where the current document's first YAML syntax error is: what follows it may be read
   * wrongly, so objects reaching that far are left out (the syntax error says why).
   */
  brokenFrom: number | undefined;

  constructor(private readonly lines: LineCounter) {}

  position(offset: number): TextPosition {
    const { line, col } = this.lines.linePos(offset);
    // Before any text was parsed, LineCounter knows no line (an empty input).
    return { line: Math.max(1, line), column: Math.max(1, col) };
  }

  error(offset: number, message: string): void {
    this.errors++;
    this.problems.push({ ...this.at(offset), message, severity: 'error' });
  }

  warning(offset: number, message: string): void {
    this.problems.push({ ...this.at(offset), message, severity: 'warning' });
  }

  private at(offset: number): { line: number; column: number } {
    const { line, column } = this.position(offset);
    return { line, column };
  }
}

/** A value in the document and the Kubernetes path that leads to it (`spec.ports[0].port`). */
export interface Field {
  readonly node: Node;
  readonly path: string;
  readonly offset: number;
}

const offsetOf = (node: Node, fallback: number): number => node.range?.[0] ?? fallback;

/**
 * The node itself, or what an `*alias` stands for. Only aliases of plain values are followed:
 * an alias of a map or list could repeat a large part of the document many times over (the
 * "billion laughs"), and kubectl never writes one.
 */
function resolved(ctx: ReadContext, field: Field): Node | undefined {
  if (!isAlias(field.node)) return field.node;
  const target = ctx.document ? field.node.resolve(ctx.document) : undefined;
  if (isScalar(target)) return target;
  ctx.error(field.offset, `${field.path}: a YAML alias of a map or list is not supported here`);
  return undefined;
}

/** `null`, `~` or nothing after the colon: Kubernetes reads these as "not given". */
const isNull = (node: Node | undefined): boolean => isScalar(node) && node.value === null;

/** The fields of one YAML map, indexed by key (in linear time; a key given twice is an error). */
export class MapView {
  private readonly fields = new Map<string, Field>();

  constructor(
    ctx: ReadContext,
    node: Node,
    readonly path: string,
    readonly offset: number,
  ) {
    if (!isMap(node)) return;
    const prefix = path === '' ? '' : `${path}.`;
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || pair.value === null) continue;
      const name = String(key.value);
      const keyOffset = offsetOf(key, offset);
      if (this.fields.has(name)) {
        ctx.error(keyOffset, `${prefix}${name} is given twice`);
        continue;
      }
      const value = pair.value as Node;
      if (isNull(value)) continue;
      this.fields.set(name, {
        node: value,
        path: `${prefix}${name}`,
        offset: offsetOf(value, keyOffset),
      });
    }
  }

  get(key: string): Field | undefined {
    return this.fields.get(key);
  }
}

/** The map at `field`, or undefined (and an error when something else is there). */
export function readMap(ctx: ReadContext, field: Field | undefined): MapView | undefined {
  if (!field) return undefined;
  const node = resolved(ctx, field);
  if (node === undefined || isNull(node)) return undefined;
  if (!isMap(node)) {
    ctx.error(
      field.offset,
      `${field.path} must be a map (key: value lines), not ${describe(node)}`,
    );
    return undefined;
  }
  return new MapView(ctx, node, field.path, field.offset);
}

/** The items of the list at `field` (none when absent; an error when not a list). */
export function readList(ctx: ReadContext, field: Field | undefined): Field[] {
  if (!field) return [];
  const node = resolved(ctx, field);
  if (node === undefined || isNull(node)) return [];
  if (!isSeq(node)) {
    ctx.error(field.offset, `${field.path} must be a list, not ${describe(node)}`);
    return [];
  }
  return node.items.flatMap((item, i) =>
    item === null || !isNodeLike(item)
      ? []
      : [{ node: item, path: `${field.path}[${i}]`, offset: offsetOf(item, field.offset) }],
  );
}

function isNodeLike(item: unknown): item is Node {
  return isScalar(item) || isMap(item) || isSeq(item) || isAlias(item);
}

/** A plain value, or undefined (with an error when it is a map or list). */
function scalarValue(ctx: ReadContext, field: Field): unknown {
  const node = resolved(ctx, field);
  if (node === undefined) return undefined;
  if (!isScalar(node)) {
    ctx.error(field.offset, `${field.path} must be a single value, not ${describe(node)}`);
    return undefined;
  }
  return node.value;
}

export function readString(ctx: ReadContext, field: Field | undefined): string | undefined {
  if (!field) return undefined;
  const value = scalarValue(ctx, field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    ctx.error(field.offset, `${field.path} must be a string, not ${JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

/** One of `choices`, written exactly (Kubernetes enums are case-sensitive). */
export function readChoice<T extends string>(
  ctx: ReadContext,
  field: Field | undefined,
  choices: readonly T[],
): T | undefined {
  const value = readString(ctx, field);
  if (value === undefined || !field) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  ctx.error(
    field.offset,
    `${field.path} "${value}" is not one of ${choices.map((c) => `"${c}"`).join(', ')}`,
  );
  return undefined;
}

export function readBoolean(ctx: ReadContext, field: Field | undefined): boolean | undefined {
  if (!field) return undefined;
  const value = scalarValue(ctx, field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    ctx.error(field.offset, `${field.path} must be true or false, not ${JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

/** A whole number written as a number (Kubernetes refuses `"80"` for an integer field). */
export function readInteger(ctx: ReadContext, field: Field | undefined): number | undefined {
  if (!field) return undefined;
  const value = scalarValue(ctx, field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    const quoted = typeof value === 'string' && /^[0-9]+$/.test(value);
    ctx.error(
      field.offset,
      `${field.path} must be a whole number, not ${JSON.stringify(value)}` +
        (quoted ? ' (write it without quotes)' : ''),
    );
    return undefined;
  }
  return value;
}

/** Words for what was found instead: "a list", "a map", "the number 80". */
export function describe(node: Node): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    return typeof node.value === 'string'
      ? `the string ${JSON.stringify(node.value)}`
      : String(node.value);
  }
  return 'an alias';
}

/** `{ key: value }` when the value is given, `{}` otherwise (objects.ts leaves absent fields out). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

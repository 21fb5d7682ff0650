/**
 * A played conversation as a Markdown document: a heading, then one table row per step. The
 * words come translated; this only makes them safe in a GitHub-flavoured table, where a `|`
 * anywhere in a row, code spans included, ends a cell unless escaped.
 */

/** One step, every cell in the UI's language. */
export interface TraceRow {
  /** Which packet of the conversation: request, reply, same connection. */
  readonly packet: string;
  /** The table, hook and chain (or the event) where the step happens. */
  readonly where: string;
  /** The rule as `iptables -S` prints it, for a rule step. */
  readonly rule?: string;
  readonly what: string;
  /** `tcp 203.0.113.10:40000 → 192.168.0.11:32110` after the step. */
  readonly flow: string;
  readonly mark: string;
  readonly ctState: string;
  readonly narration: string;
}

/** The column headings, in the order of the table, `#` first. */
export type TraceColumns = Readonly<Record<'step' | keyof TraceRow, string>>;

export interface TraceDocument {
  readonly title: string;
  readonly columns: TraceColumns;
  readonly rows: readonly TraceRow[];
}

const ORDER: readonly (keyof TraceRow)[] = [
  'packet',
  'where',
  'rule',
  'what',
  'flow',
  'mark',
  'ctState',
  'narration',
];

/**
 * Text as one line of a table cell, its Markdown inert: backslash escapes for punctuation that
 * would become emphasis, links or HTML, and for `|`; line breaks become spaces.
 *
 * @example
 *   markdownText('KUBE-SVC-* | *nat'); // 'KUBE-SVC-\\* \\| \\*nat'
 */
export function markdownText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]<>|]/g, '\\$&');
}

/**
 * Text as a code span in a table cell: fenced with more backticks than it holds in a row, and
 * `|` escaped, which GitHub's tables need even inside code.
 *
 * @example
 *   markdownCode('-A X -m comment --comment "a|b"'); // '`-A X -m comment --comment "a\\|b"`'
 */
export function markdownCode(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

const tableRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/**
 * The document: `# title`, then the table of steps, numbered from 1 as the player numbers them.
 *
 * @example
 *   traceMarkdown({ title: 'kpviz: External client → NodePort', columns, rows });
 */
export function traceMarkdown({ title, columns, rows }: TraceDocument): string {
  const header = tableRow([
    markdownText(columns.step),
    ...ORDER.map((c) => markdownText(columns[c])),
  ]);
  const rule = tableRow(['--:', ...ORDER.map(() => '---')]);
  const body = rows.map((row, i) =>
    tableRow([
      String(i + 1),
      ...ORDER.map((column) => {
        const value = row[column];
        if (value === undefined || value === '') return '';
        return column === 'rule' ? markdownCode(value) : markdownText(value);
      }),
    ]),
  );
  return [`# ${markdownText(title)}`, '', header, rule, ...body, ''].join('\n');
}

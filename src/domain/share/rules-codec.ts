/**
 * A rule dump as a short string for a share link (`#rules=…`) and back: its text and how it
 * was read (format, table, added jumps) as JSON, packed as packed-json.ts packs it (raw
 * deflate, base64url, bounded on the way in). A kube-proxy dump packs four to six times smaller
 * (the seed's listing into 889 characters), so a link holds a node with about 50 Services; a
 * bigger dump is exported as a file instead.
 */
import type { DumpFormat } from '../parse/detect-format.ts';
import { isTableName, type TableName } from '../model/names.ts';
import { packJson, unpackJson, type PackedFormat } from './packed-json.ts';

/** How a shared dump is read: the app's OpenOptions, as far as a link keeps them. */
export interface SharedRulesOptions {
  readonly format?: 'auto' | DumpFormat | 'objects';
  readonly table?: TableName;
  readonly addJumps?: boolean;
}

/** What a rules link carries. */
export interface SharedRules {
  readonly text: string;
  readonly options: SharedRulesOptions;
}

export type RulesEncoding =
  | { readonly ok: true; readonly text: string }
  /** Too long for a link: `chars` characters. */
  | { readonly ok: false; readonly chars: number };

export type RulesDecoding =
  | { readonly ok: true; readonly rules: SharedRules }
  | { readonly ok: false; readonly message: string };

/** `r1.`: JSON, raw deflate. A link inflates to at most 1 MB, more than any dump a link fits. */
export const RULES_FORMAT: PackedFormat = {
  version: 'r1.',
  compression: 'deflate-raw',
  maxBytes: 1024 * 1024,
  noun: 'rules',
};

const FORMATS: readonly string[] = ['auto', 'save', 'rules', 'listing', 'objects'];

/**
 * @example
 * const link = await encodeRules({ text: dump, options: { format: 'save' } });
 * if (link.ok) location.hash = `rules=${link.text}`; // "r1.…"
 */
export async function encodeRules(rules: SharedRules): Promise<RulesEncoding> {
  const { format, table, addJumps } = rules.options;
  // Only what changes how the text reads; an absent option is left out of the link.
  const options = {
    ...(format === undefined || format === 'auto' ? {} : { format }),
    ...(table === undefined ? {} : { table }),
    ...(addJumps === true ? { addJumps } : {}),
  };
  return packJson(RULES_FORMAT, { text: rules.text, options });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The options a link holds, or undefined when one of them is not an option kpviz knows. */
function readOptions(value: unknown): SharedRulesOptions | undefined {
  if (value === undefined) return {};
  if (!isRecord(value)) return undefined;
  const { format, table, addJumps } = value;
  if (format !== undefined && !(typeof format === 'string' && FORMATS.includes(format)))
    return undefined;
  if (table !== undefined && !(typeof table === 'string' && isTableName(table))) return undefined;
  if (addJumps !== undefined && typeof addJumps !== 'boolean') return undefined;
  return {
    ...(format === undefined ? {} : { format: format as SharedRulesOptions['format'] }),
    ...(table === undefined ? {} : { table }),
    ...(addJumps === undefined ? {} : { addJumps }),
  };
}

/**
 * The dump a link carries; or, when the link cannot be read, why not.
 *
 * @example
 * const shared = await decodeRules(readHash().get('rules') ?? '');
 * if (shared.ok) void loadDump(shared.rules.text, shared.rules.options); else show(shared.message);
 */
export async function decodeRules(text: string): Promise<RulesDecoding> {
  const unpacked = await unpackJson(RULES_FORMAT, text);
  if (!unpacked.ok) return unpacked;
  const data = unpacked.data;
  const options = isRecord(data) ? readOptions(data.options) : undefined;
  if (!isRecord(data) || typeof data.text !== 'string' || !options)
    return { ok: false, message: 'this rules link holds data kpviz cannot read' };
  return { ok: true, rules: { text: data.text, options } };
}

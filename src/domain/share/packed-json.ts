/**
 * JSON as a short string for a share link and back: deflated with the web's CompressionStream
 * (browsers, Node 18 and later), in base64url, after a version prefix (`e1.`, `r1.`). Reading
 * checks the link's size before inflating it and stops inflating past a bound, so that a
 * crafted link cannot make the page hang. Each share codec (environment, rules) checks the
 * shape of what comes out.
 */

/** Longest link text read or written: within what browsers and chat tools keep of a URL. */
export const MAX_SHARE_CHARS = 16 * 1024;

/** How one kind of link is written. */
export interface PackedFormat {
  /** First in every link, so that a later encoding can be told apart: `e1.`. */
  readonly version: string;
  readonly compression: 'deflate' | 'deflate-raw';
  /** Most JSON a link may inflate to. */
  readonly maxBytes: number;
  /** What the link carries, in messages: `environment`, `rules`. */
  readonly noun: string;
}

export type Packed =
  | { readonly ok: true; readonly text: string }
  /** Longer than MAX_SHARE_CHARS: `chars` long. */
  | { readonly ok: false; readonly chars: number };

export type Unpacked =
  { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly message: string };

/** `17 KB`: a size as messages give it. */
export const kb = (chars: number): string => `${Math.ceil(chars / 1024)} KB`;

/** All of a stream's bytes, failing once there are more than `limit`. */
async function drain(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`more than ${kb(limit)}`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** `bytes` through a (de)compression stream, reading while writing (a stream holds little). */
async function transform(
  stream: CompressionStream | DecompressionStream,
  bytes: Uint8Array<ArrayBuffer>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const writer = stream.writable.getWriter();
  const writing = writer.write(bytes).then(() => writer.close());
  // A failed read fails the write too; its rejection is the read's, reported below.
  writing.catch(() => undefined);
  const out = await drain(stream.readable, limit);
  await writing;
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * @example
 * const packed = await packJson(RULES_FORMAT, { text: dump });
 * if (packed.ok) location.hash = `rules=${packed.text}`; // "r1.…"
 */
export async function packJson(format: PackedFormat, value: unknown): Promise<Packed> {
  const json = new TextEncoder().encode(JSON.stringify(value));
  const deflated = await transform(new CompressionStream(format.compression), json, Infinity);
  const text = format.version + toBase64Url(deflated);
  return text.length > MAX_SHARE_CHARS ? { ok: false, chars: text.length } : { ok: true, text };
}

/**
 * The JSON value a link carries, not yet checked for its shape; or, when the link cannot be
 * read, why not.
 *
 * @example
 * const unpacked = await unpackJson(RULES_FORMAT, 'r1.…');
 * if (unpacked.ok) readShape(unpacked.data); else show(unpacked.message);
 */
export async function unpackJson(format: PackedFormat, text: string): Promise<Unpacked> {
  const { version, noun } = format;
  const failed = (message: string): Unpacked => ({ ok: false, message });
  const trimmed = text.trim();
  if (trimmed.length > MAX_SHARE_CHARS) {
    return failed(
      `this ${noun} link is ${kb(trimmed.length)}; links hold at most ${kb(MAX_SHARE_CHARS)}`,
    );
  }
  if (!trimmed.startsWith(version)) {
    return failed(`this is not a kpviz ${noun} link (or one from a newer kpviz)`);
  }
  const bytes = fromBase64Url(trimmed.slice(version.length));
  if (!bytes)
    return failed(`this ${noun} link is damaged: it has characters base64url does not use`);
  let json: string;
  try {
    const stream = new DecompressionStream(format.compression);
    const inflated = await transform(stream, bytes, format.maxBytes);
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch (error) {
    return error instanceof RangeError
      ? failed(`this ${noun} link unpacks to ${error.message}, more than kpviz reads`)
      : failed(`this ${noun} link is damaged: it does not unpack (was it cut short?)`);
  }
  try {
    return { ok: true, data: JSON.parse(json) as unknown };
  } catch {
    return failed(`this ${noun} link is damaged: its contents are not JSON`);
  }
}

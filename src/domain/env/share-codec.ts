/**
 * An environment as a short string for a share link (`#env=…`) and back: JSON, deflated with
 * the web's CompressionStream (browsers, Node 18 and later), in base64url. Reading a link
 * checks its size before inflating it and stops inflating past a bound, so that a crafted link
 * cannot make the page hang; then it checks the data's shape and validates the environment.
 */
import type { Environment } from './environment.ts';
import { readEnvironmentData } from './read-data.ts';
import type { EnvironmentProblem } from './validate.ts';
import { validateEnvironment } from './validate.ts';

/** The version of the encoding, first in every link, so that a later one can be told apart. */
const VERSION = 'e1.';
/** Longest link text read or written: within what browsers and chat tools keep of a URL. */
export const MAX_SHARE_CHARS = 16 * 1024;
/** Most JSON a link may inflate to; a deflated environment is 5–10 times smaller. */
const MAX_JSON_BYTES = 1024 * 1024;

export type ShareEncoding =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export type ShareDecoding =
  | {
      readonly ok: true;
      readonly environment: Environment;
      /** validateEnvironment's problems (a link may be shared mid-edit); empty when valid. */
      readonly problems: readonly EnvironmentProblem[];
    }
  | {
      readonly ok: false;
      readonly message: string;
      readonly problems: readonly EnvironmentProblem[];
    };

const kb = (chars: number) => `${Math.ceil(chars / 1024)} KB`;

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
 * const link = await encodeEnvironment(SEED_ENVIRONMENT);
 * if (link.ok) location.hash = `env=${link.text}`; // "e1.eJy…", about 510 characters for the seed
 */
export async function encodeEnvironment(env: Environment): Promise<ShareEncoding> {
  const json = new TextEncoder().encode(JSON.stringify(env));
  const deflated = await transform(new CompressionStream('deflate'), json, Infinity);
  const text = VERSION + toBase64Url(deflated);
  if (text.length > MAX_SHARE_CHARS) {
    return {
      ok: false,
      message: `this environment makes a ${kb(text.length)} link; links hold at most ${kb(MAX_SHARE_CHARS)}: export it as YAML instead`,
    };
  }
  return { ok: true, text };
}

const failed = (message: string, problems: readonly EnvironmentProblem[] = []): ShareDecoding => ({
  ok: false,
  message,
  problems,
});

/**
 * The environment a link carries, with what validateEnvironment finds wrong in it; or, when the
 * link cannot be read, why not.
 *
 * @example
 * const shared = await decodeEnvironment(location.hash.slice('#env='.length));
 * if (shared.ok) open(shared.environment, shared.problems); else show(shared.message);
 */
export async function decodeEnvironment(text: string): Promise<ShareDecoding> {
  const trimmed = text.trim();
  if (trimmed.length > MAX_SHARE_CHARS) {
    return failed(
      `this link's environment is ${kb(trimmed.length)}; links hold at most ${kb(MAX_SHARE_CHARS)}`,
    );
  }
  if (!trimmed.startsWith(VERSION)) {
    return failed('this is not a kpviz environment link (or one from a newer kpviz)');
  }
  const bytes = fromBase64Url(trimmed.slice(VERSION.length));
  if (!bytes)
    return failed('this environment link is damaged: it has characters base64url does not use');
  let json: string;
  try {
    const inflated = await transform(new DecompressionStream('deflate'), bytes, MAX_JSON_BYTES);
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch (error) {
    return error instanceof RangeError
      ? failed(`this environment link unpacks to ${error.message}, more than kpviz reads`)
      : failed('this environment link is damaged: it does not unpack (was it cut short?)');
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return failed('this environment link is damaged: its contents are not JSON');
  }
  const shape = readEnvironmentData(data);
  if (!shape.value)
    return failed('this environment link holds data kpviz cannot read', shape.problems);
  const { problems } = validateEnvironment(shape.value);
  return { ok: true, environment: shape.value, problems };
}

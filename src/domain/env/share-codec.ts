/**
 * An environment as a short string for a share link (`#env=…`) and back: JSON packed as
 * packed-json.ts packs it (deflate, base64url, bounded on the way in). Reading a link then
 * checks the data's shape and validates the environment.
 */
import { kb, MAX_SHARE_CHARS, packJson, unpackJson } from '../share/packed-json.ts';
import type { PackedFormat } from '../share/packed-json.ts';
import type { Environment } from './environment.ts';
import { readEnvironmentData } from './read-data.ts';
import type { EnvironmentProblem } from './validate.ts';
import { validateEnvironment } from './validate.ts';

export { MAX_SHARE_CHARS };

/** `e1.`: JSON, deflated (zlib); a deflated environment is 5–10 times smaller than 1 MB. */
const FORMAT: PackedFormat = {
  version: 'e1.',
  compression: 'deflate',
  maxBytes: 1024 * 1024,
  noun: 'environment',
};

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

/**
 * @example
 * const link = await encodeEnvironment(SEED_ENVIRONMENT);
 * if (link.ok) location.hash = `env=${link.text}`; // "e1.eJy…", about 510 characters for the seed
 */
export async function encodeEnvironment(env: Environment): Promise<ShareEncoding> {
  const packed = await packJson(FORMAT, env);
  if (packed.ok) return packed;
  return {
    ok: false,
    message: `this environment makes a ${kb(packed.chars)} link; links hold at most ${kb(MAX_SHARE_CHARS)}: export it as YAML instead`,
  };
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
  const unpacked = await unpackJson(FORMAT, text);
  if (!unpacked.ok) return failed(unpacked.message);
  const shape = readEnvironmentData(unpacked.data);
  if (!shape.value)
    return failed('this environment link holds data kpviz cannot read', shape.problems);
  const { problems } = validateEnvironment(shape.value);
  return { ok: true, environment: shape.value, problems };
}

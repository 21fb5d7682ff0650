import { describe, expect, it } from 'vitest';
import { SEED_ENVIRONMENT } from './seed-environment.ts';
import { decodeEnvironment, encodeEnvironment, MAX_SHARE_CHARS } from './share-codec.ts';
import { RICH_ENVIRONMENT, seedWithPods } from './test-environments.ts';

/** A link made of any text, the way encodeEnvironment makes one of JSON. */
async function linkOf(text: string): Promise<string> {
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  void writer.write(new TextEncoder().encode(text)).then(() => writer.close());
  const chunks: number[] = [];
  const reader = stream.readable.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(...r.value);
  const bytes = Uint8Array.from(chunks);
  const binary = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  return `e1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

async function encoded(env: Parameters<typeof encodeEnvironment>[0]): Promise<string> {
  const result = await encodeEnvironment(env);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

describe('share links', () => {
  it.each([
    ['the seed', SEED_ENVIRONMENT],
    ['an environment using every field', RICH_ENVIRONMENT],
  ])('carry %s there and back', async (_, env) => {
    const text = await encoded(env);
    expect(text).toMatch(/^e1\.[A-Za-z0-9_-]+$/);
    expect(await decodeEnvironment(text)).toEqual({ ok: true, environment: env, problems: [] });
  });

  it('are short for the seed', async () => {
    expect((await encoded(SEED_ENVIRONMENT)).length).toBeLessThan(600);
  });

  it('refuse to make a link over the bound', async () => {
    const result = await encodeEnvironment(seedWithPods(3000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/links hold at most 16 KB: export it as YAML/);
  });

  it('carry an environment with problems, and say what they are', async () => {
    const env = { ...SEED_ENVIRONMENT, node: { ...SEED_ENVIRONMENT.node, nodeIPs: ['x'] } };
    const decoded = await decodeEnvironment(await encoded(env));
    expect(decoded).toMatchObject({ ok: true, environment: env });
    if (decoded.ok) expect(decoded.problems.map((p) => p.path)).toEqual(['node.nodeIPs[0]']);
  });

  it.each([
    ['too long', `e1.${'A'.repeat(MAX_SHARE_CHARS)}`, /at most 16 KB/],
    ['from elsewhere', 'hello', /not a kpviz environment link/],
    ['not base64url', 'e1.abc+/=', /characters base64url does not use/],
    ['cut short', 'e1.eJyrVkrL', /does not unpack/],
  ])('refuse a link that is %s', async (_, text, message) => {
    expect(await decodeEnvironment(text)).toEqual({
      ok: false,
      message: expect.stringMatching(message) as string,
      problems: [],
    });
  });

  it('refuse a link that unpacks to more than a megabyte', async () => {
    const bomb = await linkOf(`{"node": ${' '.repeat(2 * 1024 * 1024)}}`);
    expect(bomb.length).toBeLessThan(MAX_SHARE_CHARS);
    expect(await decodeEnvironment(bomb)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/more than 1024 KB/) as string,
    });
  });

  it('refuse a link whose contents are not JSON', async () => {
    expect(await decodeEnvironment(await linkOf('{nope'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not JSON/) as string,
    });
  });

  it('say where data of the wrong shape is wrong', async () => {
    const data = JSON.parse(JSON.stringify(SEED_ENVIRONMENT)) as {
      services: { ports: { port: unknown }[] }[];
    };
    const port = data.services[0]?.ports[0];
    if (port) port.port = '80';
    const decoded = await decodeEnvironment(await linkOf(JSON.stringify({ ...data, node: null })));
    expect(decoded).toEqual({
      ok: false,
      message: 'this environment link holds data kpviz cannot read',
      problems: [
        { path: 'node', message: 'expected an object, found null' },
        { path: 'services[0].ports[0].port', message: 'expected a number, found a string' },
      ],
    });
  });
});

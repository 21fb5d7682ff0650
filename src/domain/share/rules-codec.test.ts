import { describe, expect, it } from 'vitest';
import { SEED_LISTING } from '../examples/seed.ts';
import { syntheticDump } from '../examples/synthetic-dump.ts';
import { MAX_SHARE_CHARS, packJson } from './packed-json.ts';
import { decodeRules, encodeRules, RULES_FORMAT, type SharedRules } from './rules-codec.ts';

/** A link made of any JSON value, the way encodeRules makes one of a dump. */
async function linkOf(value: unknown): Promise<string> {
  const packed = await packJson(RULES_FORMAT, value);
  if (!packed.ok) throw new Error(`${packed.chars} characters`);
  return packed.text;
}

async function encoded(rules: SharedRules): Promise<string> {
  const result = await encodeRules(rules);
  if (!result.ok) throw new Error(`${result.chars} characters`);
  return result.text;
}

const SAVE = '*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-ONLY-HERE - [0:0]\nCOMMIT\n';

describe('rules links', () => {
  it.each<[string, SharedRules]>([
    ['the seed listing', { text: SEED_LISTING, options: {} }],
    ['a dump read as chosen', { text: SAVE, options: { format: 'save', table: 'nat' } }],
    ['kube-proxy input with its jumps added', { text: SAVE, options: { addJumps: true } }],
    ['text beyond ASCII', { text: '# 节点 → ✓\n', options: { format: 'rules' } }],
  ])('carry %s there and back', async (_, rules) => {
    const text = await encoded(rules);
    expect(text).toMatch(/^r1\.[A-Za-z0-9_-]+$/);
    expect(await decodeRules(text)).toEqual({ ok: true, rules });
  });

  it('leave out options that change nothing', async () => {
    const text = await encoded({
      text: SAVE,
      options: { format: 'auto', addJumps: false },
    });
    expect(await decodeRules(text)).toEqual({ ok: true, rules: { text: SAVE, options: {} } });
  });

  it('are short for the seed', async () => {
    expect((await encoded({ text: SEED_LISTING, options: {} })).length).toBeLessThan(1500);
  });

  it('refuse to make a link over the bound, and say how long it would be', async () => {
    const result = await encodeRules({ text: syntheticDump({ services: 400 }), options: {} });
    expect(result).toEqual({ ok: false, chars: expect.any(Number) as number });
    if (!result.ok) expect(result.chars).toBeGreaterThan(MAX_SHARE_CHARS);
  });

  it.each([
    ['too long', `r1.${'A'.repeat(MAX_SHARE_CHARS)}`, /at most 16 KB/],
    ['from elsewhere', 'e1.eJyrVkrL', /not a kpviz rules link/],
    ['not base64url', 'r1.abc+/=', /characters base64url does not use/],
    ['cut short', 'r1.q1ZKzs8pzU0', /does not unpack/],
  ])('refuse a link that is %s', async (_, text, message) => {
    expect(await decodeRules(text)).toEqual({
      ok: false,
      message: expect.stringMatching(message) as string,
    });
  });

  it('refuse a link that unpacks to more than a megabyte, without unpacking it all', async () => {
    const bomb = await linkOf({ text: ' '.repeat(8 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(MAX_SHARE_CHARS);
    expect(await decodeRules(bomb)).toEqual({
      ok: false,
      message: 'this rules link unpacks to more than 1024 KB, more than kpviz reads',
    });
  });

  it.each([
    ['no text', { options: {} }],
    ['text that is not text', { text: 3 }],
    ['an unknown format', { text: SAVE, options: { format: 'nft' } }],
    ['an unknown table', { text: SAVE, options: { table: 'bridge' } }],
    ['options that are not an object', { text: SAVE, options: [] }],
    ['a list', [SAVE]],
  ])('refuse a link holding %s', async (_, data) => {
    expect(await decodeRules(await linkOf(data))).toEqual({
      ok: false,
      message: 'this rules link holds data kpviz cannot read',
    });
  });
});

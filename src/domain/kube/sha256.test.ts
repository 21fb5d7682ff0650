import { describe, expect, it } from 'vitest';
import { base32 } from './base32.ts';
import { sha256, utf8 } from './sha256.ts';

const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('sha256 (FIPS 180-4 / NIST example vectors)', () => {
  it.each([
    {
      name: 'empty',
      input: '',
      digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    {
      name: 'abc (one block)',
      input: 'abc',
      digest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    },
    {
      name: '448 bits (padding spills into a second block)',
      input: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      digest: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    },
    {
      name: '896 bits (two blocks)',
      input:
        'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      digest: 'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    },
    {
      name: 'one million a',
      input: 'a'.repeat(1_000_000),
      digest: 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    },
  ])('$name', ({ input, digest }) => {
    expect(hex(sha256(utf8(input)))).toBe(digest);
  });

  it('hashes UTF-8 bytes', () => {
    expect([...utf8('é€😀')]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });
});

describe('base32 (RFC 4648 §10 vectors)', () => {
  it.each([
    { name: 'empty', input: '', out: '' },
    { name: 'f', input: 'f', out: 'MY======' },
    { name: 'fo', input: 'fo', out: 'MZXQ====' },
    { name: 'foo', input: 'foo', out: 'MZXW6===' },
    { name: 'foob', input: 'foob', out: 'MZXW6YQ=' },
    { name: 'fooba', input: 'fooba', out: 'MZXW6YTB' },
    { name: 'foobar', input: 'foobar', out: 'MZXW6YTBOI======' },
  ])('$name', ({ input, out }) => {
    expect(base32(utf8(input))).toBe(out);
  });
});

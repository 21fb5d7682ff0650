/**
 * RFC 4648 base32 with the standard alphabet and `=` padding, as Go's
 * base32.StdEncoding writes it; kube-proxy keeps the first 16 characters.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  // Every 5 bytes make 8 characters; a short last group is padded to 8.
  while (out.length % 8 !== 0) out += '=';
  return out;
}

/**
 * kube-proxy's `computeProbability(n)`: `fmt.Sprintf("%0.Nf", 1.0/float64(n))`
 * (N = 10 since v1.17, 5 before; kubernetes/kubernetes#83599).
 *
 * Go prints the exact binary value of the double and rounds an exact tie half
 * to even; JavaScript's toFixed rounds it up (1/64 to 5 places: Go `0.01562`,
 * toFixed `0.01563`). So the double is expanded exactly with BigInt here.
 */
export function formatProbability(n: number, decimals: number): string {
  return formatFixedHalfEven(1 / n, decimals);
}

/** `x` (≥ 0, finite) with `decimals` digits after the point, Go's `%.Nf`. */
export function formatFixedHalfEven(x: number, decimals: number): string {
  const { mantissa, exponent } = decompose(x);
  // x = mantissa · 2^exponent; scaled = x · 10^decimals = num / den exactly.
  let num = mantissa * 10n ** BigInt(decimals);
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let q = num / den;
  const twiceRemainder = (num % den) * 2n;
  if (twiceRemainder > den || (twiceRemainder === den && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(decimals + 1, '0');
  if (decimals === 0) return digits;
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

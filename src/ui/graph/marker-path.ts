/**
 * The way the player's packet marker travels from one spot to the next along an edge of the
 * graph: in from the marker's spot to the edge's start, along the edge, out to the new spot,
 * as one SVG path for CSS motion (offset-path). An edge walked backwards (a RETURN to the
 * calling chain) needs the edge reversed: React Flow's bezier edges are one cubic, which
 * reverses by swapping its points; other shapes are not reversed (the marker moves straight).
 */

interface Point {
  readonly x: number;
  readonly y: number;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;

/** The path from `from` along edge path `d` (backwards when `reverse`) to `to`, if it can be drawn. */
export function markerPath(
  d: string,
  reverse: boolean,
  from: Point,
  to: Point,
): string | undefined {
  const trimmed = d.trim();
  if (!/^M/i.test(trimmed)) return undefined;
  const numbers = (trimmed.match(NUMBER) ?? []).map(Number);
  if (reverse) {
    // Only `M x0 y0 C x1 y1 x2 y2 x3 y3` reverses simply.
    if (!/^M[^A-Za-z]*C[^A-Za-z]*$/i.test(trimmed) || numbers.length !== 8) return undefined;
    const point = (i: number): string => `${String(numbers[i])} ${String(numbers[i + 1])}`;
    return `M ${from.x} ${from.y} L ${point(6)} C ${point(4)} ${point(2)} ${point(0)} L ${to.x} ${to.y}`;
  }
  const [sx, sy] = numbers;
  if (sx === undefined || sy === undefined) return undefined;
  // The edge without its leading move: the lead-in line ends where the edge starts.
  const rest = trimmed.replace(/^M\s*-?[\d.e+-]+[\s,]+-?[\d.e+-]+/i, '');
  return `M ${from.x} ${from.y} L ${sx} ${sy} ${rest} L ${to.x} ${to.y}`;
}

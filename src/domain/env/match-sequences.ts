/**
 * Which items of two sequences stay the same: pairs (i, j) with a[i] === b[j], in order on both
 * sides — a longest common subsequence where that is affordable.
 */

/** Above this many cells the quadratic table is not built; an in-order greedy match is used. */
const MAX_TABLE_CELLS = 4_000_000;

export type Pair = readonly [number, number];

/**
 * @example matchSequences(['a', 'b', 'c'], ['a', 'x', 'c']) // [[0, 0], [2, 2]]
 */
export function matchSequences(a: readonly string[], b: readonly string[]): Pair[] {
  // Most edits touch the middle of a chain: the common ends need no table.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = Array.from({ length: start }, (_, i): Pair => [i, i]);
  const tail = Array.from({ length: a.length - endA }, (_, k): Pair => [endA + k, endB + k]);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle =
    midA.length * midB.length <= MAX_TABLE_CELLS ? lcs(midA, midB) : greedy(midA, midB);
  return [...head, ...middle.map(([i, j]): Pair => [i + start, j + start]), ...tail];
}

function lcs(a: readonly string[], b: readonly string[]): Pair[] {
  const m = b.length;
  // lengths[i][j]: the LCS length of a[i..] and b[j..], in one flat array.
  const lengths = new Uint32Array((a.length + 1) * (m + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j] ?? 0, lengths[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i++, j++]);
    } else if ((lengths[(i + 1) * (m + 1) + j] ?? 0) >= (lengths[i * (m + 1) + j + 1] ?? 0)) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/** Each b[j] matched to the first equal a[i] after the last match: linear, and good enough. */
function greedy(a: readonly string[], b: readonly string[]): Pair[] {
  const positions = new Map<string, number[]>();
  a.forEach((text, i) => {
    const list = positions.get(text);
    if (list) list.push(i);
    else positions.set(text, [i]);
  });
  const pairs: Pair[] = [];
  let last = -1;
  b.forEach((text, j) => {
    const list = positions.get(text);
    while (list && list.length > 0 && (list[0] ?? 0) <= last) list.shift();
    const i = list?.shift();
    if (i !== undefined) {
      pairs.push([i, j]);
      last = i;
    }
  });
  return pairs;
}

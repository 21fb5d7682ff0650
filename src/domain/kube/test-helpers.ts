/** Helpers shared by the generator tests. */
import { parseDump } from '../parse/parse-dump.ts';

const BUILTIN_JUMP = /^-A (PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) /;

/** The restore text without the built-in chains' jumps (kube-proxy's fixtures do not hold them). */
export const withoutBuiltinJumps = (restore: string): string =>
  restore
    .split('\n')
    .filter((l) => !BUILTIN_JUMP.test(l))
    .join('\n');

/** One table's block (`*name` … `COMMIT`) of a dump. */
export function tableBlock(text: string, table: string): string {
  const start = text.indexOf(`*${table}\n`);
  if (start < 0) return '';
  const end = text.indexOf('COMMIT\n', start);
  return text.slice(start, end + 'COMMIT\n'.length);
}

/** The rule lines of one chain, in order. */
export const rulesOf = (text: string, chain: string): string[] =>
  text.split('\n').filter((l) => l.startsWith(`-A ${chain} `) || l === `-A ${chain}`);

/** Parse errors of generated text (there must be none). */
export const parseErrors = (text: string): string[] =>
  parseDump(text)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => `${p.line}: ${p.message}`);

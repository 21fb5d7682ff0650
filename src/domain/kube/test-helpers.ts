/** Helpers shared by the generator tests. */
import { parseDump } from '../parse/parse-dump.ts';
import type { Service } from './objects.ts';
import { BUILTIN_JUMPS_NOTE } from './rule-line.ts';

/**
 * The restore text without what kube-proxy installs outside its restore data
 * (the built-in chains' jumps, from BUILTIN_JUMPS_NOTE to each COMMIT): kube-proxy's
 * fixtures do not hold them.
 */
export function withoutBuiltinJumps(restore: string): string {
  let skipping = false;
  const out: string[] = [];
  for (const l of restore.split('\n')) {
    if (l === BUILTIN_JUMPS_NOTE) skipping = true;
    if (l === 'COMMIT') skipping = false;
    if (!skipping) out.push(l);
  }
  return out.join('\n');
}

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

/** ns/web, a ClusterIP Service with one named TCP port 80; `over` changes any field. */
export const webService = (over: Partial<Service> = {}): Service => ({
  kind: 'Service',
  namespace: 'ns',
  name: 'web',
  type: 'ClusterIP',
  clusterIP: '10.96.0.10',
  ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
  ...over,
});

/**
 * The Services a dump has rules for, for the focus picker.
 */
import type { Ruleset } from '../domain/model/ruleset.ts';
import { analyseRuleset } from './analysis.ts';
import { naturalCompare } from './compare.ts';

export interface ServiceEntry {
  /** What buildGraph's `focus` takes. */
  readonly key: string;
  /** `namespace/name:port` from the comments, or `10.96.0.10:80/tcp` from the rules. */
  readonly label: string;
}

/**
 * Every Service port with chains in the dump, by label (numbers in order:
 * svc2 before svc10).
 *
 * @example
 *   servicesOf(parseDump(SEED_SAVE).ruleset);
 *   // [{ key: 'default/nginx-service-nodeport:', label: 'default/nginx-service-nodeport' }]
 */
export function servicesOf(ruleset: Ruleset): ServiceEntry[] {
  const { groups } = analyseRuleset(ruleset).groups;
  return [...groups.values()]
    .map(({ key, label }) => ({ key, label }))
    .sort((a, b) => naturalCompare(a.label, b.label) || naturalCompare(a.key, b.key));
}

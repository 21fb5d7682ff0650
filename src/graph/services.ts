/**
 * The Services a dump has rules for, for the focus picker.
 */
import type { Ruleset } from '../domain/model/ruleset.ts';
import { analyseRuleset } from './analysis.ts';
import type { NaturalKey } from './compare.ts';
import { compareNaturalKeys, naturalKey } from './compare.ts';

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
  // Each label split into runs once, not at each of the sort's comparisons; a key only
  // when two labels tie, which they rarely do.
  const sortable = [...groups.values()].map(({ key, label }) => ({
    entry: { key, label },
    label: naturalKey(label),
    key: undefined as NaturalKey | undefined,
  }));
  const keyOf = (s: (typeof sortable)[number]): NaturalKey => (s.key ??= naturalKey(s.entry.key));
  return sortable
    .sort((a, b) => compareNaturalKeys(a.label, b.label) || compareNaturalKeys(keyOf(a), keyOf(b)))
    .map(({ entry }) => entry);
}

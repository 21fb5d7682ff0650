import type { TFunction, TranslationKey } from '../i18n/i18n.ts';
import { scenarioById } from '../../domain/examples/scenarios.ts';
import { RULES_PLAYS, type RulesPlay } from '../../domain/play/plans.ts';
import { EXAMPLE_PREFIX, type ScenarioId } from '../../store/playback-slice.ts';

const isRulesPlay = (id: string): id is RulesPlay =>
  (RULES_PLAYS as readonly string[]).includes(id);

/**
 * A scenario's name as the picker lists it (and an export or a share snippet titles it).
 *
 * @example
 *   scenarioName('example:hairpin', t); // 'Hairpin: a pod to its own Service'
 */
export function scenarioName(id: ScenarioId | null, t: TFunction): string {
  if (id === null) return t('play.none');
  if (isRulesPlay(id)) return t(`play.rules.${id}`);
  const example = id.startsWith(EXAMPLE_PREFIX)
    ? scenarioById(id.slice(EXAMPLE_PREFIX.length))
    : undefined;
  if (example) {
    // A key built from the scenario's id: its English title stands in for one the catalogue lacks.
    const key = `play.example.${example.id}` as TranslationKey;
    return t(key, { defaultValue: example.title });
  }
  return t('play.custom');
}

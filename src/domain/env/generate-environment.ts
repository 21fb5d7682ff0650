import { generateRules } from '../kube/generate.ts';
import type { GenerationNote } from '../kube/notes.ts';
import { asLoadedByKernel } from '../model/kernel-form.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { serializeSave } from '../parse/serialize-save.ts';
import type { Environment } from './environment.ts';
import { environmentToObjects } from './to-objects.ts';
import type { EnvironmentProblem } from './validate.ts';
import { validateEnvironment } from './validate.ts';

export type EnvironmentRules =
  | {
      readonly ok: true;
      /** The iptables-restore text kube-proxy writes, the built-in chains' jumps included. */
      readonly restore: string;
      /** The same rules as `iptables-save` prints them once the kernel holds them. */
      readonly save: string;
      readonly notes: readonly GenerationNote[];
    }
  | { readonly ok: false; readonly problems: readonly EnvironmentProblem[] };

/** `iptables-save`'s view of restore text: what the kernel prints back after loading it. */
export function restoreToSave(restore: string): string {
  return serializeSave(asLoadedByKernel(parseDump(restore, { format: 'save' }).ruleset));
}

/**
 * The rules kube-proxy writes for a valid environment, or the environment's problems and no
 * rules at all (so that an editor can keep showing the last rules that were written).
 *
 * @example
 * const rules = generateEnvironmentRules(SEED_ENVIRONMENT);
 * if (rules.ok) rules.restore; // "*filter\n:KUBE-SERVICES - [0:0]\n…"
 */
export function generateEnvironmentRules(env: Environment): EnvironmentRules {
  const { problems } = validateEnvironment(env);
  if (problems.length > 0) return { ok: false, problems };
  const { objects, node } = environmentToObjects(env);
  const { restore, notes } = generateRules(objects, node);
  return { ok: true, restore, save: restoreToSave(restore), notes };
}

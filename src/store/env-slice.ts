import type { StateCreator } from 'zustand';
import type { Environment } from '../domain/env/environment.ts';
import { generateEnvironmentRules } from '../domain/env/generate-environment.ts';
import { decodeEnvironment } from '../domain/env/share-codec.ts';
import type { RulesDiff } from '../domain/env/rules-diff.ts';
import { diffRules } from '../domain/env/rules-diff.ts';
import { SEED_ENVIRONMENT } from '../domain/env/seed-environment.ts';
import type { EnvironmentProblem } from '../domain/env/validate.ts';
import type { Problem } from '../domain/model/problem.ts';
import type { EnvFieldProblem, EnvForm } from './env-form.ts';
import { checkEnvForm } from './env-check.ts';
import { envToForm } from './env-form.ts';
import { applyEdit, type EnvEdit } from './env-edits.ts';
import type { KpvizState } from './store.ts';

/** What came of the `#env=` link the page was opened with. */
export type EnvLinkState =
  | { readonly status: 'restored' }
  | {
      readonly status: 'failed';
      readonly message: string;
      readonly problems: readonly EnvironmentProblem[];
    };

/**
 * The environment editor: a cluster as a form, the rules kube-proxy writes for it, and what
 * the last change did to them. The app opens on the seed article's own listing; the editor
 * shows the same cluster and puts its generated rules on screen only once the user changes it.
 */
export interface EnvSlice {
  /** The form as typed. */
  envForm: EnvForm;
  /** What is wrong with it, by field; empty when it is valid. */
  envProblems: readonly EnvFieldProblem[];
  /** The last valid environment: the seed until a valid change. Exports and links use it. */
  envValid: Environment;
  /** Whether the user has changed (or imported, or opened a link to) an environment. */
  envTouched: boolean;
  /** The iptables-save text of envValid's rules once the editor has loaded them; null before. */
  envRules: string | null;
  /** What the last valid change did to the rules (null before the first). */
  envDiff: RulesDiff | null;
  /** Problems reading the last YAML import (errors mean nothing was imported). */
  envImportProblems: readonly Problem[];
  envLink: EnvLinkState | null;
  /**
   * Change the form. A valid result regenerates the rules and loads them as the dump on screen,
   * keeping the graph's layout; an invalid one keeps the last valid rules (then stale).
   *
   * @example
   *   useKpvizStore.getState().editEnvironment({ kind: 'addPod', service: 0 });
   *   useKpvizStore.getState().editEnvironment({ kind: 'pod', service: 0, pod: 1, field: 'ip', value: '10.0.0' });
   */
  editEnvironment: (edit: EnvEdit) => void;
  /**
   * Replace the form with an environment from Kubernetes YAML; false when it could not be read.
   * Asynchronous: the YAML reader loads on first use (an embedded player never needs it).
   */
  importEnvironmentYaml: (text: string) => Promise<boolean>;
  /**
   * Open the environment of a share link (`#env=…`): only a valid one replaces the form.
   * Resolves once its rules are on screen (an embedded player then plays a scenario on them).
   */
  openSharedEnvironment: (text: string) => Promise<void>;
  /** Back to the seed environment, its generated rules on screen. */
  resetEnvironment: () => void;
}

/** Generated rules, once per environment object: the diff asks for the previous one's again. */
const generated = new WeakMap<Environment, string>();
function rulesOf(env: Environment): string | undefined {
  let save = generated.get(env);
  if (save === undefined) {
    const rules = generateEnvironmentRules(env);
    if (!rules.ok) return undefined;
    save = rules.save;
    generated.set(env, save);
  }
  return save;
}

const sameEnvironment = (a: Environment, b: Environment) => JSON.stringify(a) === JSON.stringify(b);

export const createEnvSlice: StateCreator<KpvizState, [], [], EnvSlice> = (set, get) => {
  /**
   * Take a valid environment: its rules, the diff from the last one, and onto the screen. Text
   * that reads as the same environment (a space after a comma) changes nothing else, unless
   * `load` asks for its rules anyway.
   */
  const accept = async (
    form: EnvForm,
    env: Environment,
    extra: Partial<EnvSlice>,
    load = false,
  ): Promise<void> => {
    const state = get();
    const before = rulesOf(state.envValid);
    const after = rulesOf(env);
    if (after === undefined || before === undefined) return;
    const base = { ...extra, envForm: form, envProblems: [], envTouched: true };
    if (sameEnvironment(state.envValid, env) && !load) {
      set(base);
      return;
    }
    set({ ...base, envValid: env, envRules: after, envDiff: diffRules(before, after) });
    // Not twice: the same rules may be on screen already.
    if (get().dump !== after) await get().loadDump(after, { format: 'save' }, { keepLayout: true });
  };

  /** Take the form as typed: accepted if valid, else its problems shown and the rules kept. */
  const change = (form: EnvForm, extra: Partial<EnvSlice> = {}, load = false) => {
    const checked = checkEnvForm(form);
    if (checked.environment) void accept(form, checked.environment, extra, load);
    else set({ ...extra, envForm: form, envProblems: checked.problems, envTouched: true });
  };

  return {
    envForm: envToForm(SEED_ENVIRONMENT),
    envProblems: [],
    envValid: SEED_ENVIRONMENT,
    envTouched: false,
    envRules: null,
    envDiff: null,
    envImportProblems: [],
    envLink: null,
    editEnvironment: (edit) => change(applyEdit(get().envForm, edit)),
    importEnvironmentYaml: async (text) => {
      const { environmentFromYaml } = await import('../domain/env/yaml-import.ts');
      // Manifests from a cluster name no node: the one being edited stays.
      const imported = environmentFromYaml(text, get().envValid.node);
      if (!imported.environment) {
        set({ envImportProblems: imported.problems });
        return false;
      }
      change(envToForm(imported.environment), { envImportProblems: imported.problems }, true);
      return true;
    },
    openSharedEnvironment: async (text) => {
      const shared = await decodeEnvironment(text);
      if (!shared.ok) {
        set({ envLink: { status: 'failed', message: shared.message, problems: shared.problems } });
      } else if (shared.problems.length > 0) {
        // The seed stays: a link's environment is only taken whole and valid.
        set({ envLink: { status: 'failed', message: '', problems: shared.problems } });
      } else {
        const { environment } = shared;
        await accept(
          envToForm(environment),
          environment,
          { envLink: { status: 'restored' } },
          true,
        );
      }
    },
    resetEnvironment: () => void accept(envToForm(SEED_ENVIRONMENT), SEED_ENVIRONMENT, {}, true),
  };
};

export const selectEnvForm = (state: KpvizState): EnvForm => state.envForm;
export const selectEnvProblems = (state: KpvizState): readonly EnvFieldProblem[] =>
  state.envProblems;
export const selectEnvValid = (state: KpvizState): Environment => state.envValid;
export const selectEnvDiff = (state: KpvizState): RulesDiff | null => state.envDiff;
export const selectEnvRules = (state: KpvizState): string | null => state.envRules;
/** Whether the rules on screen are the editor's (the last valid environment's). */
export const selectEnvOnScreen = (state: KpvizState): boolean =>
  state.envRules !== null && state.dump === state.envRules;

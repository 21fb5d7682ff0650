import { encodeEnvironment } from '../domain/env/share-codec.ts';
import { SEED_ENVIRONMENT } from '../domain/env/seed-environment.ts';
import { seedWithPods } from '../domain/env/test-environments.ts';
import { environmentToYaml } from '../domain/env/yaml-export.ts';
import { SEED_LISTING } from '../domain/examples/seed.ts';
import type { ChainNode, Graph } from '../graph/types.ts';
import { envToForm } from './env-form.ts';
import { selectEnvOnScreen } from './env-slice.ts';
import { useKpvizStore } from './store.ts';

const store = useKpvizStore;

beforeEach(() => store.setState(store.getInitialState(), true));

/** Until the editor's rules are the dump on screen, parsed and drawn. */
const shown = () =>
  vi.waitFor(() => {
    const state = store.getState();
    expect(selectEnvOnScreen(state)).toBe(true);
    expect(state.loading.phase).toBe('idle');
  });

const chains = (graph: Graph) =>
  new Map(
    graph.nodes.filter((n): n is ChainNode => n.kind === 'chain').map((n) => [n.id, n.position]),
  );

const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';

/** How many rules the graph draws in the seed's Service chain. */
const serviceRules = (graph: Graph) => {
  const node = graph.nodes.find((n) => n.id === `nat/${SVC}`);
  return node?.kind === 'chain' ? node.rules.length : undefined;
};

describe('envSlice', () => {
  it('opens on the seed environment with the article’s own listing on screen', () => {
    const state = store.getState();
    expect(state.envForm).toEqual(envToForm(SEED_ENVIRONMENT));
    expect(state.envValid).toBe(SEED_ENVIRONMENT);
    expect(state.envRules).toBeNull();
    expect(state.dump).toBe(SEED_LISTING);
    expect(selectEnvOnScreen(state)).toBe(false);
  });

  it('scaling 3 → 4 pods loads the new rules and diffs the probabilities', async () => {
    const revision = store.getState().revision;
    store.getState().editEnvironment({ kind: 'addPod', service: 0 });
    await shown();
    const state = store.getState();
    expect(state.revision).toBe(revision + 1);
    expect(state.overview.format).toBe('save');
    expect(state.dump).toContain('--probability 0.25000000000 -j KUBE-SEP-');
    const diff = state.envDiff;
    const svc = (text: string | undefined) =>
      /--probability (\S+)/.exec(text ?? '')?.[1] ?? '(last)';
    expect(
      diff?.changed
        .filter((c) => c.chain === SVC)
        .map((c) => [svc(c.before?.text), svc(c.after?.text)]),
    ).toEqual([
      ['0.33332999982', '0.25000000000'],
      ['0.50000000000', '0.33332999982'],
      ['(last)', '0.50000000000'],
    ]);
    expect(diff?.added.filter((a) => a.chain === SVC)).toHaveLength(1);
    expect(diff?.addedChains.map((c) => c.chain)).toEqual([expect.stringMatching(/^KUBE-SEP-/)]);
    expect(diff?.removed).toEqual([]);
    expect(serviceRules(state.graph)).toBe(4);
  });

  it('keeps the chains of the graph in place when the rules change', async () => {
    const { editEnvironment } = store.getState();
    editEnvironment({ kind: 'addService' });
    await shown();
    const before = chains(store.getState().graph);
    // A Service whose lane a fresh layout would put first, above the seed's Service.
    editEnvironment({ kind: 'service', service: 1, field: 'name', value: 'aaa' });
    await vi.waitFor(() => expect(store.getState().envValid.services[1]?.name).toBe('aaa'));
    await shown();
    editEnvironment({ kind: 'addPod', service: 0 });
    await vi.waitFor(() => expect(store.getState().envValid.services[0]?.pods).toHaveLength(4));
    await shown();
    const after = chains(store.getState().graph);
    const kept = [...before.keys()].filter((id) => after.has(id));
    expect(kept).toContain(`nat/${SVC}`);
    for (const id of kept) expect(after.get(id), id).toEqual(before.get(id));
  });

  it('keeps every field as typed when one is wrong, and the last valid rules on screen', async () => {
    const { editEnvironment } = store.getState();
    editEnvironment({ kind: 'service', service: 0, field: 'name', value: 'web' });
    await shown();
    const rules = store.getState().dump;
    editEnvironment({ kind: 'pod', service: 0, pod: 1, field: 'ip', value: '172.17.0.300' });
    const state = store.getState();
    expect(state.envForm.services[0]?.name).toBe('web');
    expect(state.envForm.services[0]?.pods[1]?.ip).toBe('172.17.0.300');
    expect(state.envProblems.map((p) => p.field)).toEqual(['services[0].pods[1].ip']);
    expect(state.envValid.services[0]?.name).toBe('web');
    expect(state.dump).toBe(rules);
    expect(state.loading.phase).toBe('idle');
    // Still the editor's rules: the last valid ones, now stale.
    expect(selectEnvOnScreen(state)).toBe(true);
  });

  it('imports an environment from its YAML, and reports YAML it cannot read', async () => {
    const yaml = environmentToYaml(seedWithPods(2));
    expect(await store.getState().importEnvironmentYaml(yaml)).toBe(true);
    await shown();
    expect(JSON.stringify(store.getState().envValid)).toBe(JSON.stringify(seedWithPods(2)));
    expect(store.getState().envForm.services[0]?.pods).toHaveLength(2);

    expect(await store.getState().importEnvironmentYaml('kind: Service\nspec: [')).toBe(false);
    expect(store.getState().envImportProblems.some((p) => p.severity === 'error')).toBe(true);
    expect(store.getState().envForm.services[0]?.pods).toHaveLength(2);
  });

  it('opens a valid share link, and keeps the seed for a broken or invalid one', async () => {
    await store.getState().openSharedEnvironment('e1.!!');
    expect(store.getState().envLink).toMatchObject({ status: 'failed' });
    expect(store.getState().envLink).toMatchObject({
      message: expect.stringContaining('damaged') as string,
    });
    expect(store.getState().envForm).toEqual(envToForm(SEED_ENVIRONMENT));
    expect(store.getState().dump).toBe(SEED_LISTING);

    const invalid = seedWithPods(2);
    const bad = await encodeEnvironment({
      ...invalid,
      node: { ...invalid.node, nodeIPs: ['172.17.0.2'] },
    });
    if (!bad.ok) throw new Error(bad.message);
    await store.getState().openSharedEnvironment(bad.text);
    expect(store.getState().envLink).toMatchObject({
      status: 'failed',
      problems: [{ path: 'services[0].pods[0].ip' }],
    });
    expect(store.getState().envForm).toEqual(envToForm(SEED_ENVIRONMENT));

    const link = await encodeEnvironment(seedWithPods(5));
    if (!link.ok) throw new Error(link.message);
    await store.getState().openSharedEnvironment(link.text);
    await shown();
    expect(store.getState().envLink).toEqual({ status: 'restored' });
    expect(JSON.stringify(store.getState().envValid)).toBe(JSON.stringify(seedWithPods(5)));
    expect(serviceRules(store.getState().graph)).toBe(5);
  });

  it('goes back to the seed environment and its generated rules', async () => {
    store.getState().editEnvironment({ kind: 'removePod', service: 0, pod: 0 });
    await shown();
    store.getState().resetEnvironment();
    await vi.waitFor(() => expect(store.getState().dump).toContain('0.33332999982'));
    await shown();
    expect(store.getState().envForm).toEqual(envToForm(SEED_ENVIRONMENT));
    // The pod back: its endpoint chain's two rules and the Service chain's jump to it.
    expect(store.getState().envDiff?.added).toHaveLength(3);
  });
});

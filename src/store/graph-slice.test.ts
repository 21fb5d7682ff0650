import { syntheticDump } from '../domain/examples/synthetic-dump.ts';
import { isDrawn } from '../graph/ids.ts';
import { selectGraph } from './graph-slice.ts';
import { selectTheme } from './settings-slice.ts';
import { useKpvizStore } from './store.ts';

const store = useKpvizStore;
beforeEach(() => store.setState(store.getInitialState(), true));

describe('graphSlice', () => {
  it('opens on the graph with nothing focused, selected or searched', () => {
    const state = store.getState();
    expect(state.view).toBe('graph');
    expect(state.focus).toBeNull();
    expect(state.selection).toBeNull();
    expect(state.searchQuery).toBe('');
    expect(state.expanded).toEqual([]);
    expect(state.collapsed).toEqual([]);
  });

  it('setView switches between the graph and the rules', () => {
    store.getState().setView('rules');
    expect(store.getState().view).toBe('rules');
  });

  it('toggleCollapsed collapses a chain, and expands it again', () => {
    store.getState().toggleCollapsed('nat/KUBE-SERVICES');
    expect(store.getState().collapsed).toEqual(['nat/KUBE-SERVICES']);
    store.getState().toggleCollapsed('nat/KUBE-SERVICES');
    expect(store.getState().collapsed).toEqual([]);
  });

  it('setFocus narrows to a Service and clears a selection that may no longer be drawn', () => {
    store.getState().select({ node: 'nat/KUBE-SERVICES' });
    store.getState().setFocus('default/nginx-service-nodeport:', 'default/nginx-service-nodeport');
    expect(store.getState().focus).toBe('default/nginx-service-nodeport:');
    expect(store.getState().focusLabel).toBe('default/nginx-service-nodeport');
    expect(store.getState().selection).toBeNull();
    store.getState().setFocus(null);
    expect(store.getState().focus).toBeNull();
    expect(store.getState().focusLabel).toBeNull();
  });

  it('asks the session for a new graph when what is drawn changes, and shows the latest', async () => {
    const before = selectGraph(store.getState());
    expect(before.nodes.find((n) => n.id === 'nat/KUBE-SERVICES')).toMatchObject({
      collapsed: false,
    });
    store.getState().toggleCollapsed('nat/KUBE-SERVICES');
    store.getState().toggleCollapsed('nat/KUBE-NODEPORTS');
    await vi.waitFor(() => expect(selectGraph(store.getState())).not.toBe(before));
    const after = selectGraph(store.getState());
    expect(after.nodes.filter((n) => n.kind === 'chain' && n.collapsed).map((n) => n.id)).toEqual(
      expect.arrayContaining(['nat/KUBE-SERVICES', 'nat/KUBE-NODEPORTS']),
    );
  });

  it('jumpTo a rule whose target the graph leaves out expands that chain', async () => {
    await store.getState().loadDump(syntheticDump({ services: 600 }));
    const { graph } = store.getState();
    const services = graph.nodes.find((node) => node.id === 'nat/KUBE-SERVICES');
    const hidden = (services?.kind === 'chain' && services.rules[0]?.targetId) || '';
    expect(hidden).toMatch(/^nat\/KUBE-SVC-/);
    expect(isDrawn(graph, hidden)).toBe(false);
    store.getState().jumpTo({ node: 'nat/KUBE-SERVICES', target: hidden });
    expect(store.getState().expanded).toEqual([hidden]);
    await vi.waitFor(() =>
      expect(selectGraph(store.getState()).nodes.map((n) => n.id)).toContain(hidden),
    );
  });

  it('searches the dump and keeps only the answer to the query typed last', async () => {
    store.getState().setSearchQuery('172.17.0.2');
    store.getState().setSearchQuery('172.17.0.3');
    await vi.waitFor(() => expect(store.getState().search.query).toBe('172.17.0.3'));
    const { hits, total } = store.getState().search;
    expect(total).toBe(2);
    expect(hits.map((hit) => hit.title)).toEqual([
      'KUBE-SEP-GRLEVIWNO4P37GSQ #1',
      'KUBE-SEP-GRLEVIWNO4P37GSQ #2',
    ]);
    expect(hits[1]?.text).toMatch(/-j DNAT --to-destination 172\.17\.0\.3:80$/);
  });

  it('jumpTo selects, uncollapses and asks for the chain to be brought into view, each time anew', () => {
    store.getState().toggleCollapsed('nat/KUBE-SERVICES');
    store.getState().jumpTo({ node: 'nat/KUBE-SERVICES', rule: 'nat/KUBE-SERVICES#1' });
    const first = store.getState();
    expect(first.selection).toEqual({ node: 'nat/KUBE-SERVICES', rule: 'nat/KUBE-SERVICES#1' });
    expect(first.collapsed).toEqual([]);
    expect(first.reveal?.node).toBe('nat/KUBE-SERVICES');
    store.getState().jumpTo({ node: 'nat/KUBE-SERVICES' });
    expect(store.getState().reveal?.seq).toBeGreaterThan(first.reveal?.seq ?? 0);
  });

  it('moving the selection around does not rebuild the graph', () => {
    const graph = selectGraph(store.getState());
    store.getState().jumpTo({ node: 'nat/KUBE-SERVICES' });
    store.getState().select({ node: 'nat/KUBE-NODEPORTS' });
    expect(selectGraph(store.getState())).toBe(graph);
  });

  it('a new dump starts the graph view over, and keeps the tab', () => {
    store.getState().setView('rules');
    store.getState().setFocus('default/nginx-service-nodeport:');
    store.getState().setSearchQuery('10.254.198.92');
    store.getState().toggleCollapsed('nat/KUBE-SERVICES');
    store.getState().loadExample();
    const state = store.getState();
    expect(state.view).toBe('rules');
    expect(state.focus).toBeNull();
    expect(state.searchQuery).toBe('');
    expect(state.collapsed).toEqual([]);
  });
});

describe('settingsSlice theme', () => {
  it('follows the system until the user picks a theme', () => {
    expect(selectTheme(store.getState())).toBe('system');
    store.getState().setTheme('dark');
    expect(selectTheme(store.getState())).toBe('dark');
  });
});
